import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const containerNameDuplicate: Rule = {
  id: 'CKP805',
  name: 'container-name-duplicate',
  level: 'error',
  summary: 'Every container and init container of a pod has its own name.',
  why: 'The API server rejects a pod whose containers or init containers share a name (names address logs, exec, status and '
    + 'restarts), so the workload never applies.',
  fix: 'Rename one of the containers; a sidecar or init container is usually named after its job (`proxy`, `init-web-data`).',
  kinds: POD_KINDS,
  check(obj) {
    const seen = new Map<string, string>();
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const name = c.container.name;
      if (typeof name !== 'string') continue;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, c.path);
        continue;
      }
      out.push({ field: `${c.path}.name`, value: name, container: name, message: `container name '${name}' is already used by ${first}` });
    }
    return out;
  },
};
