import { Rule, Violation } from '../types';
import { DNS1123_SUBDOMAIN } from './names';

/** Why `host` is not an Ingress host (a DNS name, optionally `*.`-prefixed; no IP, no port), or undefined. */
export function ingressHostProblem(host: unknown): string | undefined {
  if (typeof host !== 'string' || host.length === 0) return 'is empty';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return 'is an IP address or has a port: an Ingress host must be a DNS name';
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) return 'must be a lowercase DNS name (letters, digits, \'-\' and \'.\'), optionally starting with \'*.\'';
  return undefined;
}

export const ingressHostInvalid: Rule = {
  id: 'CKP841',
  name: 'ingress-host-invalid',
  level: 'error',
  summary: 'Every Ingress host (rules and TLS) is a lowercase DNS name, optionally a `*.` wildcard, never an IP address or with a port; every HTTP path starts with `/`.',
  why: 'The API server rejects the Ingress (the old routing stays), and a TLS host that is not a rule host gets a certificate '
    + 'for a name nothing routes.',
  fix: 'Use host names such as shop.example.com and paths such as /api.',
  kinds: ['Ingress'],
  check(obj) {
    const out: Violation[] = [];
    const ruleHosts = new Set<string>();
    (Array.isArray(obj.spec?.rules) ? obj.spec.rules : []).forEach((r: any, i: number) => {
      if (r?.host !== undefined) {
        ruleHosts.add(r.host);
        const problem = ingressHostProblem(r.host);
        if (problem) out.push({ field: `spec.rules[${i}].host`, value: r.host, message: `host ${JSON.stringify(r.host)} ${problem}` });
      }
      (Array.isArray(r?.http?.paths) ? r.http.paths : []).forEach((p: any, j: number) => {
        if (p?.path !== undefined && (typeof p.path !== 'string' || !p.path.startsWith('/'))) out.push({ field: `spec.rules[${i}].http.paths[${j}].path`, value: p.path, message: `path ${JSON.stringify(p.path)} does not start with '/'` });
      });
    });
    (Array.isArray(obj.spec?.tls) ? obj.spec.tls : []).forEach((t: any, i: number) => {
      (Array.isArray(t?.hosts) ? t.hosts : []).forEach((h: unknown, j: number) => {
        const problem = ingressHostProblem(h);
        if (problem) out.push({ field: `spec.tls[${i}].hosts[${j}]`, value: h, message: `TLS host ${JSON.stringify(h)} ${problem}` });
        else if (ruleHosts.size > 0 && !ruleHosts.has(h as string)) out.push({ field: `spec.tls[${i}].hosts[${j}]`, value: h, message: `TLS host ${JSON.stringify(h)} is not the host of any rule` });
      });
    });
    return out;
  },
};
