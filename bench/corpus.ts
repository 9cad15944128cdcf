import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';

const ROOT = path.join(__dirname, '..');

/** Real manifests to build large inputs from: our hardened dist/ and the seeds' anti-patterns. */
export function templates(): any[] {
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'dist')).map(f => path.join(ROOT, 'dist', f)),
    ...fs.readdirSync(path.join(ROOT, 'test/fixtures/seeds')).map(f => path.join(ROOT, 'test/fixtures/seeds', f)),
  ].filter(f => /\.ya?ml$/.test(f)).sort();
  return files.flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS())).filter(o => o && typeof o === 'object');
}

/**
 * A multi-document YAML text of `count` objects cycling through the templates, each renamed
 * `<name>-<n>`. With `bytes`, every object gets a filler annotation so the text is about that size.
 */
export function corpus(count: number, bytes?: number): string {
  // Each template is serialized once, with placeholders; copies are string replacements (fast).
  const texts = templates().map(t => {
    const obj = structuredClone(t);
    obj.metadata.name = `${obj.metadata.name}-@N@`;
    if (bytes !== undefined) obj.metadata.annotations = { ...obj.metadata.annotations, 'example.com/padding': '@PAD@' };
    return stringify(obj, { version: '1.1' });
  });
  const total = Array.from({ length: count }, (_, n) => texts[n % texts.length].length + 4).reduce((a, b) => a + b, 0);
  const pad = bytes === undefined ? '' : 'x'.repeat(Math.max(1, Math.floor((bytes - total) / count)));
  return Array.from({ length: count }, (_, n) => texts[n % texts.length].replace('@N@', String(n)).replace('@PAD@', pad)).join('---\n');
}
