/**
 * Checks of the production props (issue 12) in the API server's own terms: what it would reject,
 * found at construct time. Small and grouped here so they can move onto the shared validation layer.
 * Each returns why a value is invalid, or undefined when it is valid.
 */
import { RuleGuard } from '../guard';
import { dnsSubdomainProblem as subdomainProblem, portNameProblem as ianaServiceNameProblem } from '../validation/formats';
import { labelValueProblem, metadataKeyProblem } from '../rules/objects/metadata-invalid';
import { ingressHostProblem } from '../rules/objects/ingress-host-invalid';

/** Why `name` is not a DNS-1123 subdomain (the names of Secrets, ConfigMaps, ServiceAccounts, PVCs): the validation layer's check. */
export const dnsSubdomainProblem = (name: unknown): string | undefined => (typeof name === 'string' ? subdomainProblem(name) : 'is empty');

/** Why `key` is not a label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  return typeof key !== 'string' || key.length === 0 ? 'is empty' : metadataKeyProblem(key);
}

export { ingressHostProblem, labelValueProblem };

/** Why `name` is not a port name (IANA_SVC_NAME): the validation layer's check, for any JavaScript value. */
export const portNameProblem = (name: unknown): string | undefined => (typeof name === 'string' ? ianaServiceNameProblem(name) : 'is not a string');

/** Why `n` is not a TCP/UDP port number. */
export function portNumberProblem(n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : 'must be a whole number from 1 to 65535';
}

/** Fails through `guard` (rule CKP840) on a label map the API server would reject. */
export function checkLabels(guard: RuleGuard, field: string, labels: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const keyProblem = qualifiedNameProblem(k);
    if (keyProblem) guard.fail({ field, value: `'${k}'`, ruleId: 'CKP840', problem: `${field} key '${k}' ${keyProblem}`, fix: 'use a key like \'team\' or \'example.com/team\'.' });
    const valueProblem = labelValueProblem(v);
    if (valueProblem) guard.fail({ field: `${field}.${k}`, value: `'${v}'`, ruleId: 'CKP840', problem: `${field} value '${v}' of '${k}' ${valueProblem}`, fix: 'shorten the value or put free text in an annotation instead.' });
  }
}

/** Fails through `guard` (rule CKP840) on an annotation map the API server would reject. */
export function checkAnnotations(guard: RuleGuard, field: string, annotations: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(annotations ?? {})) {
    const keyProblem = qualifiedNameProblem(k);
    if (keyProblem) guard.fail({ field, value: `'${k}'`, ruleId: 'CKP840', problem: `${field} key '${k}' ${keyProblem}`, fix: 'use a key like \'example.com/owner\'.' });
    if (typeof v !== 'string') guard.fail({ field: `${field}.${k}`, value: String(v), ruleId: 'CKP840', problem: `${field} value of '${k}' is not a string`, fix: 'quote the value: annotation values are strings.' });
  }
}

/** Fails through `guard` (rule CKP826) unless `name` names an object the API server accepts (a DNS-1123 subdomain). */
export function checkReferenceName(guard: RuleGuard, field: string, kind: string, name: string): void {
  const problem = dnsSubdomainProblem(name);
  if (problem) guard.fail({ field, value: `'${name}'`, ruleId: 'CKP826', problem: `${field} names ${kind} '${name}', which ${problem}`, fix: `name the ${kind} as it exists in the cluster: a DNS-1123 subdomain such as 'web-tls'.` });
}
