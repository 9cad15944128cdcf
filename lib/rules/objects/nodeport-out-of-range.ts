import { Rule, Violation } from '../types';

/** The API server's default NodePort range (--service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

export const nodePortOutOfRange: Rule = {
  id: 'CKP803',
  name: 'nodeport-out-of-range',
  level: 'error',
  summary: `A Service's nodePort lies in the default NodePort range ${NODE_PORT_RANGE.min}–${NODE_PORT_RANGE.max}, and only on NodePort or LoadBalancer Services.`,
  why: 'The API server rejects a nodePort outside the cluster\'s service-node-port-range, and a nodePort on a ClusterIP Service, so the '
    + 'Service is never created.',
  fix: `Pick a nodePort from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max}, or leave it out and let the cluster allocate one.`,
  kinds: ['Service'],
  check(obj) {
    const out: Violation[] = [];
    const type = obj.spec?.type ?? 'ClusterIP';
    (Array.isArray(obj.spec?.ports) ? obj.spec.ports : []).forEach((p: any, i: number) => {
      if (p?.nodePort === undefined) return;
      const field = `spec.ports[${i}].nodePort`;
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        out.push({ field, value: p.nodePort, message: `sets nodePort ${p.nodePort} on a ${type} Service`, fix: 'Set the Service type to NodePort, or remove the nodePort.' });
      } else if (typeof p.nodePort !== 'number' || p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
        out.push({ field, value: p.nodePort, message: `nodePort ${p.nodePort} is outside ${NODE_PORT_RANGE.min}–${NODE_PORT_RANGE.max}` });
      }
    });
    return out;
  },
};
