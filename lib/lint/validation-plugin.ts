import * as fs from 'fs';
import { findRule } from '../rules/index';
import { RuleLevel } from '../rules/types';
import { LintFinding, lintSources } from './lint';

const LEVELS: readonly RuleLevel[] = ['info', 'warning', 'error'];

// The parts of cdk8s-cli's plugin API (`cdk8s-cli/plugins`: Validation, ValidationContext) that the
// plugin uses, declared here so that our published declarations do not import cdk8s-cli: a user's
// `tsc` must not need it. test/lint/validation-plugin.test.ts checks they stay assignable.

/** A violating object, as cdk8s-cli's `ValidationViolatingResource`. */
export interface RulePackViolatingResource {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/** What `validate` is handed: the subset of cdk8s-cli's `ValidationContext` the plugin reads. */
export interface RulePackValidationContext {
  readonly manifests: readonly string[];
  readonly logger: { log(message: string): void };
  readonly report: {
    addViolation(violation: { readonly ruleName: string; readonly recommendation: string; readonly fix: string; readonly violatingResources: readonly RulePackViolatingResource[] }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
}

/** The `properties` of the plugin's entry in cdk8s.yaml. */
export interface RulePackValidationProps {
  /**
   * The lowest level that is a violation and fails `cdk8s synth`; findings below it are logged.
   * @default 'error'
   */
  readonly threshold?: RuleLevel;
  /**
   * Rule ids not to run.
   * @default - none
   */
  readonly skip?: readonly string[];
}

/**
 * The rule pack as a cdk8s-cli validation plugin: checks the manifests `cdk8s synth` wrote and fails
 * synth (exit code 2) when a finding at or above `threshold` is not suppressed. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-patterns
 *     version: 0.2.0
 *     class: RulePackValidation
 *     properties: { threshold: error, skip: [CKP804] }
 * ```
 */
export class RulePackValidation {
  private readonly threshold: RuleLevel;
  private readonly skip: readonly string[];

  constructor(props: RulePackValidationProps = {}) {
    const problems: string[] = [];
    const known = ['threshold', 'skip'];
    for (const key of Object.keys(props)) if (!known.includes(key)) problems.push(`unknown property '${key}' (known: ${known.join(', ')})`);
    if (props.threshold !== undefined && !LEVELS.includes(props.threshold)) problems.push(`threshold must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(props.threshold)}`);
    if (props.skip !== undefined && !(Array.isArray(props.skip) && props.skip.every(id => typeof id === 'string'))) problems.push('skip must be a list of rule ids');
    for (const id of Array.isArray(props.skip) ? props.skip : []) if (!findRule(id)) problems.push(`skip: '${id}' is not a rule id (see RULES.md)`);
    if (problems.length > 0) throw new Error(`cdk8s-patterns validation plugin, properties in cdk8s.yaml: ${problems.join('; ')}`);
    this.threshold = props.threshold ?? 'error';
    this.skip = props.skip ?? [];
  }

  public async validate(context: RulePackValidationContext): Promise<void> {
    const sources = context.manifests.map(file => ({ file, content: fs.readFileSync(file) }));
    const report = lintSources(sources, { skip: this.skip });
    const atOrAbove = (level: RuleLevel) => LEVELS.indexOf(level) >= LEVELS.indexOf(this.threshold);

    const byRule = new Map<string, LintFinding[]>();
    for (const f of report.findings) {
      if (f.suppressed || !atOrAbove(f.level)) {
        context.logger.log(`[cdk8s-patterns] ${f.suppressed ? `suppressed (${f.reason})` : f.level}: ${f.kind}/${f.name} ${f.ruleId}: ${f.message}`);
        continue;
      }
      byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    }
    for (const [id, findings] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
      const rule = findRule(id)!;
      context.report.addViolation({
        ruleName: `${rule.id} ${rule.name} (${rule.level})`,
        recommendation: `${rule.summary} ${rule.why}`,
        fix: rule.fix,
        violatingResources: resources(findings),
      });
    }
    for (const p of report.problems) context.logger.log(`[cdk8s-patterns] ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);

    const failed = byRule.size > 0 || report.problems.some(p => p.unreadable);
    context.report.submit(failed ? 'failure' : 'success', {
      threshold: this.threshold,
      objects: String(report.objects),
      checks: `${report.checked - report.failed} passed, ${report.failed} failed`,
    });
  }
}

/** One violating resource per object, with a location per finding: the field and what is wrong there. */
function resources(findings: readonly LintFinding[]): RulePackViolatingResource[] {
  const out = new Map<string, { resourceName: string; manifestPath: string; locations: string[] }>();
  for (const f of findings) {
    const key = `${f.file}\0${f.documentIndex}\0${f.kind}\0${f.name}`;
    const entry = out.get(key) ?? { resourceName: f.name, manifestPath: f.file, locations: [] };
    entry.locations.push(`${f.field}: ${f.container !== undefined ? `container '${f.container}' ` : ''}${f.message}`);
    out.set(key, entry);
  }
  return [...out.values()];
}
