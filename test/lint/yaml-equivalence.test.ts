import * as fs from 'fs';
import * as path from 'path';
import { parseFast, parseYamlDocuments, YamlDocument } from '../../lib/lint/yaml-documents';
import { parseYamlDocumentsReference } from '../../lib/lint/yaml-reference';
import { expectEqual, fieldPaths } from './yaml-compare';

// Counts the reference reader's uses (the fast path must find its lines without it).
jest.mock('../../lib/lint/yaml-reference', () => {
  const actual = jest.requireActual('../../lib/lint/yaml-reference');
  return { ...actual, parseYamlDocumentsReference: jest.fn(actual.parseYamlDocumentsReference) };
});
// The transform does not hoist jest.mock above the imports: the mock is what later `require`s get.
const referenceReads = jest.requireMock<typeof import('../../lib/lint/yaml-reference')>('../../lib/lint/yaml-reference').parseYamlDocumentsReference as jest.Mock;

/*
 * The fast reader (js-yaml events, `yaml-documents.ts`) against the reference reader (the `yaml`
 * package, `yaml-reference.ts`): the same documents, values, errors and lines, on our fixtures, on
 * YAML 1.1 scalars in every position, and on structures and invalid YAML. Where the fast path leaves
 * a text to the reference reader, the result is the reference's by construction; the tests also
 * check that the fast path really reads what it should (else equivalence would prove nothing).
 */

