import { Events, EVENT_ID, SCALAR_STYLE } from './yaml-events';
import { jsonKey, resolvePlainScalar } from './yaml11-scalars';

/*
 * A scanner for the block YAML that kubectl, helm, cdk8s and the `yaml` package print: block mappings
 * and sequences (compact `- key: v` items, sequences at their key's indent), plain and quoted scalars
 * on one line, literal and folded block scalars, one-line flow collections of scalars, comments and
 * `---` documents. It reads the same values and records the same events (`Events`) as the js-yaml path
 * of `yaml-documents.ts`, at a fraction of the cost, and reads nothing it is not sure of: anchors,
 * aliases, tags, `?` keys, multi-line plain or quoted scalars, tabs, CR, duplicate or merge keys,
 * nested flow collections, indentation it does not expect… make it give up (undefined), and the piece
 * goes to js-yaml (which itself leaves what it does not handle to the reference reader).
 * `test/lint/yaml-equivalence.test.ts` and `yaml-scanner.test.ts` hold it to the reference reader.
 */

const { DOCUMENT, SEQUENCE, MAPPING, SCALAR, POP } = EVENT_ID;
const { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL_BLOCK, FOLDED_BLOCK } = SCALAR_STYLE;

const TAB = 9;
const LF = 10;
// Past the end of the text, charCodeAt gives NaN: `c !== c` is the end (no bounds to load in hot loops).
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GT = 62;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Thrown where the scanner gives up (a constant: no stack to capture). */
const GIVE_UP = { giveUp: true };

/** The scanner's result for a piece: as `build` in `yaml-documents.ts` returns it. */
export interface Scanned {
  readonly values: unknown[];
  readonly roots: number[];
  readonly events: Events;
}

/**
 * The documents of `text` from `from` (the start of the text or of a `---` line) to `to` (the start of
 * a `---` line or the end), or undefined when the scanner is not sure to read them as the reference does.
 * Event offsets are positions in `text`.
 */
export function scanDocuments(text: string, from: number, to: number): Scanned | undefined {
  try {
    return new Scanner(text, from, to).run();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  } finally {
    // What the stacks hold is the caller's now (or garbage).
    STACKS.nodes.length = 0;
    STACKS.keys.length = 0;
    STACKS.mapKeys.length = 0;
    STACKS.slots.length = 0;
  }
}

/**
 * The scanners' stacks, one set for all (scanning is synchronous): arrays of every piece's scanner
 * then keep their elements kind, where fresh ones would change it on their first elements and
 * deoptimize the scanner's code once a piece.
 */
const STACKS = {
  kinds: [] as number[],
  indents: [] as number[],
  nodes: [] as any[],
  keys: [] as (string | undefined)[],
  inherited: [] as boolean[],
  waiting: [] as boolean[],
  mapKeys: [] as string[],
  firstKey: [] as number[],
  slots: [] as (string | number)[],
};

/** Characters YAML does not allow in text (besides tabs, which the scanner leaves to the others), or that it reads as line breaks. */
function unusual(c: number): boolean {
  return c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c >= 0xfffe;
}

/** A plain key's JSON key (`yes` is `true`), and whether `Object.prototype` has it (`constructor`). */
interface PlainKey {
  readonly json: string;
  readonly inherited: boolean;
}

/** Plain keys read so far (`name`, `80`, `yes`): keys repeat in every object. */
const PLAIN_KEYS = new Map<string, PlainKey>();

/** The keys of a mapping compared one by one for repeats, up to this many (then by property lookup). */
const FEW_KEYS = 32;

class Scanner {
  private readonly events: Events;
  private readonly values: unknown[] = [];
  private readonly roots: number[] = [];
  private readonly end: number;
  /** Start of the current line. */
  private lineStart = 0;
  private inDocument = false;
  private hasRoot = false;

