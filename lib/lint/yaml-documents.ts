import type { Event, ScalarEvent } from 'js-yaml';
import { jsonKey, resolvePlainScalar } from './yaml11-scalars';
import { EVENT_ID, Events, SCALAR_STYLE } from './yaml-events';
import { scanDocuments } from './yaml-scanner';
import { fieldSegments } from './yaml-path';

export { fieldSegments } from './yaml-path';

// Plain constants: the hot loops read them for every event.
const { DOCUMENT, SEQUENCE, MAPPING, SCALAR, POP } = EVENT_ID;
const { PLAIN, LITERAL_BLOCK, FOLDED_BLOCK } = SCALAR_STYLE;

/** A problem in a document, with the 1-based line where it is. */
export interface YamlError {
  readonly message: string;
  readonly line: number;
}

/** A key that appears again in the same mapping: the field (the last value is kept) and the line of the repeat. */
export interface DuplicateKey {
  readonly field: string;
  readonly line: number;
}

/** One document of a YAML stream. */
export interface YamlDocument {
  /** 0-based position in the file. */
  readonly index: number;
  /** 1-based line where its content starts (its first key), or its `---` when it is empty. */
  readonly line: number;
  /** The document as JSON; `null` for an empty document. */
  readonly value: unknown;
  /** Parse errors; when there are any, `value` is `null`. */
  readonly errors: readonly YamlError[];
  /** The 1-based line of a field (`spec.template.spec.containers[0].image`), or of its closest ancestor present. */
  lineOf(field: string): number;
  /** Keys repeated in a mapping (the last value is kept). @default - none */
  readonly duplicateKeys?: readonly DuplicateKey[];
}

/**
 * Parses every document of a YAML text, as the API server reads it (see `yaml-reference.ts`, which
 * defines the result). Never throws: problems are in each document's `errors`.
 *
 * The reference reader (the `yaml` package) is too slow for large inputs (about 2 s for 3,000
 * objects, most of it in its lexer and parser). So the common case is read by a block scanner of our
 * own (`yaml-scanner.ts`: the block YAML that kubectl, helm and cdk8s print, a few times faster
 * than js-yaml), else from js-yaml's event parser, building the JSON here with the reference's
 * scalar resolution (`yaml11-scalars.ts`), and the rest goes to the reference reader: a piece this
 * path does not reproduce exactly (duplicate keys, aliases, merge keys, tags other than `!`, `!!str`,
 * `!!map`, `!!seq`, keys that are collections or over 1,000 characters) on its own; for a syntax error,
 * the text from its piece to the end (the reference then gives the errors and their lines); and the
 * whole file for directives, `...` markers, byte order marks after the start and lone CR line breaks.
 * `test/lint/yaml-equivalence.test.ts` holds both readers to the same values, errors and lines.
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  return parseFast(text) ?? parseYamlDocumentsReference(text);
}

/** The reference reader, loaded when first needed: most inputs need neither it nor the `yaml` package. */
function parseYamlDocumentsReference(text: string): YamlDocument[] {
  return (require('./yaml-reference') as typeof import('./yaml-reference')).parseYamlDocumentsReference(text);
}

/**
 * `%` directives, `...` document end markers (js-yaml and the reference count the documents of a
 * lone `...` differently), a byte order mark after the start, a CR that does not end a CRLF.
 */
const LEFT_TO_REFERENCE = /^%|^\.\.\.(?=[ \t\r\n]|$)|.\uFEFF|\r(?!\n)/ms;

/** Where documents start: each `---` at the start of a line (YAML allows it nowhere else). */
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** The size of the pieces parsed at once: large enough that calls cost nothing, small enough that their events die young. */
const PIECE_SIZE = 64 * 1024;

/** Which readers `parseFast` uses for a piece: the block scanner, else js-yaml (`both`), or only one (for tests). */
export type PieceReaders = 'both' | 'scanner' | 'events';

/**
 * The documents read by the fast path, or undefined when the text is for the reference reader.
 * A piece of a larger text that neither fast reader reads is the reference reader's alone; if it
 * has a syntax error, with the rest of the text (unless it is the first piece: then the whole text).
 *
 * The text is parsed in pieces of whole documents (cut at `---` lines), each by the block scanner or,
 * where it is not sure, js-yaml; the events of each piece are kept only as a compact record of
 * positions (`Events`): event objects for all of a large file would survive many garbage collections
 * (parsing took a third longer, measured on 5.6 MB). `pieceSize` is for tests: many pieces from a small text.
 */
