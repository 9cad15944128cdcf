import { containersOf, isObject, listOf, POD_KINDS, PROBE_FIELDS } from '../k8s';
import { Rule, Violation } from '../types';

/** The probe handlers that connect over TCP, and the field of each that holds the port. */
const TCP_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const probePortUndeclared: Rule = {
  id: 'CKP203',
  name: 'probe-port-undeclared',
  level: 'error',
  summary: 'A probe names a port its container declares, and never probes over TCP a port declared only for UDP or SCTP.',
  why: 'A probe by port name that no port of the container carries is rejected when the pod is created (the whole apply fails). '
    + 'A TCP probe (httpGet, tcpSocket, grpc) on a port the container declares only as UDP or SCTP probes a port nothing listens on '
    + 'over TCP: it fails forever, so the pod never becomes ready or liveness restarts it in a loop. A probe on a number that is '
    + 'not declared is fine (Kubernetes does not require probe ports to be declared: a health or metrics port often is not).',
  fix: 'Name a port listed in the container\'s `ports`, or probe by number; for a UDP service, probe a TCP port (or use an exec probe).',
  kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'],
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const ports = listOf(c.container.ports).filter(isObject);
      for (const field of PROBE_FIELDS) {
        const probe = c.container[field];
        if (!isObject(probe)) continue;
        for (const handler of TCP_HANDLERS) {
          const port = isObject(probe[handler]) ? probe[handler].port : undefined;
          if (typeof port === 'string') {
            const named = ports.filter(p => p.name === port);
            if (named.length === 0) {
              const known = ports.map(p => p.name).filter(n => typeof n === 'string');
              out.push({
                field: `${c.path}.${field}`,
                value: port,
                container: c.name,
                message: `${field} targets port '${port}', which the container does not declare (named ports: ${known.join(', ') || 'none'}): the pod is rejected`,
              });
            } else if (named.every(p => !isTcp(p))) {
              out.push(udpOnly(c.path, c.name, field, handler, port, named[0].protocol));
            }
          } else if (typeof port === 'number') {
            const numbered = ports.filter(p => p.containerPort === port);
            if (numbered.length > 0 && numbered.every(p => !isTcp(p))) out.push(udpOnly(c.path, c.name, field, handler, port, numbered[0].protocol));
          }
        }
      }
    }
    return out;
  },
};

const isTcp = (p: Record<string, unknown>) => (p.protocol ?? 'TCP') === 'TCP';

function udpOnly(path: string, container: string, field: string, handler: string, port: string | number, protocol: unknown): Violation {
  return {
    field: `${path}.${field}`,
    value: port,
    container,
    message: `${field} ${handler} connects over TCP to port ${typeof port === 'string' ? `'${port}'` : port}, which the container declares only as ${String(protocol)}: the probe fails forever`,
  };
}
