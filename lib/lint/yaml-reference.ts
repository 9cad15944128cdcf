import { Composer, isMap, isScalar, isSeq, LineCounter, Node, Parser, ParsedNode } from 'yaml';
import type { DuplicateKey, YamlDocument, YamlError } from './yaml-documents';
import { fieldSegments } from './yaml-path';

/**
 * The reference reader, with the `yaml` package: the definition of how we read YAML, which the fast
 * reader (`yaml-documents.ts`) reproduces and falls back to for what it does not handle itself.
 *
 * YAML read as the API server reads it: kubectl and the API machinery decode with go-yaml v2, so
 * YAML 1.1 scalars apply (an unquoted `on`, `yes` or `no` is a boolean, `0777` is octal).
 * Timestamps stay strings, as go-yaml v2 leaves them for untyped values.
 *
 * A duplicate key: sigs.k8s.io/yaml keeps the last value, and the API server then rejects the
 * object under strict field validation (kubectl's default) or keeps the last value with a warning
 * (`Warn`) or silently (`Ignore`). So the last value wins here too, and each duplicate is listed in
 * `duplicateKeys` for CKP810 to report (issue 15; before, the whole document was refused).
 * The yaml package's warnings (a collection as a key: `name: {{ .Values.x }}`) are not printed:
 * such text is a template, which the lint reports itself.
 */
const OPTIONS = {
  version: '1.1' as const,
  uniqueKeys: false,
  merge: true,
  prettyErrors: false,
  logLevel: 'error' as const,
  customTags: (tags: any[]) => tags.filter(t => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'),
};

/** Parses every document of a YAML text with `yaml`. Never throws: problems are in each document's `errors`. */
export function parseYamlDocumentsReference(text: string): YamlDocument[] {
  // yaml's Parser reads process.env.LOG_TOKENS once per token, and process.env is a slow host object:
  // a plain copy for the (synchronous) parse makes large files ~30% faster. Nothing else runs meanwhile.
  const env = process.env;
  process.env = { ...env };
  try {
    return parse(text);
  } finally {
    process.env = env;
  }
}

function parse(text: string): YamlDocument[] {
  const lines = new LineCounter();
  const line = (offset: number) => lines.linePos(offset).line;
  const composer = new Composer(OPTIONS);
  const out: YamlDocument[] = [];
  for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    const errors: YamlError[] = doc.errors.map(e => ({ message: e.message.split('\n')[0].replace(/:\s*$/, ''), line: line(e.pos[0]) }));
    let value: unknown = null;
    if (errors.length === 0) {
      try {
        value = toPlain(doc.toJS({ maxAliasCount: 1000 }));
      } catch (e) {
        errors.push({ message: (e as Error).message, line: line(doc.range[0]) });
      }
    }
    const root = doc.contents as ParsedNode | null;
    const start = line(root?.range[0] ?? doc.range[0]);
    const duplicateKeys = errors.length === 0 ? duplicatesIn(root, '', line) : [];
    out.push({ index: out.length, line: start, value, errors, lineOf: field => locate(root, field, start, line), ...(duplicateKeys.length > 0 ? { duplicateKeys } : {}) });
  }
  return out;
}

/** A field path segment for a key: `.name`, or `["a.b"]` when the key has dots or brackets. */
const keySegment = (key: string, at: string) => (/^[^.[\]"]+$/.test(key) ? `${at === '' ? '' : '.'}${key}` : `["${key}"]`);

/** Every key that appears more than once in a mapping, at its later occurrences (whose value is kept). */
function duplicatesIn(node: unknown, at: string, line: (offset: number) => number): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const field = `${at}${keySegment(key, at)}`;
      if (seen.has(key)) out.push({ field, line: line((pair.key as Node).range?.[0] ?? 0) });
      seen.add(key);
      out.push(...duplicatesIn(pair.value, field, line));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => out.push(...duplicatesIn(item, `${at}[${i}]`, line)));
  }
  return out;
}

function locate(root: Node | null, field: string, start: number, line: (offset: number) => number): number {
  let node: unknown = root;
  let found = start;
  for (const seg of fieldSegments(field)) {
    let next: unknown;
    let at: Node | undefined;
    if (isMap(node)) {
      // The last pair with the key: with a repeated key, its value is the one kept.
      const pair = [...node.items].reverse().find(p => isScalar(p.key) && String(p.key.value) === String(seg));
      next = pair?.value;
      at = (pair?.key ?? undefined) as Node | undefined;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
      at = next as Node | undefined;
    }
    if (!at?.range) break;
    found = line(at.range[0]);
    node = next;
  }
  return found;
}

/**
 * JSON semantics, in place (a copy would double the allocation of large files): Maps and Sets become
 * objects and arrays, binary becomes base64, undefined is dropped.
 */
function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'bigint') return Number(v);
    return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = toPlain(v[i]);
    return v;
  }
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  if (v instanceof Set) return [...v].map(toPlain);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (o[k] === undefined) delete o[k];
    else o[k] = toPlain(o[k]);
  }
  return o;
}
