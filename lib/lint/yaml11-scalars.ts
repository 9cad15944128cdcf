/*
 * Plain scalars resolved exactly as the reference reader (`yaml-reference.ts`: the `yaml` package's
 * YAML 1.1 schema without timestamps) resolves them, so that both readers give the same JSON. Each
 * regular expression and conversion below is the `yaml` package's own (yaml 2.9, schema/yaml-1.1 and
 * schema/common/null), tried in the same order. How that compares with go-yaml v2, which kubectl and
 * the API server use:
 * - null `~ null Null NULL` and empty; booleans `y Y yes Yes YES true True TRUE on On ON` and
 *   `n N no No NO false False FALSE off Off OFF`: as go-yaml v2.
 * - ints: decimal, `0b` binary, `0` octal (`0777` is 511), `0x` hex, an optional sign, `_` anywhere
 *   after the first digit. go-yaml v2 agrees on these and also reads `0o17` as octal (here a string).
 *   An int too large for a double loses precision, where go-yaml v2 keeps it as an int64/uint64.
 * - floats: `1.5`, `.5`, `1.`, `1e3`, `1.5e-3` with `_`; `.inf`, `-.inf`, `.nan` (any case variant
 *   YAML 1.1 lists). JSON has no infinity or NaN, so those read as the strings `Infinity`, `-Infinity`
 *   and `NaN` (what the reference reader's JSON conversion makes of them). The `yaml` package also
 *   reads a lone `.` and the malformed ints `0b_`, `0_`, `0x_` as NaN: kept, for identical output.
 * - sexagesimal numbers (`1:30`) and timestamps (`2023-01-28T09:17:05Z`) stay strings: go-yaml v2 has
 *   no sexagesimal numbers and gives an untyped timestamp to Kubernetes as its string.
 * Not here: tags (only `!` and `!!str` on scalars, `!!map` and `!!seq` on collections are read by the
 * fast reader; any other makes it leave the file to the reference reader, which defines what they
 * mean) and merge keys (a plain `<<` key: also left to the reference reader).
 */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;

/** A number as JSON has it: infinities and NaN become their names. */
const json = (n: number): number | string => (Number.isFinite(n) ? n : String(n));

function int(source: string, offset: number, radix: number): number | string {
  const sign = source[0];
  const start = sign === '-' || sign === '+' ? offset + 1 : offset;
  const n = parseInt(source.substring(start).replace(/_/g, ''), radix);
  return json(sign === '-' ? -1 * n : n);
}

/** The JSON value of an untagged plain scalar (its source text, without quotes or folding). */
export function resolvePlainScalar(source: string): unknown {
  // By the first character, which tells which of the (disjoint) patterns can match.
  switch (source.charAt(0)) {
    case '': case '~':
      return NULL.test(source) ? null : source;
    case 'n': case 'N':
      return NULL.test(source) ? null : FALSE.test(source) ? false : source;
    case 'y': case 'Y': case 't': case 'T':
      return TRUE.test(source) ? true : source;
    case 'o': case 'O':
      return TRUE.test(source) ? true : FALSE.test(source) ? false : source;
    case 'f': case 'F':
      return FALSE.test(source) ? false : source;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
    case '-': case '+': case '.': case 'e': case 'E':
      return number(source);
    default:
      return source;
  }
}

function number(source: string): unknown {
  if (INT_BIN.test(source)) return int(source, 2, 2);
  if (INT_OCT.test(source)) return int(source, 1, 8);
  if (INT.test(source)) return int(source, 0, 10);
  if (INT_HEX.test(source)) return int(source, 2, 16);
  if (FLOAT_SPECIAL.test(source)) return source.slice(-3).toLowerCase() === 'nan' ? 'NaN' : source[0] === '-' ? '-Infinity' : 'Infinity';
  if (FLOAT_EXP.test(source) || FLOAT.test(source)) return json(parseFloat(source.replace(/_/g, '')));
  return source;
}

/** The JSON object key of a scalar key's value, as the reference reader makes it (null is ''). */
export function jsonKey(key: unknown): string {
  return key === null ? '' : String(key);
}
