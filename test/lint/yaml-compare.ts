import { isDeepStrictEqual } from 'util';
import type { YamlDocument } from '../../lib/lint/yaml-documents';

/*
 * How the YAML equivalence tests compare a reader with the reference reader (`yaml-reference.ts`):
 * per document its index, line, value (strictly: types, -0, prototypes), errors, repeated keys, and
 * the line of every field path (and of a missing child of each collection).
 */

/** Every field path of a value (as rules write them), and a missing child of each collection. */
export function fieldPaths(value: unknown, prefix = '', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push(`${prefix}[${i}]`);
      fieldPaths(item, `${prefix}[${i}]`, out);
    });
    out.push(`${prefix}[${value.length}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = /^[A-Za-z0-9_-]+$/.test(k) ? (prefix ? `${prefix}.${k}` : k) : `${prefix}["${k}"]`;
      out.push(p);
      fieldPaths(v, p, out);
    }
    out.push(prefix ? `${prefix}.missing` : 'missing');
  }
  return out;
}

/** What a reader makes of a text, to compare: per document its index, line, value as JSON (key order), errors, repeated keys, field lines. */
export function summary(docs: YamlDocument[], paths: (doc: number) => string[]) {
  return docs.map((d, i) => ({
    index: d.index,
    line: d.line,
    json: JSON.stringify(d.value),
    errors: d.errors,
    duplicateKeys: d.duplicateKeys,
    lines: Object.fromEntries(paths(i).map(p => [p, d.lineOf(p)])),
  }));
}

/** A reader's documents equal the reference's in everything; values strictly (Jest cannot: a `constructor` key fools it). */
export function expectEqual(docs: YamlDocument[], reference: YamlDocument[]): void {
  const paths = (i: number) => fieldPaths(reference[i]?.value);
  const [actual, expected] = [summary(docs, paths), summary(reference, paths)];
  // util's comparison is stricter than toStrictEqual and many times faster on these large summaries
  // (a line per field path); Jest's runs only when they differ, to fail with its diff.
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected);
  docs.forEach((d, i) => expect({ document: i, strictlyEqual: isDeepStrictEqual(d.value, reference[i].value) }).toEqual({ document: i, strictlyEqual: true }));
}
