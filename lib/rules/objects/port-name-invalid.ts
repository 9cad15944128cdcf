import { containersOf, POD_KINDS } from '../k8s';
import { handlersOf } from './handlers';
import { dnsLabelProblem } from './names';
import { Rule, Violation } from '../types';
import { portNameProblem } from '../../validation/formats';

export const portNameInvalid: Rule = {
  id: 'CKP821',
  name: 'port-name-invalid',
  level: 'error',
  summary: 'Container port names, and ports referenced by name, are IANA service names (at most 15 lowercase letters, digits and `-`, with a letter); a container names each port once.',
  why: 'The API server rejects a workload whose port name is too long, has capitals or is all digits (`8080` would read as a number), '
    + 'and a Service whose port names are not DNS labels; a probe or Service can only find a port by a name of that form.',
  fix: 'Name the port like `http`, `metrics` or `grpc-web`: lowercase, at most 15 characters, with a letter.',
  kinds: [...POD_KINDS, 'Service'],
  check(obj) {
    const out: Violation[] = [];
    if (obj.kind === 'Service') {
      (Array.isArray(obj.spec?.ports) ? obj.spec.ports : []).forEach((p: any, i: number) => {
        const nameProblem = typeof p?.name === 'string' ? dnsLabelProblem(p.name) : undefined;
        if (nameProblem) out.push({ field: `spec.ports[${i}].name`, value: p.name, message: `Service port name '${p.name}' ${nameProblem}` });
        const target = typeof p?.targetPort === 'string' ? portNameProblem(p.targetPort) : undefined;
        if (target) out.push({ field: `spec.ports[${i}].targetPort`, value: p.targetPort, message: `targetPort name '${p.targetPort}' ${target}` });
      });
      return out;
    }
    for (const c of containersOf(obj)) {
      const seen = new Set<string>();
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
        if (p?.name === undefined) return;
        const problem = typeof p.name === 'string' ? portNameProblem(p.name) : 'is not a string';
        if (problem) out.push({ field: `${c.path}.ports[${i}].name`, value: p.name, container: c.name, message: `port name ${JSON.stringify(p.name)} ${problem}` });
        else if (seen.has(p.name)) out.push({ field: `${c.path}.ports[${i}].name`, value: p.name, container: c.name, message: `port name '${p.name}' is used twice` });
        seen.add(p.name);
      });
    }
    for (const h of handlersOf(obj)) {
      const action = h.handler.httpGet ?? h.handler.tcpSocket ?? h.handler.grpc;
      const problem = typeof action?.port === 'string' ? portNameProblem(action.port) : undefined;
      if (problem) out.push({ field: `${h.path}.port`, value: action.port, container: h.container.name, message: `${h.role} port name '${action.port}' ${problem}` });
    }
    return out;
  },
};
