import { Yaml } from 'cdk8s';

/**
 * cdk8s' `Yaml.stringify` for one document, byte for byte, several times faster on manifests.
 *
 * cdk8s prints with the `yaml` package (YAML 1.1, lineWidth 0, keepUndefined), which first builds a
 * document tree of nodes for every object and then prints it: at 1,000 services that was 40 % of
 * synthesis. Manifests are mostly plain maps, lists, integers and simple strings, which print the
 * same way everywhere; this prints those directly. Anything else — a string that needs quoting is
 * asked of `yaml` itself, and a document with a multi-line string, an unusual key, a shared object
 * (which `yaml` prints as an anchor and alias), a non-integer number, undefined, a non-plain object
 * or a list directly in a list is printed by cdk8s as before.
 */
export function stringifyDocument(doc: unknown): string {
  if (isPlainObject(doc) && Object.keys(doc).length > 0) {
    const printer = new Printer();
    if (printer.map(doc, '')) return printer.text();
  }
  return Yaml.stringify(doc);
}

/** Why the fast path gave up on a document; the caller prints it with `yaml`. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

/** Strings that print plain (unquoted) in any block position: what `yaml`'s plainString accepts. */
function isPlain(s: string): boolean {
  // Starts with a letter, '/' or '_': no YAML 1.1 number, timestamp, merge key or indicator does.
  const c = s.charCodeAt(0);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2f || c === 0x5f)) return false;
  // Printable ASCII only (control characters and others force double quotes), no ': ', ' #', or a
  // trailing space or colon (yaml's own test, for the rest of the string).
  return PLAIN_CHARS.test(s) && !NEEDS_QUOTES.test(s) && !BOOL_OR_NULL.test(s);
}
const PLAIN_CHARS = /^[\x20-\x7e]*$/;
// From yaml's plainString (stringify/stringifyString.js), minus what the first character excludes.
const NEEDS_QUOTES = /[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// YAML 1.1 booleans and nulls that start with a letter (yaml quotes these to keep them strings).
const BOOL_OR_NULL = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

/** A plain key: what `plainString` prints unchanged as an implicit key. */
const isPlainKey = (k: string) => k.length <= 1024 && isPlain(k);

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

class Printer {
  /** Pieces joined once at the end: a string built by += is a tree of pieces until something flattens it. */
  private readonly out: string[] = [];
  /** Objects and arrays already printed: `yaml` would alias a second occurrence. */
  private readonly seen = new Set<object>();

  public text(): string {
    return this.out.join('');
  }

  /** Prints a non-empty map whose first line continues the current one; false when unsupported. */
  public map(obj: Record<string, unknown>, indent: string): boolean {
    try {
      this.mapBody(obj, indent, false);
      return true;
    } catch (e) {
      if (e === UNSUPPORTED) return false;
      throw e;
    }
  }

  private visit(x: object): void {
    if (this.seen.has(x)) throw UNSUPPORTED;
    this.seen.add(x);
  }

  /** `key: value` lines at `indent`; the first without its indent when `inline` (after `- `). */
  private mapBody(obj: Record<string, unknown>, indent: string, inline: boolean): void {
    this.visit(obj);
    let first = true;
    for (const key of Object.keys(obj)) {
      if (!isPlainKey(key)) throw UNSUPPORTED;
      this.out.push(first && inline ? `${key}:` : `${indent}${key}:`);
      first = false;
      this.value(obj[key], indent);
    }
  }

  /** A map entry's value, after `key:`. */
  private value(v: unknown, indent: string): void {
    if (Array.isArray(v)) {
      if (v.length === 0) {
        this.visit(v);
        this.out.push(' []\n');
      } else {
        // yaml's default indentSeq: a list under a key is indented by one step.
        this.out.push('\n');
        this.seq(v, `${indent}  `);
      }
    } else if (isPlainObject(v)) {
      if (Object.keys(v).length === 0) {
        this.visit(v);
        this.out.push(' {}\n');
      } else {
        this.out.push('\n');
        this.mapBody(v, `${indent}  `, false);
      }
    } else {
      this.out.push(` ${scalar(v)}\n`);
    }
  }

  private seq(items: unknown[], indent: string): void {
    this.visit(items);
    for (const item of items) {
      this.out.push(`${indent}- `);
      if (Array.isArray(item)) throw UNSUPPORTED;
      if (isPlainObject(item)) {
        if (Object.keys(item).length === 0) {
          this.visit(item);
          this.out.push('{}\n');
        } else {
          this.mapBody(item, `${indent}  `, true);
        }
      } else {
        this.out.push(`${scalar(item)}\n`);
      }
    }
  }
}

/** A scalar as `yaml` prints it in a block map or list; throws UNSUPPORTED for what may differ. */
function scalar(v: unknown): string {
  switch (typeof v) {
    case 'string':
      if (isPlain(v)) return v;
      return quoted(v);
    case 'number':
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v);
      throw UNSUPPORTED;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      if (v === null) return 'null';
      throw UNSUPPORTED;
    default:
      throw UNSUPPORTED;
  }
}

/**
 * A string that is not plain, as `yaml` prints it: asked of cdk8s' Yaml.stringify (its own copy of
 * `yaml`, already loaded: loading ours too cost a synth ~70 modules), as a one-scalar document.
 * On one line (no line breaks) a string prints the same at the top level and as a block value,
 * except that a document marker at the start makes a top-level string a block scalar: unsupported.
 */
function quoted(s: string): string {
  let body = QUOTED.get(s);
  if (body !== undefined) return body;
  if (s.includes('\n')) throw UNSUPPORTED;
  const text = Yaml.stringify(s);
  body = text.slice(0, -1);
  if (!text.endsWith('\n') || body.includes('\n') || body.startsWith('|') || body.startsWith('>')) throw UNSUPPORTED;
  // Manifests repeat the same few such strings ("1.1", "8080", "true") in every copy of a service.
  if (QUOTED.size >= 10_000) QUOTED.clear();
  QUOTED.set(s, body);
  return body;
}
const QUOTED = new Map<string, string>();
