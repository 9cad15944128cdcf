import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const probeSuccessThreshold: Rule = {
  id: 'CKP202',
  name: 'probe-success-threshold',
  level: 'error',
  summary: 'Liveness and startup probes have `successThreshold: 1`.',
  why: 'The API server rejects a liveness or startup probe whose successThreshold is not 1: one success is what "alive" and '
    + '"started" mean. The manifest never applies.',
  fix: 'Set `successThreshold: 1` (or leave it out). To demand several successes before traffic, raise it on the readiness probe instead.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      for (const field of ['livenessProbe', 'startupProbe'] as const) {
        const st = c.container[field]?.successThreshold;
        if (st !== undefined && st !== 1) {
          out.push({ field: `${c.path}.${field}.successThreshold`, value: st, container: c.name, message: `${field}.successThreshold is ${st}, but the API server only accepts 1` });
        }
      }
    }
    return out;
  },
};
