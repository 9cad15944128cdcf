import { containersOf, LONG_RUNNING_KINDS, servedPorts } from '../k8s';
import { Rule, Violation } from '../types';

export const livenessProbeMissing: Rule = {
  id: 'CKP207',
  name: 'liveness-probe-missing',
  level: 'info',
  summary: 'A long-running container that serves a port has a liveness probe.',
  why: 'A server can hang without exiting (a deadlock, an exhausted pool, a stuck event loop). Its readiness probe then takes it '
    + 'out of the Service, and without a liveness probe nothing ever restarts it: capacity shrinks pod by pod until someone '
    + 'notices. Where a container serves nothing (a worker, a sidecar that only exits), a liveness probe rarely helps and can '
    + 'restart healthy work, so the rule leaves those alone.',
  fix: 'Add a `livenessProbe` that checks the process itself (not its dependencies), more tolerant than readiness '
    + '(failureThreshold × periodSeconds of a minute or so), so it restarts a hung process without restarting a slow one.',
  polaris: 'livenessProbeMissing',
  checkov: ['CKV_K8S_8'],
  kubeLinter: ['no-liveness-probe'],
  kinds: LONG_RUNNING_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const ports = servedPorts(c.container);
      if (ports.length === 0 || c.container.livenessProbe) continue;
      out.push({
        field: `${c.path}.livenessProbe`,
        container: c.name,
        message: `serves port ${ports.join(', ')} but has no livenessProbe, so a hung process is never restarted`,
      });
    }
    return out;
  },
};
