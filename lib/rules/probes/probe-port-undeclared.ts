import { containersOf, declaredPorts, POD_KINDS, PROBE_FIELDS, probePort } from '../k8s';
import { Rule, Violation } from '../types';

export const probePortUndeclared: Rule = {
  id: 'CKP203',
  name: 'probe-port-undeclared',
  level: 'error',
  summary: 'A probe targets a port that its container declares.',
  why: 'A probe on a port the container does not declare usually probes nothing: the probe fails forever (the pod never becomes '
    + 'ready, or liveness restarts it in a loop), and a named port that no port carries is rejected when the pod starts.',
  fix: 'Probe a port listed in the container\'s `ports`, or declare the port the app really listens on.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const { numbers, names } = declaredPorts(c.container);
      for (const field of PROBE_FIELDS) {
        const port = probePort(c.container[field]);
        if (port === undefined) continue;
        const declared = typeof port === 'number' ? numbers.has(port) : names.has(port);
        if (!declared) {
          const known = [...numbers].join(', ') || 'none';
          out.push({
            field: `${c.path}.${field}`,
            value: port,
            container: c.name,
            message: `${field} targets port ${typeof port === 'string' ? `'${port}'` : port}, which the container does not declare (declared: ${known})`,
          });
        }
      }
    }
    return out;
  },
};
