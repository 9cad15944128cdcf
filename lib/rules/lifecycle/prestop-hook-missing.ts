import { containersOf, LONG_RUNNING_KINDS, servedPorts } from '../k8s';
import { Rule, Violation } from '../types';

export const preStopHookMissing: Rule = {
  id: 'CKP302',
  name: 'prestop-hook-missing',
  level: 'warning',
  summary: 'A container that serves a port (declares it, or is probed on it over HTTP or TCP) delays SIGTERM with a preStop hook until endpoints are updated.',
  why: 'Endpoint removal and SIGTERM happen at the same time. Without a short preStop delay the app stops accepting connections '
    + 'while kube-proxy and load balancers still send it new ones, and clients see connection errors on every rollout.',
  fix: 'Add `lifecycle.preStop` that waits a few seconds (`exec: [sleep, "5"]`, or an HTTP endpoint of the app that waits), '
    + 'and keep terminationGracePeriodSeconds above it plus the drain time.',
  kinds: LONG_RUNNING_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const serves = servedPorts(c.container).length > 0;
      if (serves && !c.container.lifecycle?.preStop) {
        out.push({ field: `${c.path}.lifecycle.preStop`, container: c.name, message: 'serves a port but has no preStop hook, so SIGTERM races endpoint removal' });
      }
    }
    return out;
  },
};