const ROOT = path.join(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** The block scanner alone (`yaml-scanner.ts`): undefined where any piece is not its. */
const scannerOnly = (text: string) => parseFast(text, 'scanner');

/**
 * Both readers on a text: equal in everything, values strictly (types, -0, prototypes; Jest cannot: a
 * `constructor` key fools it). Also the block scanner alone, which may leave the text to the others
 * (`scanner: 'may leave'`) but otherwise must read it the same.
 */
function expectSame(text: string, reader: (t: string) => YamlDocument[] | undefined = parseYamlDocuments, scanner: 'may leave' | 'reads' = 'may leave') {
  const reference = parseYamlDocumentsReference(text);
  const fast = reader(text);
  expect(fast).toBeDefined();
  expectEqual(fast!, reference);
  const scanned = scannerOnly(text);
  if (scanner === 'reads') expect(scanned).toBeDefined();
  if (scanned) expectEqual(scanned, reference);
  return reference;
}

describe('fast reader = reference reader', () => {
  const files = [...yamlFiles(path.join(ROOT, 'test/fixtures')), ...yamlFiles(path.join(ROOT, 'dist'))];

  test('there are fixtures (test/fixtures, dist/)', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  test.each(files.map(f => [path.relative(ROOT, f)]))('%s: read by the fast path, the same documents, values and lines', file => {
    expectSame(fs.readFileSync(path.join(ROOT, file), 'utf8'), parseFast, 'reads');
  });

  // Lines of documents in every piece (the fast path parses 64 KB at a time) and after a header without
  // a document, found by the fast path itself, without falling back to the reference reader.
  test('a file of many pieces: the same lines, found by the fast path itself', () => {
    const texts = files.map(f => fs.readFileSync(f, 'utf8').replace(/^---\n/, '')).filter(t => !/^(?:%|\.\.\.)/m.test(t));
    let text = '# a header without a document\n';
    for (let i = 0; text.length < 200_000; i++) text += `---\n${texts[i % texts.length]}`;
    const reference = parseYamlDocumentsReference(text);
    const fast = parseFast(text)!;
    expect(fast).toBeDefined();
    referenceReads.mockClear();
    const lines = (docs: YamlDocument[]) => docs.map((d, i) => [d.line, ...fieldPaths(reference[i].value).map(p => d.lineOf(p))]);
    const found = lines(fast);
    expect(referenceReads).not.toHaveBeenCalled();
    expect(found).toEqual(lines(reference));
  });

  // Plain scalars of YAML 1.1 and near misses, each as a value, a key, an item, in flow, quoted and tagged.
  const SCALARS = [
    '', '~', 'null', 'Null', 'NULL', 'nULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'tRUE',
    'false', 'False', 'FALSE', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF',
    '0', '-0', '+0', '00', '07', '08', '0777', '-0777', '+0777', '0_7', '0_', '0o17', '0b101', '-0b101', '0b_', '0b2', '0x1F', '0X1F', '-0x1f',
    '0x_', '0xg', '1_000', '1__0', '_1', '1_', '12345678901234567890', '9007199254740993', '+12', '-12',
    '1e3', '1E3', '1e+3', '1.5e-3', '1.5E+03', '.5', '-.5', '+.5', '1.', '1.0', '1.50', '1_0.5_0', '.', '-.', '._', '1e', 'e3', 'E5', '.e3', '1.e3',
    '1e999', '-1e999', '.inf', '.Inf', '.INF', '-.inf', '+.inf', '.iNf', '.nan', '.NaN', '.NAN', '-.nan', 'nan', 'inf', 'Infinity', 'NaN',
    '1:30', '190:20:30', '-1:30', '1:30.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2023-01-28T09:17:05Z', '2001-12-14 21:59:43.10 -5',
    '<<', '=', 'a b', '0.0.0.0', '1.2.3', '80/tcp', '500m', '1Gi', '1e3Mi', '3s', '0x', '0b', '0o', '+', '-', '__proto__', 'constructor',
    'toString', 'hasOwnProperty', '1 2', '"q"', 'nginx:1.25',
  ];
  const CONTEXTS = (s: string) => [
    `v: ${s}\n`, `${s}: v\n`, `- ${s}\n`, `a: {${s}: 1}\n`, `[${s}]\n`, `v: '${s}'\n`, `'${s}': v\n`, `a: !!str ${s}\n`, `a: ! ${s}\n`,
    `${s}: 1\n${s}: 2\n`, `${s}:\n  x: 1\n`, `k: 1\n${s}: 2\n"true": 3\n"": 4\n`,
  ];

  test.each(SCALARS.map(s => [s]))('YAML 1.1 scalar %j: the same JSON everywhere', s => {
    for (const text of CONTEXTS(s)) expectSame(text);
  });

  test('the fast path reads plain scalars itself (all but a merge key `<<`)', () => {
    const left = SCALARS.filter(s => !parseFast(`v: ${s}\nx: [${s}]\n`) || !parseFast(`${s}: 1\n`));
    // An empty key has no position to check its length from; `-` is no plain scalar in flow or as a key; `<<` is a merge key.
    expect(left).toEqual(['', '<<', '-']);
  });

  test('resolution as documented in yaml11-scalars.ts (and go-yaml v2 where they agree)', () => {
    const [doc] = expectSame('[on, off, yes, n, ~, 0777, 0x1F, 0b101, 1_000, 0o17, 1.5e3, .inf, -.inf, .nan, 1:30, 2023-01-28T09:17:05Z, e3, ., 0_]\n');
    expect(doc.value).toStrictEqual([true, false, true, false, null, 511, 31, 5, 1000, '0o17', 1500, 'Infinity', '-Infinity', 'NaN', '1:30', '2023-01-28T09:17:05Z', 'NaN', 'NaN', 'NaN']);
  });

  const STRUCTURES = [
    '', '\n', '# only a comment\n', '---\n', '---', '--- \n', '---\n---\n', 'a: 1\n---\n', '---\na: 1\n---\n\n# c\n', '--- # c\n', '---\n---\n---\n',
    '# header\n---\nkind: A\n---\n---\n# only a comment\n---\n\nkind: B\n', '--- |\n  text\n', '--- >\n  folded\n  text\n', '--- scalar\n',
    'just a scalar\n', '- a\n- b\n', 'a: 1\r\nb:\r\n  - c\r\n', '\uFEFFa: 1\n', 'a: 1 # trailing\n# end\n', 'a: {b: [c, {d: e}]}\n', 'a: [b, c,]\n',
    'a: |\n  l1\n  l2\n', 'a: |-\n  l1\n', 'a: |+\n  l1\n\n', 'a: >2\n   x\n', 'a: | # c\n  x\n', '- |\n  script\n- >\n  folded\n', '- |\n', 'a: |\n',
    '- - a\n  - b\n- c\n', '-\n  name: a\n', '- \n- a\n', '-\n-\n', 'a:\nb:\n', 'a: "x\\ty\\u00e9\\x41"\n', "a: 'it''s'\n", 'a: "multi\n  line"\n',
    'a: plain\n  multi\n\n  line\n', 'a: x #c\nb: y#notc\n', 'key with spaces: 1\n', 'a.b: 1\n"c[0]": 2\n', '__proto__: {polluted: 1}\n', 'constructor: 1\ntoString: 2\n',
    'a: &x\n  k: v\n', '- &a\n  k: v\n- x\n', 'a: !!map\n  k: v\n', 'a: !!seq\n- 1\n', 'a: !!str\n', '!!map {a: 1}\n', '? a\n: b\n', '[a: 1, b]\n', '{a, b: c}\n',
    'a:\n  b\n c\n', 'a:\tb\n', 'kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- 1\n', `a: ${'x'.repeat(70000)}\n`, `${'k'.repeat(990)}: v\n`,
    'apiVersion: v1\nkind: ConfigMap\ndata:\n  on: yes\n  port: 0777\n  t: 12:30\n  d: 2001-01-01\n',
  ];

  // What the block scanner leaves to js-yaml: root scalars, CR, a byte order mark, nested or odd flow
  // collections, empty block scalars, anchors, tags, `?` keys, tabs.
  const SCANNER_LEAVES = [
    '--- |\n  text\n', '--- >\n  folded\n  text\n', '--- scalar\n', 'just a scalar\n', 'a: 1\r\nb:\r\n  - c\r\n', '\uFEFFa: 1\n',
    'a: {b: [c, {d: e}]}\n', 'a: [b, c,]\n', '- |\n', 'a: |\n', 'a: &x\n  k: v\n', '- &a\n  k: v\n- x\n', 'a: !!map\n  k: v\n', 'a: !!seq\n- 1\n',
    'a: !!str\n', '!!map {a: 1}\n', '? a\n: b\n', '[a: 1, b]\n', '{a, b: c}\n', 'a:\tb\n',
  ];

  test.each(STRUCTURES.map(s => [s]))('structure %j', text => {
    expectSame(text);
  });

  // Block YAML as printers lay it out, each read by the block scanner itself and the same as the reference.
  const BLOCK = [
    'a: |2\n    x\n  y\n', '- |1\n  x\n', '- a: |2\n      x\n    y\n', 'a: >\n  one\n  two\n\n  three\n   more\n  four\n', 'a: >-\n  x\n\n\n  y\n',
    'a: |+\n  x\n\n\nb: 1\n', 'a: |-\n  x\n\n', 'a: |\n\n  x\n  \ty\n', 'a: >\n  \tx\n  y\n', 'a: "one\n  two\n\n  three"\n', "a: 'one\n  two ''q'''\n",
    'a: one\n  two\n\n  three\nb: 1\n', '- one\n  two # c\n- x\n', 'a:\n  "quoted on its own line"\nb: 2\n', 'a:\n  plain on its own line\n  and the next\n',
    '- - a\n  - b\n- - c\n', 'a:\n- b: 1\n  c: [x, "y", 3]\n- {k: v, "q": 1}\n- []\n- {}\n', 'k: 123456789\nl: 1234567890\nm: 0\nn: 10\no: 012\n',
    'a: "\\u00e9\\x41\\n\\"\\\\"\n', 'a: x # c\n# c2\nb:  # c3\n  c: 1\n', 'cidr: ::/0\nport: :8080\n', `${Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`,
    '---\na: 1\n--- # c\nb: 2\n---\n', 'a:\n  b:\n    c:\n  d: 1\ne:\n-\n- x\n',
    // Sequences are put back in their parent's slot when they close (an exact copy): under every kind of key, as items and as the root.
    '__proto__:\n- a\n- b\nconstructor:\n  - [x, y]\n  - - z\n    - w\n  -\ntoString: []\nk: 1\n', '- - a\n  - - b\n- c\n- []\n- - d\n',
    'a: "l1 \n  l2  \n\n  \\t\\x41  x\n  end  "\n', `a: |\n${'  line\n'.repeat(300)}b: >\n${'  word\n\n'.repeat(300)}`,
  ];

  test.each(BLOCK.map(s => [s]))('block YAML, read by the block scanner: %j', text => {
    expectSame(text, parseYamlDocuments, 'reads');
  });

  test('a repeated key among many (past the scanner\'s one-by-one comparison): left to the others, the last kept', () => {
    const text = `${Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk3: again\n`;
    expect(scannerOnly(text)).toBeUndefined();
    const [doc] = expectSame(text);
    expect(doc.duplicateKeys).toEqual([{ field: 'k3', line: 41 }]);
  });

  // A large text is read in pieces of whole documents (64 KB; 2 KB here, ~9 documents, so that small texts
  // have many); a piece neither fast reader reads goes to the reference reader alone, with the file's
  // lines; one with a syntax error, with the rest of the text after it (the first piece: the whole text).
  describe('a text of many pieces with a piece for the reference reader', () => {
    const manifest = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  labels: {app: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.25.3\n        args: |\n          --port=8080\n          --log=json\n`;
    /** `count` manifests, with `docs` in their place. */
    const text = (count: number, docs: Record<number, string>) => Array.from({ length: count }, (_, i) => docs[i] ?? manifest(i)).join('---\n');
    const PIECE = 2048;
    /** parseYamlDocuments with pieces of `pieceSize` (the whole text to the reference reader as it sends it: counted). */
    const read = (t: string, pieceSize = PIECE) => parseFast(t, 'both', pieceSize) ?? (referenceReads(t) as YamlDocument[]);
    const SPECIAL: [string, string][] = [
      ['an alias', 'kind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: &v hello\n  y: *v\n'],
      ['a merge key', 'kind: ConfigMap\nbase: &b {k: 1}\ndata:\n  <<: *b\n  z: 2\n'],
      ['a repeated key', 'kind: ConfigMap\nmetadata:\n  name: a\n  name: b\n'],
      ['a tag', 'kind: ConfigMap\ndata:\n  n: !!int "12"\n'],
    ];

    /** Reads `t` and checks it against the whole text's reference; returns the texts the reference reader read. */
    function readsOf(t: string, pieceSize = PIECE): string[] {
      referenceReads.mockClear();
      const fast = read(t, pieceSize);
      const reads = referenceReads.mock.calls.map(c => c[0] as string);
      expectEqual(fast, parseYamlDocumentsReference(t));
      return reads;
    }

    test.each(SPECIAL.flatMap(([what, doc], n) => (n === 0 ? [0, 20, 39] : [20]).map(at => [what, at, doc] as const)))('%s in document %i of 40: the same as the reference, which read that piece only', (_what, at, doc) => {
      const t = text(40, { [at]: doc });
      const reads = readsOf(t);
      expect(reads).toHaveLength(1);
      expect(reads[0].length).toBeLessThan(PIECE + 300); // a piece, never the whole text
    });

    const broken = (what: string) => (what.includes('quote') ? 'kind: A\nspec: "unclosed\n' : 'kind: A\nspec: [unclosed\n');
    const ERRORS: [string, number[]][] = [
      ['an unclosed flow sequence in the third piece', [20]],
      ['an unclosed quote in the third piece (it runs on into the next document)', [20]],
      ['errors in the third and fourth pieces', [20, 35]],
      ['an unclosed quote in the last document', [39]],
    ];
    test.each(ERRORS)('%s: the reference reader reads from that piece to the end, not the whole text; the same documents, errors and lines', (what, at) => {
      const t = text(40, Object.fromEntries(at.map(i => [i, broken(what)])));
      expect(parseYamlDocumentsReference(t).filter(d => d.errors.length > 0).map(d => d.index)).toEqual(at);
      // The piece alone (which has the error), then the text from it to the end.
      const reads = readsOf(t);
      expect(reads).toHaveLength(2);
      expect(reads[1].startsWith(reads[0]) && reads[0].startsWith('---\n')).toBe(true);
      expect(t.endsWith(reads[1]) && reads[1].length < t.length).toBe(true);
    });

    test('an error in the first piece: the whole text is the reference reader\'s', () => {
      const t = text(40, { 3: broken('flow') });
      expect(readsOf(t)).toContain(t);
    });

    // The same at the size the lint uses: 300 documents (~71 KB) are two pieces, 600 three.
    test('64 KB pieces: an alias in document 150 of 300, an error in the last of 600', () => {
      const alias = text(300, { 150: SPECIAL[0][1] });
      expect(Math.max(...readsOf(alias, 64 * 1024).map(r => r.length))).toBeLessThan(alias.length);
      const error = text(600, { 599: broken('quote') });
      const reads = readsOf(error, 64 * 1024);
      expect(reads).toHaveLength(2);
      expect(error.endsWith(reads[1]) && reads[1].length < error.length).toBe(true);
    });
  });

  test('the block scanner reads the structures it is for, and leaves the others to js-yaml', () => {
    expect(STRUCTURES.filter(s => !scannerOnly(s))).toEqual(SCANNER_LEAVES);
  });

  // What the fast path leaves to the reference reader (the result is then the reference's).
  const LEFT = [
    'base: &b {x: 1}\nmerged:\n  <<: *b\n  z: 2\n', 'a: &x 1\nb: *x\n', '<<: {a: 1}\nb: 2\n', 'a: 2\n<<: {a: 1}\n', '<<: [{a: 1}, {a: 2, b: 3}]\n', '!!str <<: {a: 1}\n',
    'a: !!int "12"\n', 'a: !!bool yes\n', 'a: !!binary aGVsbG8=\n', 'a: !!set {x, y}\n', 'a: !!omap [x: 1, y: 2]\n', 'a: !!timestamp 2001-01-01\n', 'a: !foo bar\n',
    'a: !foo {x: 1}\n', 'a: !<tag:yaml.org,2002:str> 12\n', '%YAML 1.1\n---\na: 1\n', 'a: 1\n...\n', '...\n', '# c\n...\n', 'a: 1\rb: 2\r', 'a: 1\n---\n\uFEFFb: 2\n',
    'a: \u0001\n', '[a, b]: c\n', '{a: 1}: c\n', ': v\n', 'a: ' + '['.repeat(120) + ']'.repeat(120) + '\n', '1: a\n"1": b\n', 'yes: a\ntrue: b\n', '~: a\n"": b\n',
  ];

  test.each(LEFT.map(s => [s]))('left to the reference reader: %j', text => {
    expect(parseFast(text)).toBeUndefined();
    expectSame(text);
  });

  // Invalid YAML: the fast path never reads it; the errors (message, line) are the reference's.
  const INVALID = [
    'kind: A\n---\nspec: [unclosed\n---\nkind: C\n', 'a: "unterminated\n', "a: 'x\n", 'a: [1, 2\n', 'a: {b: 1\n', '- a\nb: 1\n', 'a: 1\n- b\n', '  a: 1\n b: 2\n',
    'a: b: c\n', 'a:\n\t- b\n', 'a: @x\n', 'a: `x\n',
    'a: [,b]\n', '"multi\n line": x\n', `${'k'.repeat(1100)}: v\n`, `"${'k'.repeat(1100)}": v\n`, 'a: *nope\n',
  ];

  // Duplicate keys (issue 15): read as sigs.k8s.io/yaml reads them, the last value kept, each repeat listed.
  test.each(['metadata:\n  name: a\n  name: b\n', 'a: 1\na: 2\n', '{a: 1, a: 2}\n'].map(s => [s]))('duplicate keys, left to the reference reader, last wins: %j', text => {
    expect(parseFast(text)).toBeUndefined();
    const [doc] = expectSame(text);
    expect(doc.errors).toEqual([]);
    expect(doc.duplicateKeys).toHaveLength(1);
  });

  test.each(INVALID.map(s => [s]))('invalid YAML, the same errors: %j', text => {
    expect(parseFast(text)).toBeUndefined();
    const docs = expectSame(text);
    expect(docs.some(d => d.errors.length > 0)).toBe(true);
  });
});
