/**
 * Where a text is a Helm/Go template rather than a manifest: the 1-based line of its first template
 * action in YAML structure, or undefined.
 *
 * `{{ … }}` inside a value is fine (a PrometheusRule's `summary: Pod {{ $labels.pod }} restarts`, an
 * Alertmanager template in a ConfigMap's block scalar, a quoted `"{{ .x }}"`): those are manifests that
 * carry templates for another program. A template is text whose structure the actions make: an action on
 * a line of its own (`{{- if .Values.x }}`), or a plain key or value that starts with one
 * (`name: {{ .Values.name }}`, `- {{ .Values.arg }}`), which YAML reads as a flow mapping, or not at all.
 * Comments and the content of block scalars (`|`, `>`) are not looked at.
 */
export function templateLine(text: string): number | undefined {
  if (!text.includes('{{')) return undefined;
  /** The indentation of the key whose block scalar we are in, or -1. */
  let blockOf = -1;
  // Line by line without splitting (a 5 MB file has 170,000 lines): a line is cut out and matched only
  // when it holds what the patterns look for, `{{`, or a `|` or `>` for a block scalar header.
  // The next `{{`, `|` and `>` at or after the line's content (Infinity: none left).
  const next = (what: string, from: number) => {
    const i = text.indexOf(what, from);
    return i < 0 ? Infinity : i;
  };
  let braces = -1;
  let bar = -1;
  let angle = -1;
  for (let from = 0, n = 1; from <= text.length; n++) {
    const newline = text.indexOf('\n', from);
    const end = newline < 0 ? text.length : newline;
    const lineStart = from;
    from = end + 1;
    let at = lineStart;
    while (text.charCodeAt(at) === SPACE && at < end) at++;
    const indent = at - lineStart;
    if (blockOf >= 0) {
      if (indent > blockOf || (at === end ? true : text.slice(lineStart, end).trim() === '')) continue;
      blockOf = -1;
    }
    if (text.charCodeAt(at) === HASH && at < end) continue;
    if (braces < at) braces = next('{{', at);
    if (bar < at) bar = next('|', at);
    if (angle < at) angle = next('>', at);
    const hasBraces = braces < end;
    const hasHeader = bar < end || angle < end;
    if (!hasBraces && !hasHeader) continue;
    const content = text.slice(at, end > at && text.charCodeAt(end - 1) === CR ? end - 1 : end);
    if (hasBraces && (/^(?:-\s+)*\{\{/.test(content) || /^[^#'"]*?:\s+\{\{/.test(content))) return n;
    // A block scalar starts: its content lines are more indented than this line (a `- |` item counts its dash).
    if (hasHeader && /(?:^|:|^-)\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(content)) blockOf = indent;
  }
  return undefined;
}

const CR = 13;
const SPACE = 32;
const HASH = 35;