  // The open block collections, innermost last: kind, indent (column of its keys or dashes), value,
  // the key read and waiting for its value, and whether its value (or item) is to come on a later line.
  // Indexed by `depth`; shared by every scanner (see `STACKS`).
  private depth = 0;
  private readonly kinds = STACKS.kinds;
  private readonly indents = STACKS.indents;
  private readonly nodes = STACKS.nodes;
  private readonly keys = STACKS.keys;
  private readonly inherited = STACKS.inherited;
  private readonly waiting = STACKS.waiting;
  // The keys of the open mappings, in `mapKeys` from `firstKey[depth]` on (cheaper than property lookups on objects of every shape).
  private readonly mapKeys = STACKS.mapKeys;
  private readonly firstKey = STACKS.firstKey;
  /** Where each open collection is in its parent: a key, an index, or -1 for the document's root. */
  private readonly slots = STACKS.slots;
  private keyCount = 0;

  // The last scalar token read (`token`): style, text range, value when it is not that text, end.
  private tokStyle = 0;
  private tokStart = 0;
  private tokEnd = 0;
  private tokDecoded: string | undefined = undefined;
  private tokAfter = 0;
  /** Whether the token goes over more than one line (a plain one: folded in `tokPlainFolded`). */
  private tokLines = false;
  private tokPlainFolded = '';

  constructor(private readonly text: string, private readonly from: number, private readonly to: number) {
    this.events = new Events(Math.ceil((to - from) / 10) + 16); // manifests have an event every 12 bytes
    this.end = text.length;
  }

  run(): Scanned {
    const text = this.text;
    let pos = this.from;
    while (pos < this.to) {
      this.lineStart = pos;
      let i = pos;
      while (text.charCodeAt(i) === SPACE) i++;
      if (i >= this.end) break;
      const c = text.charCodeAt(i);
      if (c === LF) {
        pos = i + 1;
        continue;
      }
      if (c === HASH) {
        pos = this.comment(i);
        continue;
      }
      if (i === pos && (c === DASH || c === DOT) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
        const after = text.charCodeAt(i + 3);
        // `...` and `---x` are the others'; `--- content` too.
        if (c === DOT || !(after === SPACE || after === LF || i + 3 >= this.end)) throw GIVE_UP;
        if (this.inDocument) this.closeDocument();
        this.openDocument();
        pos = this.lineEnd(i + 3);
        continue;
      }
      if (!this.inDocument) this.openDocument();
      pos = this.line(i);
    }
    if (this.inDocument) this.closeDocument();
    return { values: this.values, roots: this.roots, events: this.events };
  }

  private openDocument(): void {
    const i = this.events.push(DOCUMENT, 0, 0);
    this.roots.push(i + 1);
    this.values.push(null);
    this.inDocument = true;
    this.hasRoot = false;
  }

  private closeDocument(): void {
    while (this.depth > 0) this.close();
    if (!this.hasRoot) this.events.push(SCALAR, PLAIN, -1);
    this.events.push(POP, 0, 0);
    this.inDocument = false;
  }

  /** A content line whose first character is at `i`; returns where the next line starts. */
  private line(i: number): number {
    const text = this.text;
    const indent = i - this.lineStart;
    const dash = text.charCodeAt(i) === DASH && this.blank(i + 1);
    // Close what the line ends: deeper collections, and a sequence at its key's indent unless this is its next item.
    while (this.depth > 0) {
      const t = this.depth - 1;
      if (this.indents[t] > indent || (this.indents[t] === indent && this.kinds[t] === SEQUENCE && !dash)) this.close();
      else break;
    }
    if (this.depth === 0) {
      if (this.hasRoot) throw GIVE_UP;
      return this.node(i, -1, true, false);
    }
    const t = this.depth - 1;
    if (this.indents[t] === indent) {
      if (this.kinds[t] === SEQUENCE) {
        if (this.waiting[t]) this.addEmpty();
        return this.item(i);
      }
      if (dash) {
        if (!this.waiting[t]) throw GIVE_UP;
        return this.node(i, indent, true, false);
      }
      if (this.waiting[t]) this.addEmpty();
      this.token(i);
      return this.entry(i, this.colon(this.skipSpaces(this.tokAfter)));
    }
    // Deeper: the value of the key or item waiting for it.
    if (!this.waiting[t]) throw GIVE_UP;
    return this.node(i, this.indents[t], true, true, true);
  }