export function parseFast(text: string, readers: PieceReaders = 'both', pieceSize = PIECE_SIZE): YamlDocument[] | undefined {
  if (LEFT_TO_REFERENCE.test(text)) return undefined;
  // Where each document starts: the first (if any) at 0, each other at its `---`.
  const starts = [0];
  for (const m of text.matchAll(DOCUMENT_START)) if (m.index! > 0) starts.push(m.index!);
  const explicitFirst = /^---(?=[ \t\r\n]|$)/.test(text);
  const lines = new LineIndex(text);
  let reference: YamlDocument[] | undefined;
  const fromReference = () => (reference ??= parseYamlDocumentsReference(text));
  const out: YamlDocument[] = [];
  for (let first = 0; first < starts.length;) {
    let next = first + 1;
    while (next < starts.length && starts[next] - starts[first] < pieceSize) next++;
    const end = starts[next] ?? text.length;
    // The block scanner reads most pieces (its offsets are the text's); js-yaml the rest (offsets in the piece).
    const scanned = readers !== 'events' ? scanDocuments(text, starts[first], end) : undefined;
    const base = scanned ? 0 : starts[first];
    const source = scanned ? text : text.slice(base, end);
    const piece = scanned ?? (readers !== 'scanner' ? readEvents(source) : undefined);
    if (!piece) {
      // What neither reads (an alias, a repeated key, a tag…) goes to the reference reader, this piece
      // alone: the rest of a large file keeps the fast path. A piece with an error: the text from it to
      // the end (what comes before it is read, and whole).
      if (readers !== 'both' || (first === 0 && next === starts.length)) return undefined;
      const alone = referencePiece(text, starts[first], end, lines, out.length);
      if (!alone.some(d => d.errors.length > 0)) {
        out.push(...alone);
        first = next;
        continue;
      }
      if (first === 0) return undefined;
      out.push(...referencePiece(text, starts[first], text.length, lines, out.length));
      return out;
    }
    // One document per start, but the text before the first `---` may hold none.
    const skipped = next - first - piece.roots.length;
    if (!(skipped === 0 || (skipped === 1 && first === 0))) return undefined;
    piece.roots.forEach((root, i) => {
      const start = starts[first + skipped + i];
      const index = out.length;
      const locator = new Locator(source, piece.events, root, offset => lines.lineOf(base + offset));
      // An empty document is at its `---`; without one, where the reference reader says.
      const line = locator.rootLine() ?? (start > 0 || explicitFirst ? lines.lineOf(start) : fromReference()[index].line);
      const lineOf = (field: string) => locator.lineOf(field) ?? fromReference()[index].lineOf(field);
      out.push({ index, line, value: piece.values[i], errors: [], lineOf });
    });
    first = next;
  }
  return out;
}

/**
 * The documents of the text from `from` (the start of a `---` line after whole text: nothing open
 * before it) to `to` as the reference reader reads that text alone, with the file's lines: the
 * documents the reference reader finds there in the whole file, since such a `---` starts a document.
 * A piece it reads without an error is whole too, so the next piece can be read alone; one with an
 * error is read again to the end of the text (an error, such as an unclosed quote, can run past the
 * piece's end).
 */
function referencePiece(text: string, from: number, to: number, lines: LineIndex, firstIndex: number): YamlDocument[] {
  const docs = parseYamlDocumentsReference(text.slice(from, to));
  const shift = lines.lineOf(from) - 1;
  return docs.map((d, i) => ({
    index: firstIndex + i,
    line: d.line + shift,
    value: d.value,
    errors: d.errors.map(e => ({ message: e.message, line: e.line + shift })),
    lineOf: (field: string) => d.lineOf(field) + shift,
    ...(d.duplicateKeys ? { duplicateKeys: d.duplicateKeys.map(k => ({ field: k.field, line: k.line + shift })) } : {}),
  }));
}

