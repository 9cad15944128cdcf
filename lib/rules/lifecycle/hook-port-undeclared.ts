import { declaredPorts, POD_KINDS } from '../k8s';
import { handlersOf } from '../objects/handlers';
import { Rule, Violation } from '../types';

export const hookPortUndeclared: Rule = {
  id: 'CKP209',
  name: 'hook-port-undeclared',
  level: 'error',
  summary: 'A lifecycle hook that targets a port by name names a port its container declares.',
  why: 'The kubelet resolves a named hook port among the container\'s own ports; a name no port carries fails the hook every time: '
    + 'a failed postStart kills and restarts the container (a crash loop), a failed preStop sends SIGTERM at once, without the drain delay.',
  fix: 'Declare the port with that name on the container, or target the hook at a declared port by name or number.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const h of handlersOf(obj)) {
      if (!h.role.startsWith('lifecycle.')) continue;
      const action = h.handler.httpGet ?? h.handler.tcpSocket;
      const port = action?.port;
      if (typeof port !== 'string') continue;
      if (!declaredPorts(h.container.container).names.has(port)) {
        out.push({ field: `${h.path}.${h.handler.httpGet ? 'httpGet' : 'tcpSocket'}.port`, value: port, container: h.container.name, message: `${h.role} targets port '${port}', which container '${h.container.name}' does not declare` });
      }
    }
    return out;
  },
};
