import * as path from 'path';
import { pathToFileURL } from 'url';
import { Rule, RuleLevel } from '../rules/types';
import { byId } from './catalogue';
import { LintReport } from './lint';

const SARIF_LEVEL: Record<RuleLevel, string> = { error: 'error', warning: 'warning', info: 'note' };

/** A path as a SARIF artifact URI: a `file:` URI when absolute, else relative with forward slashes. */
function uri(file: string): string {
  return path.isAbsolute(file) ? pathToFileURL(file).href : file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function sarifRule(r: Rule) {
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.why },
    help: {
      text: `${r.summary}\n\nWhy: ${r.why}\n\nFix: ${r.fix}`,
      markdown: `${r.summary}\n\n**Why:** ${r.why}\n\n**Fix:** ${r.fix}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[r.level] },
    properties: {
      tags: ['kubernetes'],
      ...(r.polaris ? { polaris: r.polaris } : {}),
      ...(r.checkov?.length ? { checkov: r.checkov } : {}),
      ...(r.kubeLinter?.length ? { kubeLinter: r.kubeLinter } : {}),
      ...(r.profile ? { profile: r.profile } : {}),
    },
  };
}

/** SARIF 2.1.0: one rule per rule id with its help, results with physical locations (for GitHub code scanning). */
export function sarifReport(report: LintReport, version: string): string {
  const rules = byId(report.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.findings.filter(f => !f.internalError).map(f => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: SARIF_LEVEL[f.level],
    message: { text: `${f.kind}/${f.name}${f.container !== undefined ? ` container '${f.container}'` : ''}: ${f.message}. Fix: ${f.fix}` },
    locations: [{
      physicalLocation: { artifactLocation: { uri: uri(f.file) }, region: { startLine: f.line } },
      logicalLocations: [{ fullyQualifiedName: [f.namespace, f.kind, f.name].filter(Boolean).join('/'), kind: 'resource' }],
    }],
    ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.reason }] } : {}),
    properties: { field: f.field, documentIndex: f.documentIndex },
  }));
  // Input problems, and rules that threw (issue 15): what the run could not check, for consumers of SARIF only.
  const notifications = [
    ...report.problems.map(p => ({
      level: p.unreadable ? 'error' : 'note',
      message: { text: p.message },
      descriptor: { id: p.kind },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(p.file) }, ...(p.line !== undefined ? { region: { startLine: p.line } } : {}) } }],
      ...(p.count !== undefined ? { properties: { count: p.count } } : {}),
    })),
    ...report.findings.filter(f => f.internalError).map(f => ({
      level: 'error',
      message: { text: f.message },
      descriptor: { id: 'internal-error' },
      associatedRule: { id: f.ruleId, index: index.get(f.ruleId) },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.file) }, region: { startLine: f.line } } }],
    })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk8s-patterns', version, rules: rules.map(sarifRule) } },
      invocations: [{ executionSuccessful: !report.problems.some(p => p.unreadable) && !report.findings.some(f => f.internalError), toolExecutionNotifications: notifications }],
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
