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
  const lines = text.split('\n');
  /** The indentation of the key whose block scalar we are in, or -1. */
  let blockOf = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const indent = /^ */.exec(line)![0].length;
    if (blockOf >= 0) {
      if (line.trim() === '' || indent > blockOf) continue;
      blockOf = -1;
    }
    const content = line.slice(indent);
    if (content.startsWith('#')) continue;
    if (/^(?:-\s+)*\{\{/.test(content) || /^[^#'"]*?:\s+\{\{/.test(content)) return i + 1;
    // A block scalar starts: its content lines are more indented than this line (a `- |` item counts its dash).
    if (/(?:^|:|^-)\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(content)) blockOf = indent;
  }
  return undefined;
}
