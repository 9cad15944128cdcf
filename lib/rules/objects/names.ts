/** RFC 1123 label: what most names and every container name must be. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: dot-separated labels, up to 253 characters. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** RFC 1035 label: a DNS-1123 label that starts with a letter (Service names). */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Why `name` is not a DNS-1123 label, or undefined if it is one. */
export function dnsLabelProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 63) return `is ${name.length} characters long (at most 63)`;
  if (!DNS1123_LABEL.test(name)) return 'must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit';
  return undefined;
}
