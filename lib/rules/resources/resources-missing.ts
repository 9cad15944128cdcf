import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

const unset = (v: unknown) => v === undefined || v === null;

export const resourcesMissing: Rule = {
  id: 'CKP401',
  name: 'resources-missing',
  level: 'error',
  summary: 'Every container sets cpu and memory requests and a memory limit.',
  why: 'A pod without requests is BestEffort: the scheduler places it blindly and the kubelet evicts it first under pressure. '
    + 'Without a memory limit one leaking container can push the whole node into OOM.',
  fix: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` on every container (equal limits for Guaranteed).',
  checkov: ['CKV_K8S_10', 'CKV_K8S_12', 'CKV_K8S_13'],
  kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const res = c.container.resources ?? {};
      // A request the API will default from its limit counts as set.
      const missing: string[] = [];
      if (unset(res.requests?.cpu ?? res.limits?.cpu)) missing.push('requests.cpu');
      if (unset(res.requests?.memory ?? res.limits?.memory)) missing.push('requests.memory');
      if (unset(res.limits?.memory)) missing.push('limits.memory');
      if (missing.length > 0) {
        out.push({
          field: `${c.path}.resources`,
          container: c.name,
          message: `sets no ${missing.join(', ')}${missing.length === 3 ? ', so the pod is BestEffort: first to be evicted' : ''}`,
        });
      }
    }
    return out;
  },
};