/** js-yaml, loaded for the first piece the block scanner leaves to it (most lints have none). */
let jsYaml: typeof import('js-yaml') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadJsYaml = () => (jsYaml ??= require('js-yaml') as typeof import('js-yaml'));

/** A piece read with js-yaml's event parser, or undefined for the reference reader. */
function readEvents(source: string): ReturnType<typeof build> {
  let parsed: Event[];
  try {
    parsed = loadJsYaml().parseEvents(source, {});
  } catch {
    return undefined;
  }
  return build(source, parsed);
}

/** Marks a node the fast path leaves to the reference reader. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * The JSON of each document of `events`, built as the reference reader builds it, the index of each
 * one's root node and the events as a compact record; undefined for what only the reference reader
 * handles.
 */
function build(text: string, events: Event[]): { values: unknown[]; roots: number[]; events: Events } | undefined {
  const record = new Events(events.length);
  const values: unknown[] = [];
  const roots: number[] = [];
  // The open nodes, innermost last: a document (its value goes to `values`), a sequence or a mapping
  // with, once its key is read, the key waiting for its value.
  const open: any[] = [];
  const kind: number[] = [];
  const pending: (string | undefined)[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const type = event.type;
    if (type === MAPPING || type === SEQUENCE) record.set(i, type, 0, event.start);
    else if (type === SCALAR) record.set(i, type, event.style, event.valueStart);
    else record.set(i, type, 0, 0);
    let value: unknown;
    switch (type) {
      case POP:
        open.pop();
        kind.pop();
        pending.pop();
        continue;
      case DOCUMENT:
        roots.push(i + 1);
        values.push(null);
        open.push(values);
        kind.push(DOCUMENT);
        pending.push(undefined);
        continue;
      case SCALAR:
        value = scalar(text, event);
        if (value === UNSUPPORTED) return undefined;
        break;
      case MAPPING:
      case SEQUENCE:
        if (!hasDefaultTag(text, event, type === MAPPING ? '!!map' : '!!seq')) return undefined;
        value = type === MAPPING ? {} : [];
        break;
      default:
        return undefined; // an alias: the reference reader limits how far aliases expand
    }
    const parent = open.length - 1;
    const parentKind = kind[parent];
    if (parentKind === DOCUMENT) {
      values[values.length - 1] = value;
    } else if (parentKind === SEQUENCE) {
      open[parent].push(value);
    } else if (pending[parent] === undefined) {
      // A key: a scalar, not a merge key, unique (as JSON keys: the reference reader reports a duplicate).
      if (type !== SCALAR || (event.style === PLAIN && value === '<<') || keyTooLong(text, event)) return undefined;
      const key = jsonKey(value);
      if (Object.prototype.hasOwnProperty.call(open[parent], key)) return undefined;
      // Most keys are untagged and need no unescaping or folding (js-yaml's `fast`): the text as it is.
      if (event.fast && event.tagStart < 0) record.setKeyEnd(i, event.valueEnd);
      else record.setKeyValue(i, value);
      pending[parent] = key;
    } else {
      const map = open[parent];
      const key = pending[parent]!;
      // `__proto__`, `constructor`…: an own property, never the prototype's.
      if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
      else map[key] = value;
      pending[parent] = undefined;
    }
    if (type === MAPPING || type === SEQUENCE) {
      open.push(value);
      kind.push(type);
      pending.push(undefined);
    }
  }
  return open.length === 0 ? { values, roots, events: record } : undefined;
}

/** A scalar's JSON value: a string when quoted, a block or tagged `!` or `!!str`; else as YAML 1.1 resolves it. */
function scalar(text: string, event: ScalarEvent): unknown {
  const source = loadJsYaml().getScalarValue(text, event);
  if (event.tagStart >= 0) {
    const tag = text.slice(event.tagStart, event.tagEnd);
    return tag === '!' || tag === '!!str' ? source : UNSUPPORTED;
  }
  return event.style === PLAIN ? resolvePlainScalar(source) : source;
}

function hasDefaultTag(text: string, event: { tagStart: number; tagEnd: number }, tag: string): boolean {
  if (event.tagStart < 0) return true;
  const written = text.slice(event.tagStart, event.tagEnd);
  return written === '!' || written === tag;
}

