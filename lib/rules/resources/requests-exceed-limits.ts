import { containersOf, parseQuantity, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const requestsExceedLimits: Rule = {
  id: 'CKP402',
  name: 'requests-exceed-limits',
  level: 'error',
  summary: 'No resource request is larger than its limit.',
  why: 'The API server rejects a container whose request exceeds its limit; the manifest never applies.',
  fix: 'Lower the request to at most the limit, or raise the limit.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const req = c.container.resources?.requests ?? {};
      const lim = c.container.resources?.limits ?? {};
      for (const name of Object.keys(req)) {
        const r = parseQuantity(req[name]);
        const l = parseQuantity(lim[name]);
        if (r !== undefined && l !== undefined && r > l) {
          out.push({
            field: `${c.path}.resources.requests.${name}`,
            value: req[name],
            container: c.name,
            message: `${name} request (${req[name]}) is above its limit (${lim[name]})`,
            fix: `Lower requests.${name} to at most ${lim[name]}, or raise limits.${name} to at least ${req[name]}.`,
          });
        }
      }
    }
    return out;
  },
};
