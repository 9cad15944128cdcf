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
  // Line by line without splitting (a 5 MB file has 170,000 lines): the patterns below run only on
  // lines that hold what they look for (`{{`, or a `|` or `>` for a block scalar header).
  for (let from = 0, n = 1; from <= text.length; n++) {
    const newline = text.indexOf('\n', from);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(from, end > from && text.charCodeAt(end - 1) === CR ? end - 1 : end);
    from = end + 1;
    let indent = 0;
    while (line.charCodeAt(indent) === SPACE) indent++;
    if (blockOf >= 0) {
      if (indent > blockOf || line.trim() === '') continue;
      blockOf = -1;
    }
    if (line.charCodeAt(indent) === HASH) continue;
    const content = line.slice(indent);
    if (content.includes('{{') && (/^(?:-\s+)*\{\{/.test(content) || /^[^#'"]*?:\s+\{\{/.test(content))) return n;
    // A block scalar starts: its content lines are more indented than this line (a `- |` item counts its dash).
    if ((content.includes('|') || content.includes('>')) && /(?:^|:|^-)\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(content)) blockOf = indent;
  }
  return undefined;
}

const CR = 13;
const SPACE = 32;
const HASH = 35;