/**
 * The reference reader rejects an implicit key whose `:` is more than 1024 characters after its
 * start; checked here from 1000 on, a margin for where exactly a key starts. An empty key has no
 * position to measure from: left to the reference reader too.
 */
function keyTooLong(text: string, key: ScalarEvent): boolean {
  if (key.valueStart < 0) return true;
  let start = key.valueStart;
  if (key.tagStart >= 0 && key.tagStart < start) start = key.tagStart;
  if (key.anchorStart >= 0 && key.anchorStart < start) start = key.anchorStart;
  return text.indexOf(':', key.valueEnd) - start > 1000;
}

/**
 * Lines of fields in a document, found as the reference reader finds them: the line of each key (or
 * sequence item) on the way down, stopping at the last one present. The keys and items of each
 * collection visited are indexed once, as a document often has several findings.
 */
class Locator {
  private keys?: Map<number, Map<string, number>>;
  private items?: Map<number, number[]>;

  constructor(
    private readonly text: string,
    private readonly events: Events,
    private readonly root: number,
    private readonly line: (offset: number) => number,
  ) {}

  /** The line of the document's content, or undefined when it is empty. */
  rootLine(): number | undefined {
    return this.nodeLine(this.root);
  }

  /** The line of a field, or undefined where a node on the way has no position here (an empty node). */
  lineOf(field: string): number | undefined {
    let node = this.root;
    let found = this.nodeLine(node);
    for (const seg of fieldSegments(field)) {
      const type = this.events.type(node);
      let at: number | undefined;
      if (type === MAPPING) {
        at = this.keysOf(node).get(String(seg));
        if (at !== undefined) node = this.skip(at);
      } else if (type === SEQUENCE && typeof seg === 'number') {
        at = this.itemsOf(node)[seg];
        if (at !== undefined) node = at;
      }
      if (at === undefined) break;
      found = this.nodeLine(at);
      if (found === undefined) return undefined;
    }
    return found;
  }

  /** The line where a node starts (a block scalar: its `|` or `>`), or undefined for an empty node. */
  private nodeLine(i: number): number | undefined {
    const type = this.events.type(i);
    const start = this.events.start(i);
    if (type === MAPPING || type === SEQUENCE) return this.line(start);
    if (type !== SCALAR || start < 0) return undefined;
    // A block scalar's content starts on the line after its header.
    const style = this.events.style(i);
    const block = style === LITERAL_BLOCK || style === FOLDED_BLOCK;
    return this.line(start) - (block && this.text[start - 1] === '\n' ? 1 : 0);
  }

  /**
   * By a scalar key's text as the reference compares it with a field name (`String` of its value):
   * its key event, the value's next (the first such key, as the reference takes).
   */
  private keysOf(mapping: number): Map<string, number> {
    this.keys ??= new Map();
    let keys = this.keys.get(mapping);
    if (!keys) {
      keys = new Map();
      for (let key = mapping + 1; this.events.type(key) !== POP;) {
        const value = this.skip(key);
        if (this.events.type(key) === SCALAR) {
          const text = String(this.events.keyValue(key, this.text));
          if (!keys.has(text)) keys.set(text, key);
        }
        key = this.skip(value);
      }
      this.keys.set(mapping, keys);
    }
    return keys;
  }

  private itemsOf(sequence: number): number[] {
    this.items ??= new Map();
    let items = this.items.get(sequence);
    if (!items) {
      items = [];
      for (let item = sequence + 1; this.events.type(item) !== POP; item = this.skip(item)) items.push(item);
      this.items.set(sequence, items);
    }
    return items;
  }

  /** The index of the event after the node that starts at `i`. */
  private skip(i: number): number {
    let depth = 0;
    do {
      const type = this.events.type(i++);
      if (type === MAPPING || type === SEQUENCE) depth++;
      else if (type === POP) depth--;
    } while (depth > 0);
    return i;
  }
}

/** 1-based line numbers of offsets (lines end with `\n`, as the reference reader counts them). */
class LineIndex {
  /** Where each line starts; typed: a plain array of a large file's lines costs several times more to fill. */
  private starts: Int32Array;
  private count = 1;

  constructor(text: string) {
    let starts = new Int32Array((text.length >> 5) + 16);
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = i + 1;
    }
    this.starts = starts;
    this.count = count;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
