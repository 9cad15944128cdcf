import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { DNS1123_LABEL } from './names';

/** Why `name` is not a container port name (IANA_SVC_NAME), or undefined. */
export function ianaServiceNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'is empty';
  if (name.length > 15) return `is ${name.length} characters long (at most 15)`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.includes('--')) return 'must be lowercase letters, digits and single \'-\', starting and ending with a letter or digit';
  if (!/[a-z]/.test(name)) return 'must contain a letter';
  return undefined;
}

export const portNameInvalid: Rule = {
  id: 'CKP844',
  name: 'port-name-invalid',
  level: 'error',
  summary: 'Container port names are IANA service names (at most 15 characters, a letter, no `--`); Service port names are DNS-1123 labels; port numbers lie in 1–65535.',
  why: 'The API server rejects the whole object for one bad port name or number, and a probe or Service that targets a port '
    + 'by name needs the name to be valid in both places.',
  fix: 'Name the port after what it serves in at most 15 lowercase characters, e.g. \'metrics\' or \'http-admin\'.',
  kinds: [...POD_KINDS, 'Service'],
  check(obj) {
    const out: Violation[] = [];
    const number = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
    if (obj.kind === 'Service') {
      (Array.isArray(obj.spec?.ports) ? obj.spec.ports : []).forEach((p: any, i: number) => {
        if (p?.name !== undefined && (typeof p.name !== 'string' || !DNS1123_LABEL.test(p.name) || p.name.length > 63)) {
          out.push({ field: `spec.ports[${i}].name`, value: p.name, message: `Service port name ${JSON.stringify(p.name)} is not a DNS-1123 label` });
        }
        if (!number(p?.port)) out.push({ field: `spec.ports[${i}].port`, value: p?.port, message: `Service port ${JSON.stringify(p?.port)} is not a port number (1–65535)` });
      });
      return out;
    }
    for (const c of containersOf(obj)) {
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
        const problem = p?.name === undefined ? undefined : ianaServiceNameProblem(p.name);
        if (problem) out.push({ field: `${c.path}.ports[${i}].name`, value: p.name, container: c.name, message: `port name ${JSON.stringify(p.name)} ${problem}` });
        if (!number(p?.containerPort)) out.push({ field: `${c.path}.ports[${i}].containerPort`, value: p?.containerPort, container: c.name, message: `containerPort ${JSON.stringify(p?.containerPort)} is not a port number (1–65535)` });
      });
    }
    return out;
  },
};
