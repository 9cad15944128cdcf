import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { capabilityName, DANGEROUS_CAPABILITIES } from '../../validation/formats';

export const dangerousCapabilityAdded: Rule = {
  id: 'CKP722',
  name: 'dangerous-capability-added',
  level: 'error',
  summary: 'No container adds the capabilities `ALL`, `SYS_ADMIN` or `NET_ADMIN`.',
  why: '`SYS_ADMIN` is close to root on the node (mounts, namespaces, BPF), `NET_ADMIN` rewrites the pod\'s and possibly the node\'s '
    + 'network, and `ALL` is both: a compromised process in such a container can usually escape it.',
  fix: 'Add only the narrow capabilities the process needs (e.g. `NET_BIND_SERVICE`), or suppress with the reason this container must have it.',
  polaris: 'dangerousCapabilities',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const add = c.container.securityContext?.capabilities?.add;
      (Array.isArray(add) ? add : []).forEach((cap: unknown, i: number) => {
        if (typeof cap === 'string' && DANGEROUS_CAPABILITIES.includes(capabilityName(cap))) {
          out.push({ field: `${c.path}.securityContext.capabilities.add[${i}]`, value: cap, container: c.name, message: `adds capability ${cap}` });
        }
      });
    }
    return out;
  },
};
