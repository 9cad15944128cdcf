import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { stringifyDocument } from '../lib/yaml-print';

/** Every document of the YAML files under `dir` (recursively), as plain objects. */
function documents(dir: string): unknown[] {
  const out: unknown[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...documents(file));
    else if (/\.ya?ml$/.test(entry.name)) {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        if (doc.errors.length === 0) out.push(doc.toJS());
      }
    }
  }
  return out;
}

// Strings that YAML 1.1 reads as something else, indicators, quotes, escapes, unicode, markers.
const TRICKY = [
  '', ' ', 'a', 'y', 'Y', 'n', 'N', 'yes', 'No', 'ON', 'off', 'true', 'False', 'null', 'Null', '~', 'nan', '.nan', '.inf', '-.inf',
  '0', '1', '-1', '+1', '0775', '0o17', '0x1F', '0b101', '1_000', '1.5', '1e3', '6.8523015e+5', '1:20', '190:20:30', '2001-12-14',
  '2001-12-14t21:59:43.10-05:00', '1.1', '8080', '700m', '200Mi', '<<', '=', '-', '- a', '-a', '?', '? a', '?a', ':', 'a:', 'a: b',
  'a:b', 'http://x/y', 'a #b', 'a#b', '#a', 'a ', ' a', 'a  b', '%a', '@a', '`a', '!a', '&a', '*a', '|a', '>a', "'a", '"a', 'a"b',
  "it's", 'say "hi" it\'s', '[a', ']a', '{a', '}a', ',a', 'a,b', 'a[0]', 'a{b}', '---', '---a', '...', '...a', 'a---', 'tab\tx',
  'x\ty', 'é', 'naïve', 'emoji 🎉', '\u0085', '\u00a0', '\u2028', '\x7f', '\x00', '\x1b[0m', 'multi\nline', 'trailing\n', '\nleading',
  'a\r\nb', '/healthz', '_x', 'a/b:c', 'key=value', 'a=b,c=d', 'sh -c "exec x"', 'x'.repeat(1100),
];
const NUMBERS = [0, 1, -1, 42, 1.5, -0, 1e21, 2 ** 53, Number.MAX_SAFE_INTEGER, 0.1];

describe('stringifyDocument', () => {
  // (A run over /work/shared/corpus/manifests, 1,700 documents, also matched: too slow for npm test.)
  test("prints every manifest in dist/ and the test fixtures exactly as cdk8s' Yaml.stringify", () => {
    const docs = [path.join(__dirname, '..', 'dist'), path.join(__dirname, 'fixtures')]
      .flatMap(documents)
      .filter(d => d !== null && d !== undefined);
    expect(docs.length).toBeGreaterThan(20);
    for (const d of docs) expect(stringifyDocument(d)).toEqual(Yaml.stringify(d));
  });

  test('prints tricky scalars as values, keys and list items exactly as Yaml.stringify', () => {
    for (const s of TRICKY) {
      for (const doc of [{ k: s }, { [s]: 'v' }, { k: [s, 'x'] }, { k: [{ a: s, b: s }] }, { a: { b: { c: s } } }]) {
        expect([s, stringifyDocument(doc)]).toEqual([s, Yaml.stringify(doc)]);
      }
    }
    for (const n of NUMBERS) expect(stringifyDocument({ n, l: [n] })).toEqual(Yaml.stringify({ n, l: [n] }));
  });

  test('prints shapes exactly as Yaml.stringify: empty and nested collections, nulls, shared objects', () => {
    const shared = { a: 1 };
    const shapes: unknown[] = [
      { a: [], b: {}, c: [{}], d: [[]], e: [[1, 2], [3]], f: null, g: [null, true, false], h: { i: { j: [] } } },
      { a: shared, b: shared },
      { a: [shared, shared] },
      { a: undefined, b: [undefined] },
      { a: new Date(0) },
      { '8080': 1, 'a.b/c': 2 },
      {},
      [],
      'scalar',
      42,
      null,
    ];
    for (const doc of shapes) expect(stringifyDocument(doc)).toEqual(Yaml.stringify(doc));
  });

  test('prints a manifest without the yaml package (the fast path is taken)', () => {
    const spy = jest.spyOn(Yaml, 'stringify');
    try {
      const text = stringifyDocument({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { 'app.kubernetes.io/version': '1.1' } }, data: { port: '8080' } });
      expect(text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app.kubernetes.io/version: "1.1"\ndata:\n  port: "8080"\n');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
