/**
 * Checks of the production props (issue 12) in the API server's own terms: what it would reject,
 * found at construct time. Small and grouped here so they can move onto the shared validation layer.
 * Each returns why a value is invalid, or undefined when it is valid.
 */
import { RuleGuard } from '../guard';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../rules/objects/names';
import { ianaServiceNameProblem } from '../rules/objects/port-name-invalid';

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = QUALIFIED_NAME;

/** Why `name` is not a DNS-1123 subdomain (the names of Secrets, ConfigMaps, ServiceAccounts, PVCs). */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'is empty';
  if (name.length > 253) return `is ${name.length} characters long (at most 253)`;
  if (!DNS1123_SUBDOMAIN.test(name)) return 'must be lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit';
  return undefined;
}

/** Why `key` is not a label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'is empty';
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one \'/\'';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `has prefix '${prefix}', which is not a DNS-1123 subdomain`;
  }
  if (name.length === 0 || name.length > 63) return `has a name part of ${name.length} characters (1 to 63)`;
  if (!QUALIFIED_NAME.test(name)) return 'has a name part that is not letters, digits, \'-\', \'_\' and \'.\' starting and ending with a letter or digit';
  return undefined;
}

/** Why `value` is not a label value: at most 63 characters, alphanumeric at both ends, `-_.` inside; may be empty. */
export function labelValueProblem(value: string): string | undefined {
  if (typeof value !== 'string') return 'is not a string';
  if (value.length === 0) return undefined;
  if (value.length > 63) return `is ${value.length} characters long (at most 63)`;
  if (!LABEL_VALUE.test(value)) return 'must be letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit';
  return undefined;
}

/** Why `host` is not an Ingress host: a DNS-1123 subdomain, optionally with a leading `*.`, never an IP address or a port. */
export function ingressHostProblem(host: string): string | undefined {
  if (typeof host !== 'string' || host.length === 0) return 'is empty';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return 'is an IP address or has a port: an Ingress host must be a DNS name';
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) return 'must be a lowercase DNS name (letters, digits, \'-\' and \'.\'), optionally starting with \'*.\'';
  return undefined;
}

/** Why `name` is not a port name (IANA_SVC_NAME). */
export const portNameProblem = ianaServiceNameProblem;

/** Why `n` is not a TCP/UDP port number. */
export function portNumberProblem(n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : 'must be a whole number from 1 to 65535';
}

/** Why `name` is not a DNS-1123 label. */
export function dnsLabelOnlyProblem(name: string): string | undefined {
  return typeof name === 'string' && name.length > 0 && name.length <= 63 && DNS1123_LABEL.test(name) ? undefined : 'must be a DNS-1123 label (lowercase letters, digits and \'-\', at most 63 characters)';
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

/** Fails through `guard` (rule CKP845) unless `name` names an object the API server accepts (a DNS-1123 subdomain). */
export function checkReferenceName(guard: RuleGuard, field: string, kind: string, name: string): void {
  const problem = dnsSubdomainProblem(name);
  if (problem) guard.fail({ field, value: `'${name}'`, ruleId: 'CKP845', problem: `${field} names ${kind} '${name}', which ${problem}`, fix: `name the ${kind} as it exists in the cluster: a DNS-1123 subdomain such as 'web-tls'.` });
}
