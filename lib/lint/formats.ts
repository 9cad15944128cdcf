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

/**
 * `{ findings, problems }`: the findings, each with every field (null when absent), in this order (an
 * object literal: fast for thousands); the input problems (issue 15), each with `file`, `line`, `kind`,
 * `message`, `unreadable` and `count`.
 */
export function jsonReport(report: LintReport): string {
  const findings = report.findings.map(f => ({
    file: f.file ?? null,
    line: f.line ?? null,
    documentIndex: f.documentIndex ?? null,
    apiVersion: f.apiVersion ?? null,
    kind: f.kind ?? null,
    namespace: f.namespace ?? null,
    name: f.name ?? null,
    container: f.container ?? null,
    ruleId: f.ruleId ?? null,
    level: f.level ?? null,
    message: f.message ?? null,
    fix: f.fix ?? null,
    field: f.field ?? null,
    suppressed: f.suppressed ?? null,
    reason: f.reason ?? null,
    internalError: f.internalError ?? false,
  }));
  const problems = report.problems.map(p => ({
    file: p.file,
    line: p.line ?? null,
    kind: p.kind,
    message: p.message,
    unreadable: p.unreadable,
    count: p.count ?? 1,
  }));
  return `${JSON.stringify({ findings, problems }, null, 2)}\n`;
}
