import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { dnsLabelProblem } from './names';

export const containerNameInvalid: Rule = {
  id: 'CKP807',
  name: 'container-name-invalid',
  level: 'error',
  summary: 'Every container and init container name is a DNS-1123 label.',
  why: 'The API server rejects a pod with a container name that is not a DNS-1123 label (at most 63 lowercase letters, digits and '
    + '\'-\'), so the workload never applies.',
  fix: 'Use lowercase letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const name = c.container.name;
      const problem = typeof name === 'string' ? dnsLabelProblem(name) : 'is missing';
      if (problem) out.push({ field: `${c.path}.name`, value: name, container: c.name, message: `container name ${JSON.stringify(name ?? null)} ${problem}` });
    }
    return out;
  },
};
