import { BATCH_KINDS, containersOf, PROBE_FIELDS } from '../k8s';
import { Rule, Violation } from '../types';

export const jobContainerProbe: Rule = {
  id: 'CKP607',
  name: 'job-container-probe',
  level: 'error',
  summary: 'The containers of a Job or CronJob have no readiness, liveness or startup probe.',
  why: 'A Job\'s container runs to completion and serves nothing: readiness gates no traffic, and a liveness or startup '
    + 'probe that fails kills work in progress (a migration half done), which then counts as a failed attempt. The deadline '
    + '(activeDeadlineSeconds) is what bounds a hung Job.',
  fix: 'Remove the probes; bound the run time with `activeDeadlineSeconds` instead.',
  kinds: BATCH_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      for (const probe of PROBE_FIELDS) {
        if (c.container[probe]) {
          out.push({ field: `${c.path}.${probe}`, container: c.name, message: `has a ${probe}, but a Job's container runs to completion and serves nothing` });
        }
      }
    }
    return out;
  },
};
