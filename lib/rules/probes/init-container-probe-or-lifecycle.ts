import { containersOf, POD_KINDS, PROBE_FIELDS } from '../k8s';
import { Rule, Violation } from '../types';

export const initContainerProbeOrLifecycle: Rule = {
  id: 'CKP205',
  name: 'init-container-probe-or-lifecycle',
  level: 'error',
  summary: 'Init containers have no probes and no lifecycle hooks.',
  why: 'An init container runs to completion before the app starts, so there is nothing to probe or hook: the API server rejects '
    + 'a readiness, liveness or startup probe or a lifecycle on one, and the whole workload never applies.',
  fix: 'Remove the probe or hook from the init container. To wait for a dependency, loop in its command until the dependency '
    + 'answers; to run something when the app starts or stops, put the hook on an app container.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj).filter(x => x.init)) {
      for (const field of [...PROBE_FIELDS, 'lifecycle'] as const) {
        if (c.container[field] === undefined) continue;
        out.push({
          field: `${c.path}.${field}`,
          container: c.name,
          message: `init container '${c.name}' has a ${field}, which the API server rejects on init containers`,
        });
      }
    }
    return out;
  },
};
