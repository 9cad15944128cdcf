import { resolvePlainScalar } from './yaml11-scalars';

/**
 * js-yaml's event types and scalar styles (its `EVENT_ID` and `SCALAR_STYLE`; a test checks they are
 * the same), which the block scanner's events use too: copied here so that a lint whose pieces the
 * scanner reads never loads js-yaml (~15-20 ms of a lint's start).
 */
export const EVENT_ID = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;
export const SCALAR_STYLE = { PLAIN: 1, SINGLE_QUOTED: 2, DOUBLE_QUOTED: 3, LITERAL_BLOCK: 4, FOLDED_BLOCK: 5 } as const;

const { PLAIN } = SCALAR_STYLE;

/**
 * The events of a piece of YAML (js-yaml's, or the block scanner's of `yaml-scanner.ts`), kept
 * compact (typed, so the garbage collector never walks them): for each, its type and scalar style,
 * and the positions that lines and key texts are read from. Two numbers an event (the file's
 * events number about a twelfth of its bytes; a lint keeps them to its end, for the lines of its
 * findings): the type, style and a key's text length in one, its start in the other. A key that is
 * not the text between its offsets (escapes, folding, a tag) keeps its JSON value instead.
 */
export class Events {
  private static readonly STRIDE = 2;
  private data: Int32Array;
  private readonly slowKeys = new Map<number, unknown>();
  /** Where keys end whose text is too long for the bits its event has (`LONG_KEY`). */
  private readonly longKeyEnds = new Map<number, number>();
  /** Events recorded so far (by `push`). */
  length = 0;

  constructor(capacity: number) {
    this.data = int32s(Math.max(capacity, 16) * Events.STRIDE);
  }

  /**
   * An event at index `i`: its type and where a node starts (a collection: its first key, item or
   * bracket; a scalar: its text, -1 when empty; a block scalar: its `|` or `>` header, or its first
   * line's text, which `Locator` tells apart by the line break before it).
   */
  set(i: number, type: number, style: number, start: number): void {
    const o = i * Events.STRIDE;
    if (o + Events.STRIDE > this.data.length) {
      const grown = int32s(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[o] = type | (style << 4);
    this.data[o + 1] = start;
    if (i >= this.length) this.length = i + 1;
  }

  /** Appends an event (see `set`) and returns its index. */
  push(type: number, style: number, start: number): number {
    const i = this.length;
    this.set(i, type, style, start);
    return i;
  }

  /** Marks the scalar event `i` as a key whose JSON value is the text from its start to `end` (resolved if plain). */
  setKeyEnd(i: number, end: number): void {
    const o = i * Events.STRIDE;
    const length = end - this.data[o + 1];
    if (length >= 0 && length <= KEY_LENGTH_MAX) {
      this.data[o] |= FAST | (length << KEY_LENGTH_SHIFT);
    } else {
      this.data[o] |= FAST | LONG_KEY;
      this.longKeyEnds.set(i, end);
    }
  }

  /** Marks the scalar event `i` as a key with this value (escaped, folded or tagged text). */
  setKeyValue(i: number, value: unknown): void {
    this.slowKeys.set(i, value);
  }

  type(i: number): number {
    return this.data[i * Events.STRIDE] & 0xf;
  }

  style(i: number): number {
    return (this.data[i * Events.STRIDE] >> 4) & 0xf;
  }

  /** Where a node starts (see `set`). */
  start(i: number): number {
    return this.data[i * Events.STRIDE + 1];
  }

  /** A key scalar's value (see `setKeyEnd`, `setKeyValue`). */
  keyValue(i: number, text: string): unknown {
    const o = i * Events.STRIDE;
    const d = this.data;
    if ((d[o] & FAST) !== 0) {
      const start = d[o + 1];
      const end = (d[o] & LONG_KEY) !== 0 ? this.longKeyEnds.get(i)! : start + (d[o] >>> KEY_LENGTH_SHIFT);
      const source = text.slice(start, end);
      return ((d[o] >> 4) & 0xf) === PLAIN ? resolvePlainScalar(source) : source;
    }
    return this.slowKeys.get(i);
  }
}

/** In `Events`: a key whose value is the text between its offsets; its length is in the bits from `KEY_LENGTH_SHIFT` on, or (`LONG_KEY`) kept aside. */
const FAST = 1 << 8;
const LONG_KEY = 1 << 9;
const KEY_LENGTH_SHIFT = 10;
const KEY_LENGTH_MAX = (1 << (31 - KEY_LENGTH_SHIFT)) - 1;

/**
 * An Int32Array left uninitialized: only what is written is ever read, and zeroing a large file's
 * records touches memory that costs more than filling it (fresh pages fault in: measured ~25 ms for
 * a 5 MB file's records when they took three numbers an event).
 */
function int32s(length: number): Int32Array {
  const bytes = Buffer.allocUnsafeSlow(length * 4);
  return new Int32Array(bytes.buffer, bytes.byteOffset, length);
}
