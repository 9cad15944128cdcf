import { LintFinding, LintProblem, LintReport } from './lint';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = typeof FORMATS[number];

/** `file:line kind/name [container] rule-id level: message. Fix: …` */
export function findingLine(f: LintFinding): string {
  const container = f.container !== undefined ? ` [${f.container}]` : '';
  const head = `${f.file}:${f.line} ${f.kind}/${f.name || '?'}${container} ${f.ruleId} ${f.level}`;
  return f.suppressed ? `${head} (suppressed: ${f.reason}): ${f.message}` : `${head}: ${f.message}. Fix: ${f.fix}`;
}

/** `file:line: message`, for stderr. */
export function problemLine(p: LintProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.unreadable ? 'error' : 'skipped'}: ${p.message}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;

/** The findings, one per line, then the counts; the last line is `lint: N passed, M failed`. */
export function textReport(report: LintReport, files: number): string {
  const active = report.findings.filter(f => !f.suppressed);
  const count = (level: string) => active.filter(f => f.level === level).length;
  const lines = report.findings.map(findingLine);
  if (lines.length > 0) lines.push('');
  lines.push(
    `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}, `
      + `${report.findings.length - active.length} suppressed; ${plural(report.objects, 'object')} in ${plural(files, 'file')}`
      + `${report.problems.length > 0 ? `; ${plural(report.problems.length, 'input problem')} (on stderr)` : ''}`,
    `lint: ${report.checked - report.failed} passed, ${report.failed} failed`,
  );
  return `${lines.join('\n')}\n`;
}

/** An array of findings. */
export function jsonReport(report: LintReport): string {
  const keys: (keyof LintFinding)[] = ['file', 'line', 'documentIndex', 'apiVersion', 'kind', 'namespace', 'name', 'container', 'ruleId', 'level', 'message', 'fix', 'field', 'suppressed', 'reason'];
  const findings = report.findings.map(f => Object.fromEntries(keys.map(k => [k, f[k] ?? null])));
  return `${JSON.stringify(findings, null, 2)}\n`;
}
