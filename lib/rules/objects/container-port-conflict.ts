import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const containerPortConflict: Rule = {
  id: 'CKP806',
  name: 'container-port-conflict',
  level: 'error',
  summary: 'No two ports of a pod\'s app containers have the same number and protocol, and no container names two ports alike.',
  why: 'The containers of a pod share one network namespace: when two declare the same port, only one can bind it and the other '
    + 'crash-loops with "address already in use" (a sidecar proxy copied from the app\'s port is the usual case), while a '
    + 'Service may send the traffic meant for one to the other. Two ports of one name in a container are rejected by the API server.',
  fix: 'Give each container its own port (e.g. the app on 5000, its proxy sidecar on 8080) and point the Service at the one that '
    + 'should receive traffic.',
  kinds: POD_KINDS,
  check(obj) {
    const seen = new Map<string, string>();
    const out: Violation[] = [];
    // Init containers have exited before the app containers bind their ports.
    for (const c of containersOf(obj, { init: false })) {
      const names = new Set<string>();
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
        if (typeof p?.name === 'string') {
          if (names.has(p.name)) out.push({ field: `${c.path}.ports[${i}].name`, value: p.name, container: c.name, message: `container '${c.name}' names two ports '${p.name}'` });
          names.add(p.name);
        }
        if (typeof p?.containerPort !== 'number') return;
        const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, `container '${c.name}'`);
          return;
        }
        out.push({
          field: `${c.path}.ports[${i}]`,
          value: key,
          container: c.name,
          message: `port ${key} of container '${c.name}' is also declared by ${first}: containers share the pod's network namespace, so only one can bind it`,
        });
      });
    }
    return out;
  },
};
