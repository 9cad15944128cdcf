import * as fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { stringify } from 'yaml';

/* Random YAML for the block scanner's tests (`yaml-scanner.test.ts`): printed values and edits. */

/** Strings that YAML prints or reads specially: YAML 1.1 scalars, indicators, spaces and line breaks. */
const TRICKY = [
  '', ' ', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', 'true', '0777', '0x1F', '1e3', '.inf', '.nan', '1_000', '1:30', '2001-12-14', '-1', '+1', '.5',
  '<<', '- x', '-x', 'a: b', 'a:b', 'a #b', 'a#b', '#c', '"q"', "it's", "''", '::/0', ':8080', '?x', '---', '...', '[a]', '{a: 1}', '*a', '&a', '!t',
  '|', '>', '%x', '@x', '`x', ',a', 'a,b', ' lead', 'trail ', 'two  spaces', 'x\n', '\n', 'a\nb', 'a\n\nb', ' a\n  b \n', 'a\n ', 'tab\there',
  'back\\slash', 'é', '默认值30,生产', 'a\u0085b', 'e\u2028', '\u00a0nbsp', 'x'.repeat(90), 'word '.repeat(30), 'line\n'.repeat(4),
];
const CHARS = ['a', 'b', ' ', ':', '-', '#', "'", '"', '\n', '\\', ',', '[', '{', '|', '>', '&', '*', '!', '?', '0', '1', '.', 'é'];

export const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 }), fc.lorem({ maxCount: 12 }));
const key = fc.oneof(
  fc.constantFrom('name', 'image', 'app.kubernetes.io/name', 'a b', 'yes', 'on', '1', '0777', '~', 'null', '__proto__', 'constructor', '-k', ':k', 'k:', '#k', "k'", '"k"', ' k', 'é'),
  fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 8 }),
);
const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const { value } = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
/** A document's content: a mapping or a sequence, as manifests are. */
const root = fc.oneof(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.array(value, { minLength: 1, maxLength: 4 }));

/** The `yaml` package's printer, with the options that change how it lays things out. */
const yamlPrinter = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 40, 80),
  minContentWidth: fc.constantFrom(0, 10, 20),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  collectionStyle: fc.constantFrom('any', 'block', 'block', 'flow'),
  doubleQuotedAsJSON: fc.boolean(),
  blockQuote: fc.constantFrom(true, false, 'literal', 'folded'),
}).map(options => (v: unknown) => stringify(v, { version: '1.1', ...(options as any) }));

/** js-yaml's printer. */
const jsyamlPrinter = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  seqNoIndent: fc.boolean(),
  seqInlineFirst: fc.boolean(),
  lineWidth: fc.constantFrom(-1, 20, 80),
  flowLevel: fc.constantFrom(-1, -1, 1, 2),
  quoteStyle: fc.constantFrom('single', 'double'),
  forceQuotes: fc.boolean(),
}).map(options => (v: unknown) => jsyaml.dump(v, { ...(options as any), noRefs: true }));

/** A stream of one to three documents, each printed by either printer, some with comments around. */
export const stream = fc.tuple(
  fc.array(fc.tuple(root, fc.oneof(yamlPrinter, jsyamlPrinter)), { minLength: 1, maxLength: 3 }),
  fc.constantFrom('', '# header\n', '---\n', '--- # start\n'),
).map(([docs, head]) => head + docs.map(([v, print]) => print(v)).join('---\n'));

/** Edits at random places: characters that mean something to YAML inserted, or characters deleted. */
export const mutations = fc.array(
  fc.record({ at: fc.nat(), remove: fc.nat({ max: 2 }), insert: fc.constantFrom('', ':', ': ', '-', '- ', '#', ' #', "'", '"', ' ', '  ', '\t', '\n', '|', '>', '&', '*', '!', '{', '[', ']', '}', ',', '?', '\r', '---\n', 'x') }),
  { minLength: 1, maxLength: 3 },
);
export const mutate = (s: string, edits: { at: number; remove: number; insert: string }[]) =>
  edits.reduce((t, { at, remove, insert }) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + remove);
  }, s);


/** Values as manifests hold them: names, images, ports, YAML 1.1 look-alikes, long and multi-line strings. */
const manifestText = fc.oneof(
  fc.constantFrom('web', 'nginx:1.25', 'registry.example.com/app@sha256:abc', '500m', '1Gi', 'yes', 'on', '0777', '1.0', '::/0', ':8080', '-c', '--port=80', 'a,b', 'x#y', "it's", 'say "hi"', ''),
  fc.lorem({ maxCount: 30 }),
  fc.array(fc.lorem({ maxCount: 8 }), { minLength: 1, maxLength: 4 }).map(lines => lines.join('\n')),
  fc.array(fc.lorem({ maxCount: 8 }), { minLength: 1, maxLength: 4 }).map(lines => `${lines.join('\n  ')}\n`),
);
const manifestKey = fc.constantFrom('name', 'image', 'args', 'env', 'value', 'app.kubernetes.io/name', 'example.com/note', 'port', 'yes', '80', 'data', 'spec');
const { manifestValue } = fc.letrec<{ manifestValue: unknown }>(tie => ({
  manifestValue: fc.oneof(
    { depthSize: 'small' },
    manifestText,
    fc.integer({ min: 0, max: 65535 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('manifestValue'), { maxLength: 3 }),
    fc.dictionary(manifestKey, tie('manifestValue'), { minKeys: 1, maxKeys: 4 }),
  ),
}));

/** Manifest-like streams printed in block style (as kubectl, helm and cdk8s print): what the scanner is for. */
export const manifestStream = fc.array(
  fc.tuple(
    fc.dictionary(manifestKey, manifestValue, { minKeys: 1, maxKeys: 5 }),
    fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 40, 80) }),
    fc.boolean(),
  ).map(([v, options, yamlPackage]) => (yamlPackage ? stringify(v, { version: '1.1', ...options }) : jsyaml.dump(v, { indent: options.indent, lineWidth: options.lineWidth || -1, noRefs: true }))),
  { minLength: 1, maxLength: 3 },
).map(docs => docs.join('---\n'));
