import { DNS1123_SUBDOMAIN } from '../rules/objects/names';

/**
 * The forms the Kubernetes 1.27 API server accepts, as predicates returning why a value is not of the
 * form (undefined when it is). Shared by the prop checks (lib/validation/checker.ts) and the rules
 * that check the same forms in any manifest, so a prop and the field it becomes are judged alike.
 */

/** The largest int32: the bound of every int32 field (seconds, counts, UIDs). */
export const INT32_MAX = 2147483647;

/** Why `v` is not a whole number from `min` to `max` (ports, UIDs, counts), or undefined. */
export function wholeNumberProblem(v: unknown, min: number, max: number): string | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) return `${JSON.stringify(v)} is not a whole number`;
  if (v < min || v > max) return `${v} is outside ${min}–${max}`;
  return undefined;
}

/** An env var name, as 1.27 validates it (`IsEnvVarName`): `[-._a-zA-Z][-._a-zA-Z0-9]*`. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function envVarNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name === '.' || name === '..') return `may not be '${name}'`;
  if (/^[0-9]/.test(name)) return 'starts with a digit';
  if (!ENV_VAR_NAME.test(name)) return 'may only contain letters, digits, \'_\', \'-\' and \'.\'';
  return undefined;
}

/** A named port (`IANA_SVC_NAME`): at most 15 lowercase letters, digits and '-', with a letter, no '--', not at either end. */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 15) return `is ${name.length} characters long (at most 15)`;
  if (!/^[-a-z0-9]+$/.test(name)) return 'may only contain lowercase letters, digits and \'-\'';
  if (!/[a-z]/.test(name)) return 'must contain a letter';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not start or end with \'-\'';
  if (name.includes('--')) return 'must not contain \'--\'';
  return undefined;
}

/** An HTTP header name in a probe or hook (`IsHTTPHeaderName`). */
export function headerNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (!/^[-A-Za-z0-9]+$/.test(name)) return 'may only contain letters, digits and \'-\'';
  return undefined;
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_', '.', starting and ending alphanumeric. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long (at most 63)`;
  if (value !== '' && !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value)) return 'must be alphanumerics, \'-\', \'_\' or \'.\', starting and ending alphanumeric';
  return undefined;
}

/** A DNS-1123 subdomain: what most referenced names (PriorityClass, StorageClass, Secret) must be. */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 253) return `is ${name.length} characters long (at most 253)`;
  if (!DNS1123_SUBDOMAIN.test(name)) return 'must be lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit';
  return undefined;
}

/** The hex digits each digest algorithm has (OCI image spec: lowercase). */
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why the digest part of an image reference (`sha256:<hex>`) is malformed, or undefined if it has none or it is well formed. */
export function imageDigestProblem(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at < 0) return undefined;
  const digest = image.slice(at + 1);
  const colon = digest.indexOf(':');
  const algorithm = colon >= 0 ? digest.slice(0, colon) : '';
  const hex = colon >= 0 ? digest.slice(colon + 1) : '';
  const length = DIGEST_LENGTHS[algorithm];
  if (length === undefined) return `has digest '${digest}', whose algorithm is not one of ${Object.keys(DIGEST_LENGTHS).join(', ')}`;
  if (!/^[a-f0-9]*$/.test(hex)) return `has digest '${digest}', which is not lowercase hex`;
  if (hex.length !== length) return `has a ${algorithm} digest of ${hex.length} hex digits (${length} needed)`;
  return undefined;
}

/** An absolute path without `..` elements or `:` (a mount path). */
export function mountPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (!path.startsWith('/')) return 'is not an absolute path';
  if (path.split('/').includes('..')) return 'contains \'..\'';
  if (path.includes(':')) return 'contains \':\'';
  return undefined;
}

/** Env var names that read as credentials: Polaris `sensitiveContainerEnvVar` (a literal value for one is rated danger). */
/** A PEM private key in a value (Polaris' sensitiveContainerEnvVar and sensitiveConfigmapContent pattern). */
export const PRIVATE_KEY_VALUE = /\s*-BEGIN\s+.*PRIVATE KEY-\s*/i;
export const SENSITIVE_NAME = /password|token|bearer|secret|^aws_secret_access_key$|^google_application_credentials$|^azure_.+key$|^oci_cli_key_content$/i;

/** Capabilities Polaris `dangerousCapabilities` rates danger when added. */
export const DANGEROUS_CAPABILITIES = ['ALL', 'SYS_ADMIN', 'NET_ADMIN'];

/** A capability name without cdk8s-plus' `CAP_` prefix, upper-cased. */
export function capabilityName(c: string): string {
  return c.toUpperCase().replace(/^CAP_/, '');
}
