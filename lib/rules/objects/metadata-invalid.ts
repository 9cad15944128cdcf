import { perText, podSpecOf } from '../k8s';
import { Rule, Violation } from '../types';
import { labelValueProblem as stringLabelValueProblem } from '../../validation/formats';
import { DNS1123_SUBDOMAIN } from './names';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why `key` is not a label or annotation key (`[prefix/]name`), or undefined. */
export function metadataKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one \'/\'';
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0].length === 0 || parts[0].length > 253 || !DNS1123_SUBDOMAIN.test(parts[0]))) return `has prefix '${parts[0]}', which is not a DNS-1123 subdomain`;
  if (name.length === 0 || name.length > 63) return `has a name part of ${name.length} characters (1 to 63)`;
  if (!NAME.test(name)) return 'has a name part that is not letters, digits, \'-\', \'_\' and \'.\' starting and ending with a letter or digit';
  return undefined;
}

/** Why `value` is not a label value, or undefined (the validation layer's check, for any JavaScript value). */
export function labelValueProblem(value: unknown): string | undefined {
  return typeof value === 'string' ? stringLabelValueProblem(value) : 'is not a string';
}

/** {@link metadataKeyProblem} and the label value check, once for each text: objects repeat the same few keys and values. */
const keyProblem = (key: string) => perText(metadataKeyProblem, key, metadataKeyProblem);
const valueProblemOf = (value: unknown) => (typeof value === 'string' ? perText(stringLabelValueProblem, value, stringLabelValueProblem) : labelValueProblem(value));

function checkMeta(meta: any, path: string): Violation[] {
  const out: Violation[] = [];
  // Object.keys and a read, not Object.entries: no pair array per label of every object.
  const labels = meta?.labels ?? {};
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    let problem = keyProblem(k);
    if (problem === undefined) {
      const valueProblem = valueProblemOf(v);
      if (valueProblem) problem = `has value ${JSON.stringify(v)}, which ${valueProblem}`;
    }
    if (problem) out.push({ field: `${path}.labels[${JSON.stringify(k)}]`, value: v, message: `label ${JSON.stringify(k)} ${problem}` });
  }
  const annotations = meta?.annotations ?? {};
  for (const k of Object.keys(annotations)) {
    const v = annotations[k];
    const problem = keyProblem(k) ?? (typeof v !== 'string' ? 'has a value that is not a string' : undefined);
    if (problem) out.push({ field: `${path}.annotations[${JSON.stringify(k)}]`, value: v, message: `annotation ${JSON.stringify(k)} ${problem}` });
  }
  return out;
}

/** The pod template's metadata path beside its spec path. */
const metadataPathOf = (specPath: string) => specPath.replace(/\.spec$/, '.metadata');

export const metadataInvalid: Rule = {
  id: 'CKP840',
  name: 'metadata-invalid',
  level: 'error',
  summary: 'Label and annotation keys are qualified names (`[prefix/]name`); label values are at most 63 characters of letters, digits, `-`, `_`, `.`.',
  why: 'The API server rejects the whole object for one bad label or annotation, and YAML turns unquoted `true` or `1.10` into '
    + 'values that are not strings at all.',
  fix: 'Use keys like \'team\' or \'example.com/team\', short label values, and put free text in annotations (quoted).',
  kinds: ['*'],
  check(obj) {
    const out = checkMeta(obj.metadata, 'metadata');
    const pod = podSpecOf(obj);
    if (pod && obj.kind !== 'Pod') out.push(...checkMeta(pod.metadata, perText(metadataPathOf, pod.path, metadataPathOf)));
    return out;
  },
};
