import { containersOf, POD_KINDS } from '../k8s';
import { handlersOf } from './handlers';
import { Rule, Violation } from '../types';
import { wholeNumberProblem } from '../../validation/formats';

/** Why `v` is not a port number (1–65535), or undefined. */
export function portNumberProblem(v: unknown): string | undefined {
  return wholeNumberProblem(v, 1, 65535);
}

export const portNumberInvalid: Rule = {
  id: 'CKP827',
  name: 'port-number-invalid',
  level: 'error',
  summary: 'Port numbers (container ports, Service ports and target ports, probe and hook ports) are whole numbers from 1 to 65535.',
  why: 'The API server rejects a workload or Service with port 0, a negative, fractional or too large port; a probe on port 0 would '
    + 'probe nothing.',
  fix: 'Use the port the process listens on, from 1 to 65535, or refer to a declared port by name.',
  kinds: [...POD_KINDS, 'Service'],
  check(obj) {
    const out: Violation[] = [];
    // The field is built only for a finding: most ports are fine.
    const check = (v: unknown, field: () => string, what: string, container?: string) => {
      const problem = portNumberProblem(v);
      if (problem) out.push({ field: field(), value: v, container, message: `${what} ${problem}` });
    };
    if (obj.kind === 'Service') {
      (Array.isArray(obj.spec?.ports) ? obj.spec.ports : []).forEach((p: any, i: number) => {
        check(p?.port, () => `spec.ports[${i}].port`, 'port');
        if (typeof p?.targetPort === 'number') check(p.targetPort, () => `spec.ports[${i}].targetPort`, 'targetPort');
      });
      return out;
    }
    for (const c of containersOf(obj)) {
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => check(p?.containerPort, () => `${c.path}.ports[${i}].containerPort`, 'containerPort', c.name));
    }
    for (const h of handlersOf(obj)) {
      const action = h.handler.httpGet ?? h.handler.tcpSocket;
      if (typeof action?.port === 'number') check(action.port, () => `${h.path}.port`, `${h.role} port`, h.container.name);
    }
    return out;
  },
};