  /**
   * A node at `i` (its parent collection's indent `parent`, -1 for the root): a block collection when
   * `collections` (at the start of a line or after `- `), a scalar when `scalars` (a value: after `- `
   * or `key: `, or on a line of its own, `ownLine`, below them; a flow collection too), a block
   * scalar when also not on its own line.
   */
  private node(i: number, parent: number, collections: boolean, scalars: boolean, ownLine = false): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === DASH && this.blank(i + 1)) {
      if (!collections) throw GIVE_UP;
      this.open(SEQUENCE, i);
      return this.item(i);
    }
    if (c === PIPE || c === GT) {
      if (!scalars || ownLine) throw GIVE_UP;
      return this.blockScalar(i, parent);
    }
    if (c === LBRACKET || c === LBRACE) {
      if (!scalars) throw GIVE_UP;
      return this.lineEnd(this.flow(i));
    }
    // A scalar value may go on over the next lines (more indented than its collection), a key may not.
    this.token(i, false, scalars ? parent + 1 : -1);
    const after = this.skipSpaces(this.tokAfter);
    const colon = this.colon(after);
    if (colon >= 0) {
      if (!collections || this.tokLines) throw GIVE_UP;
      this.open(MAPPING, i);
      return this.entry(i, colon);
    }
    if (!scalars) throw GIVE_UP;
    if (this.tokStyle === PLAIN && this.text.charCodeAt(after) === LF) this.plainLines(after, parent + 1);
    this.events.push(SCALAR, this.tokStyle, this.tokStart);
    this.add(this.tokenValue());
    return this.lineEnd(this.tokAfter);
  }

  /** A sequence item: its `-` at `d`. */
  private item(d: number): number {
    const i = this.skipSpaces(d + 1);
    const c = this.text.charCodeAt(i);
    if (c === LF || c !== c) {
      this.waiting[this.depth - 1] = true;
      return i + 1;
    }
    if (c === HASH) {
      this.waiting[this.depth - 1] = true;
      return this.comment(i);
    }
    return this.node(i, d - this.lineStart, true, true);
  }

  /** A mapping entry of the innermost mapping: its key (the last token) at `i`, its `:` at `colon`. */
  private entry(i: number, colon: number): number {
    if (colon < 0 || this.tokAfter - i > 1000) throw GIVE_UP; // the reference rejects implicit keys over 1024 characters
    const t = this.depth - 1;
    const map = this.nodes[t];
    let key: string;
    let inherited: boolean;
    const style = this.tokStyle;
    if (style === PLAIN) {
      const source = this.text.slice(this.tokStart, this.tokEnd);
      let known = PLAIN_KEYS.get(source);
      if (known === undefined) {
        if (source === '<<') throw GIVE_UP; // a merge key
        const json = jsonKey(resolvePlainScalar(source));
        known = { json, inherited: json in Object.prototype };
        if (PLAIN_KEYS.size < 10_000) PLAIN_KEYS.set(source, known);
      }
      key = known.json;
      inherited = known.inherited;
    } else {
      key = this.tokenValue() as string;
      inherited = key in Object.prototype;
    }
    // A repeated key: the reference lists it.
    const first = this.firstKey[t];
    if (this.keyCount - first <= FEW_KEYS) {
      for (let k = first; k < this.keyCount; k++) if (this.mapKeys[k] === key) throw GIVE_UP;
    } else if (Object.prototype.hasOwnProperty.call(map, key)) {
      throw GIVE_UP;
    }
    this.mapKeys[this.keyCount++] = key;
    this.inherited[t] = inherited;
    const e = this.events.push(SCALAR, style, this.tokStart);
    if (this.tokDecoded === undefined) this.events.setKeyEnd(e, this.tokEnd);
    else this.events.setKeyValue(e, this.tokDecoded);
    this.keys[t] = key;
    const v = this.skipSpaces(colon + 1);
    const c = this.text.charCodeAt(v);
    if (c === LF || c !== c) {
      this.waiting[t] = true;
      return v + 1;
    }
    if (c === HASH) {
      if (v === colon + 1) throw GIVE_UP;
      this.waiting[t] = true;
      return this.comment(v);
    }
    return this.node(v, this.indents[t], false, true);
  }

  /** The position of the `:` of a key at `i` (after its token and spaces), or -1. */
  private colon(i: number): number {
    return this.text.charCodeAt(i) === COLON && this.blank(i + 1) ? i : -1;
  }

  /** Whether the character at `i` ends a token: a space, a line break or the end. */
  private blank(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return c === SPACE || c === LF || c !== c;
  }

  private skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** After a node at `i`: spaces, then a comment or the line break. Returns the next line's start. */
  private lineEnd(i: number): number {
    const j = this.skipSpaces(i);
    const c = this.text.charCodeAt(j);
    if (c === LF || c !== c) return j + 1;
    if (c === HASH && j > i) return this.comment(j);
    throw GIVE_UP;
  }

  /** A comment at `i`; returns the next line's start. */
  private comment(i: number): number {
    const text = this.text;
    for (let j = i + 1; ; j++) {
      const c = text.charCodeAt(j);
      if (c === LF || c !== c) return j + 1;
      if (c < 0x7f ? c < 0x20 : unusual(c)) throw GIVE_UP;
    }
  }

  /** Opens a block collection whose first key or `-` is at `i`. */
  private open(kind: number, i: number): void {
    this.events.push(kind, 0, i);
    const value = kind === MAPPING ? {} : [];
    const d = this.depth;
    this.slots[d] = d === 0 ? -1 : this.kinds[d - 1] === SEQUENCE ? this.nodes[d - 1].length : this.keys[d - 1]!;
    this.add(value);
    this.depth++;
    this.kinds[d] = kind;
    this.indents[d] = i - this.lineStart;
    this.nodes[d] = value;
    this.keys[d] = undefined;
    this.waiting[d] = false;
    this.firstKey[d] = this.keyCount;
  }

  /** Closes the innermost block collection (a key or item still waiting is null). */
  private close(): void {
    if (this.waiting[this.depth - 1]) this.addEmpty();
    this.events.push(POP, 0, 0);
    const d = --this.depth;
    // A sequence grown by push has room for 17 or more items where most hold one or two: the lint keeps
    // every value to its end, so the sequence is put in its place as an exact copy.
    if (this.kinds[d] === SEQUENCE && this.nodes[d].length > 0) this.replace(d, this.nodes[d].slice());
    this.nodes[d] = undefined;
    this.keyCount = this.firstKey[this.depth];
  }

  /** Puts `value` where the collection open at depth `d` is in its parent (the key or index it was added at). */
  private replace(d: number, value: unknown): void {
    const slot = this.slots[d];
    // An own property already (`__proto__` too): assigning it sets the value, in the same key order.
    if (d === 0) this.values[this.values.length - 1] = value;
    else this.nodes[d - 1][slot] = value;
  }

  /** An empty node (null) where a value or item was waiting. */
  private addEmpty(): void {
    this.events.push(SCALAR, PLAIN, -1);
    this.add(null);
  }

  /** Adds a value to the innermost collection, or as the document's root. */
  private add(value: unknown): void {
    if (this.depth === 0) {
      if (this.hasRoot) throw GIVE_UP;
      this.values[this.values.length - 1] = value;
      this.hasRoot = true;
      return;
    }
    const t = this.depth - 1;
    const node = this.nodes[t];
    this.waiting[t] = false;
    if (this.kinds[t] === SEQUENCE) {
      node.push(value);
      return;
    }
    const key = this.keys[t]!;
    this.keys[t] = undefined;
    // `__proto__`, `constructor`…: an own property, never the prototype's.
    if (this.inherited[t]) Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
    else node[key] = value;
  }

  /** The JSON value of the last token. */
  private tokenValue(): unknown {
    if (this.tokDecoded !== undefined) return this.tokDecoded;
    if (this.tokLines && this.tokStyle === PLAIN) return resolvePlainScalar(this.tokPlainFolded);
    if (this.tokStyle !== PLAIN) return this.text.slice(this.tokStart, this.tokEnd);
    // Small decimal numbers (ports, counts) without the regular expressions: what YAML 1.1 makes of them too.
    const text = this.text;
    let n = text.charCodeAt(this.tokStart) - 48;
    if (n >= 1 && n <= 9 && this.tokEnd - this.tokStart <= 9) {
      for (let j = this.tokStart + 1; ; j++) {
        if (j === this.tokEnd) return n;
        const d = text.charCodeAt(j) - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
    }
    return resolvePlainScalar(text.slice(this.tokStart, this.tokEnd));
  }

  /**
   * A scalar at `i` (`flow`: inside `[` `]` or `{` `}`): sets the token fields. A plain scalar ends
   * before `: `, ` #`, the line break (and in flow, `,` and brackets); a quoted one may go on over
   * lines indented at least `indent` (-1: on one line only).
   */
  private token(i: number, flow = false, indent = -1): void {
    const text = this.text;
    const c = text.charCodeAt(i);
    this.tokDecoded = undefined;
    this.tokLines = false;
    if (c === SQUOTE) return this.singleQuoted(i, indent);
    if (c === DQUOTE) return this.doubleQuoted(i, indent);
    // What cannot start a plain scalar, or starts one the scanner leaves to the others (`-x`, `::/0` are plain).
    switch (c) {
      case DASH: case COLON: case 63: {
        const n = text.charCodeAt(i + 1);
        if (n === SPACE || n === LF || i + 1 >= this.end || (flow && c !== DASH) || (flow && (n === COMMA || n === RBRACKET || n === RBRACE || n === LBRACKET || n === LBRACE))) throw GIVE_UP;
        break;
      }
      case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH:
      case 38: case 42: case 33: case PIPE: case GT: case 37: case 64: case 96: // ? : , [ ] { } # & * ! | > % @ `
        throw GIVE_UP;
    }
    let end = i;
    for (let j = i; ; j++) {
      const ch = text.charCodeAt(j);
      if (ch === LF || ch !== ch) break;
      if (ch === SPACE) {
        if (text.charCodeAt(j + 1) === HASH) break;
        continue;
      }
      if (ch === COLON) {
        if (this.blank(j + 1)) break;
        if (flow) throw GIVE_UP;
      } else if (ch < 0x7f ? ch < 0x20 : unusual(ch)) {
        throw GIVE_UP;
      } else if (flow && (ch === COMMA || ch === RBRACKET || ch === RBRACE || ch === LBRACKET || ch === LBRACE)) {
        break;
      }
      end = j + 1;
    }
    this.setToken(PLAIN, i, end, end);
  }

  /** The last token: its style, its text from `start` to `end`, and where what follows it starts. */
  private setToken(style: number, start: number, end: number, after: number): void {
    this.tokStyle = style;
    this.tokStart = start;
    this.tokEnd = end;
    this.tokAfter = after;
  }

  private singleQuoted(i: number, indent: number): void {
    const text = this.text;
    let escaped = false;
    let j = i + 1;
    for (; ; j++) {
      const c = text.charCodeAt(j);
      if (c === SQUOTE) {
        if (text.charCodeAt(j + 1) !== SQUOTE) break;
        escaped = true;
        j++;
      } else if (c === LF) {
        j = this.nextQuotedLine(j, indent);
      } else if (c !== c || (c < 0x7f ? c < 0x20 : unusual(c))) {
        throw GIVE_UP; // unterminated, or a character for the others
      }
    }
    this.setToken(SINGLE_QUOTED, i + 1, j, j + 1);
    if (this.tokLines) this.tokDecoded = unfoldLines(text.slice(i + 1, j)).replace(/''/g, "'");
    else if (escaped) this.tokDecoded = text.slice(i + 1, j).replace(/''/g, "'");
  }

  private doubleQuoted(i: number, indent: number): void {
    const text = this.text;
    let escaped = false;
    let j = i + 1;
    for (; ; j++) {
      const c = text.charCodeAt(j);
      if (c === DQUOTE) break;
      if (c === BACKSLASH) {
        // An escaped line break (the next line's text follows without a space): the others'.
        const n = text.charCodeAt(j + 1);
        if (n === LF || n !== n || (n < 0x7f ? n < 0x20 : unusual(n))) throw GIVE_UP;
        escaped = true;
        j++;
      } else if (c === LF) {
        j = this.nextQuotedLine(j, indent);
      } else if (c !== c || (c < 0x7f ? c < 0x20 : unusual(c))) {
        throw GIVE_UP;
      }
    }
    this.setToken(DOUBLE_QUOTED, i + 1, j, j + 1);
    if (escaped || this.tokLines) this.tokDecoded = doubleQuotedValue(text, i + 1, j);
  }

  /**
   * At a line break `j` inside a quoted scalar: where its text goes on (the last space of the next
   * line's indent, which must be at least `indent`, or blank), as the `yaml` lexer allows it.
   */
  private nextQuotedLine(j: number, indent: number): number {
    if (indent < 0) throw GIVE_UP;
    const text = this.text;
    let k = j + 1;
    while (text.charCodeAt(k) === SPACE) k++;
    const c = text.charCodeAt(k);
    if (k >= this.end || (c !== LF && k - (j + 1) < indent)) throw GIVE_UP;
    this.tokLines = true;
    return k - 1;
  }

  /**
   * A plain scalar (the last token, ended by the line break at `nl`) going on over the next lines:
   * those indented at least `indent`, not starting with a comment or an indicator, with blank lines
   * between; folded as the `yaml` package folds them. Leaves the token as it is when none follows.
   */
  private plainLines(nl: number, indent: number): void {
    const text = this.text;
    let end = this.tokEnd;
    for (let p = nl + 1; p < this.end;) {
      let s = p;
      while (text.charCodeAt(s) === SPACE) s++;
      const c = text.charCodeAt(s);
      if (c === LF) {
        p = s + 1;
        continue;
      }
      if (s >= this.end || s - p < indent || c === HASH) break;
      // What could read as structure (`- x`, `key: v`, `[…]`): the others'.
      if (c === DASH || c === 63 || c === COLON || c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE ||
          c === 38 || c === 42 || c === 33 || c === PIPE || c === GT || c === SQUOTE || c === DQUOTE || c === 37 || c === 64 || c === 96) throw GIVE_UP;
      let j = s;
      for (; ; j++) {
        const ch = text.charCodeAt(j);
        if (ch === LF || j >= this.end) break;
        if (ch === SPACE) {
          if (text.charCodeAt(j + 1) === HASH) break;
          continue;
        }
        if (ch === COLON && this.blank(j + 1)) throw GIVE_UP;
        if (ch < 0x7f ? ch < 0x20 : unusual(ch)) throw GIVE_UP;
        end = j + 1;
      }
      if (text.charCodeAt(j) !== LF) break; // a comment or the end: the scalar ends on this line
      p = j + 1;
    }
    if (end === this.tokEnd) return;
    this.tokLines = true;
    this.tokDecoded = undefined;
    this.tokEnd = end;
    this.tokAfter = end;
    this.tokPlainFolded = unfoldLines(text.slice(this.tokStart, end));
  }

  /**
   * A one-line flow collection of scalars at `i` (`[a, "b"]`, `{k: v}`, `[]`, `{}`); returns the
   * position after it. Nested collections, empty entries and trailing commas are the others'.
   */
  private flow(i: number): number {
    const text = this.text;
    const isMap = text.charCodeAt(i) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const value: any = isMap ? {} : [];
    this.events.push(isMap ? MAPPING : SEQUENCE, 0, i);
    let j = this.skipSpaces(i + 1);
    if (text.charCodeAt(j) !== close) {
      for (;;) {
        this.token(j, true);
        j = this.skipSpaces(this.tokAfter);
        if (isMap) {
          if (this.tokStyle === PLAIN && this.tokEnd - this.tokStart === 2 && text.startsWith('<<', this.tokStart)) throw GIVE_UP;
          const key = jsonKey(this.tokenValue());
          if (this.colon(j) < 0 || Object.prototype.hasOwnProperty.call(value, key)) throw GIVE_UP;
          const e = this.events.push(SCALAR, this.tokStyle, this.tokStart);
          if (this.tokDecoded === undefined) this.events.setKeyEnd(e, this.tokEnd);
          else this.events.setKeyValue(e, this.tokDecoded);
          this.token(this.skipSpaces(j + 1), true);
          j = this.skipSpaces(this.tokAfter);
          this.events.push(SCALAR, this.tokStyle, this.tokStart);
          const v = this.tokenValue();
          if (key in value) Object.defineProperty(value, key, { value: v, writable: true, enumerable: true, configurable: true });
          else value[key] = v;
        } else {
          this.events.push(SCALAR, this.tokStyle, this.tokStart);
          value.push(this.tokenValue());
        }
        const c = text.charCodeAt(j);
        if (c === close) break;
        if (c !== COMMA) throw GIVE_UP;
        j = this.skipSpaces(j + 1);
        if (text.charCodeAt(j) === close) throw GIVE_UP;
      }
    }
    this.events.push(POP, 0, 0);
    this.add(isMap ? value : value.slice()); // an exact copy: see close()
    return j + 1;
  }

  /**
   * A literal or folded block scalar: its header (`|`, `>-`, `|2+`…) at `h`, in a collection at
   * indent `parent`; as the `yaml` package reads it (its lexer's lines, then `resolveBlockScalar`).
   */
  private blockScalar(h: number, parent: number): number {
    const text = this.text;
    const folded = text.charCodeAt(h) === GT;
    let k = h + 1;
    let chomp = 0; // 0 clip, 1 strip (`-`), 2 keep (`+`)
    let explicit = 0;
    for (let n = 0; n < 2; n++) {
      const c = text.charCodeAt(k);
      if (chomp === 0 && (c === DASH || c === 43)) {
        chomp = c === DASH ? 1 : 2;
        k++;
      } else if (explicit === 0 && c > 48 && c <= 57) {
        explicit = c - 48;
        k++;
      }
    }
    if (parent < 0) throw GIVE_UP;
    let p = this.lineEnd(k);
    // The lines of the scalar: blank ones (spaces only) and those indented past `parent`; the first
    // with text sets the indent, unless given.
    const lines: number[] = []; // per line: spaces, text start, text end
    let first = -1;
    let min = parent + 1;
    while (p < this.end) {
      let s = p;
      while (text.charCodeAt(s) === SPACE) s++;
      const c = text.charCodeAt(s);
      const blankLine = c === LF || s >= this.end;
      if (!blankLine && s - p < min) break;
      if (!blankLine && first < 0) {
        first = lines.length / 3;
        min = explicit > 0 ? parent + explicit : s - p;
        if (s - p < min) throw GIVE_UP; // less indented than its indicator says
      }
      let e = s;
      for (; e < this.end; e++) {
        const ch = text.charCodeAt(e);
        if (ch === LF) break;
        if (ch !== TAB && (ch < 0x7f ? ch < 0x20 : unusual(ch))) throw GIVE_UP; // tabs are text past the indent
      }
      lines.push(s - p, s, e);
      p = e + 1;
    }
    if (first < 0) throw GIVE_UP; // no text: the others'
    // As the lexer's source: its last line break is followed by an empty line.
    if (p <= this.end) lines.push(0, p, p);
    const trim = min;
    const count = lines.length / 3;
    let chompStart = count;
    while (chompStart > 0 && lines[(chompStart - 1) * 3 + 1] === lines[(chompStart - 1) * 3 + 2]) chompStart--;
    // Leading blank lines more indented than the text, and trailing ones past the indent, are the others'
    // (an error, or where the lexer and resolveBlockScalar draw lines differently).
    for (let l = 0; l < first; l++) if (lines[l * 3] > trim) throw GIVE_UP;
    for (let l = chompStart; l < count; l++) if (lines[l * 3] > trim) throw GIVE_UP;
    // Pieces joined once: `+=` would leave the value a chain of two string objects per line, which a
    // lint keeps (and the garbage collector copies) until it ends.
    const parts: string[] = [];
    for (let l = 0; l < first; l++) parts.push('\n');
    let sep = '';
    let prevMoreIndented = false;
    for (let l = first; l < chompStart; l++) {
      const spaces = lines[l * 3];
      const start = lines[l * 3 + 1];
      const end = lines[l * 3 + 2];
      const content = text.slice(start - Math.max(0, spaces - trim), end);
      if (!folded) {
        parts.push(sep, content);
        sep = '\n';
      } else if (spaces > trim || text.charCodeAt(start) === TAB) {
        if (sep === ' ') sep = '\n';
        else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
        parts.push(sep, content);
        sep = '\n';
        prevMoreIndented = true;
      } else if (start === end) {
        if (sep === '\n') parts.push('\n');
        else sep = '\n';
      } else {
        parts.push(sep, content);
        sep = ' ';
        prevMoreIndented = false;
      }
    }
    if (chomp === 2) {
      for (let l = chompStart; l < count; l++) parts.push('\n');
      if (!endsWithLineFeed(parts)) parts.push('\n');
    } else if (chomp === 0) {
      parts.push('\n');
    }
    const value = parts.join('');
    this.events.push(SCALAR, folded ? FOLDED_BLOCK : LITERAL_BLOCK, h);
    this.add(value);
    return Math.min(p, this.end + 1);
  }
}

