import { BATCH_KINDS, containersOf } from '../k8s';
import { Rule, Violation } from '../types';

export const jobContainerServesPort: Rule = {
  id: 'CKP614',
  name: 'job-container-serves-port',
  level: 'warning',
  summary: 'The containers of a Job or CronJob declare no ports: batch containers run to completion, they do not serve.',
  why: 'A container that serves a port (a proxy or agent sidecar) does not exit when the work is done. Kubernetes 1.27 has no '
    + 'native sidecars, so the pod never completes: the Job hangs until activeDeadlineSeconds kills it and counts as failed, '
    + 'every run.',
  fix: 'Remove the serving container from the Job, or make it exit when the main container finishes (e.g. a shared file the '
    + 'main container writes on exit).',
  kinds: BATCH_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
      if (ports.length > 0) {
        out.push({
          field: `${c.path}.ports`,
          container: c.name,
          message: `declares port ${ports.map((p: any) => p?.containerPort).join(', ')}: a serving container never exits, so the Job never completes`,
        });
      }
    }
    return out;
  },
};