/** Whether the text `parts` join to ends with a line feed. */
function endsWithLineFeed(parts: readonly string[]): boolean {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== '') return parts[i].charCodeAt(parts[i].length - 1) === LF;
  return false;
}

/** The `yaml` package's folding of a plain or single-quoted scalar's lines (compose/resolve-flow-scalar.js). */
function unfoldLines(source: string): string {
  const line = /(.*?)\r?\n/sy;
  let match = line.exec(source);
  if (!match) return source;
  // Pieces joined once (see the block scalar).
  const parts = [match[1].replace(/(?<![ \t])[ \t]+$/, '')];
  let sep = ' ';
  let pos = line.lastIndex;
  while ((match = line.exec(source))) {
    const lm = match[1].replace(/^[ \t]+|(?<![ \t])[ \t]+$/g, '');
    if (lm === '') {
      if (sep === '\n') parts.push(sep);
      else sep = '\n';
    } else {
      parts.push(sep, lm);
      sep = ' ';
    }
    pos = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = pos;
  match = last.exec(source);
  parts.push(sep, match?.[1] ?? '');
  return parts.join('');
}

/**
 * A double-quoted scalar's text from `start` to `end`, its escapes and line breaks read as the `yaml`
 * package reads them (compose/resolve-flow-scalar.js); gives up on escapes it would report.
 */
function doubleQuotedValue(text: string, start: number, end: number): string {
  // Runs of text kept as written are sliced, not appended a character at a time, and the pieces joined
  // once (see the block scalar).
  const parts: string[] = [];
  let run = start;
  for (let i = start; i < end; ++i) {
    const ch = text.charCodeAt(i);
    if (ch === LF) {
      // A single line break folds to a space, more to one line feed fewer.
      parts.push(text.slice(run, i));
      let fold = '';
      let next = text.charCodeAt(i + 1);
      while (next === SPACE || next === TAB || next === LF) {
        if (next === LF) fold += '\n';
        i += 1;
        next = text.charCodeAt(i + 1);
      }
      parts.push(fold || ' ');
      run = i + 1;
    } else if (ch === BACKSLASH) {
      parts.push(text.slice(run, i));
      const next = text[++i];
      run = i + 1;
      if (Object.prototype.hasOwnProperty.call(ESCAPES, next)) {
        parts.push(ESCAPES[next]);
        continue;
      }
      const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      const hex = text.slice(i + 1, i + 1 + length);
      if (length === 0 || i + 1 + length > end || !/^[0-9a-fA-F]+$/.test(hex)) throw GIVE_UP;
      const code = parseInt(hex, 16);
      if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) throw GIVE_UP;
      parts.push(String.fromCodePoint(code));
      i += length;
      run = i + 1;
    } else if (ch === SPACE || ch === TAB) {
      // Spaces before a line break are dropped.
      const wsStart = i;
      let next = text.charCodeAt(i + 1);
      while (next === SPACE || next === TAB) next = text.charCodeAt(++i + 1);
      if (next === LF) {
        parts.push(text.slice(run, wsStart));
        run = i + 1;
      }
    }
  }
  parts.push(text.slice(run, end));
  return parts.join('');
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
