import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { formatProblem, PatternError, PatternErrorDetails } from './errors';
import { evaluate, Finding } from './rules/engine';
import { findRule, RULES } from './rules/index';
import { POD_KINDS } from './rules/k8s';
import { apiObjectJson } from './synth';
import { MIN_REASON_LENGTH, polarisExemptAnnotations, Suppression, suppressionAnnotations } from './rules/suppressions';

/** Receives every warning, info and suppressed finding, once per construct. */
export type FindingReporter = (line: string, finding: Finding) => void;

const stderrReporter: FindingReporter = line => process.stderr.write(`${line}\n`);
let reporter: FindingReporter = stderrReporter;

/**
 * Where non-failing findings go. The default writes to stderr; tests set a collector.
 * @returns the previous reporter
 */
export function setFindingReporter(next?: FindingReporter): FindingReporter {
  const previous = reporter;
  reporter = next ?? stderrReporter;
  return previous;
}

/** A suppression id naming a Polaris check directly, for checks we have no rule of our own for. */
const POLARIS_PREFIX = 'polaris:';

/**
 * Runs the rule pack over the objects a construct produces, during synth (a cdk8s validation),
 * and carries the construct's suppressions into the objects' annotations so plain YAML keeps them.
 */
export class RuleGuard {
  private readonly suppressions = new Map<string, string>();
  private readonly reported = new Set<string>();
  private sealed = false;

  constructor(private readonly scope: Construct, public readonly constructType: string, suppressions: readonly Suppression[] = []) {
    for (const s of suppressions) this.record(s, 'suppressions');
    scope.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * Accepts a rule's findings on this construct's objects, for a reason.
   * @param id a rule id (`CKP101`) or a Polaris check (`polaris:priorityClassNotSet`)
   * @param reason why breaking the practice is right here (at least 10 characters)
   */
  public suppress(id: string, reason: string): void {
    this.record({ id, reason }, 'suppress()');
    if (this.sealed) this.annotate(id, this.suppressions.get(id)!);
  }

  /** True if the construct suppresses this rule. */
  public isSuppressed(id: string): boolean {
    return this.suppressions.has(id);
  }

  /** Throws the library's error for a bad prop, unless the rule it breaks is suppressed. */
  public fail(details: Omit<PatternErrorDetails, 'construct' | 'path'>): void {
    if (this.isSuppressed(details.ruleId)) return;
    throw new PatternError({ construct: this.constructType, path: this.scope.node.path, ...details });
  }

  /** Writes the suppressions into the objects' annotations. Call once all objects exist. */
  public seal(): void {
    this.sealed = true;
    for (const [id, reason] of this.suppressions) this.annotate(id, reason);
  }

  /** The objects this construct produced, in construct-tree order. */
  public apiObjects(): ApiObject[] {
    return this.scope.node.findAll().filter((c: IConstruct): c is ApiObject => ApiObject.isApiObject(c));
  }

  /** Every finding on this construct's objects now, suppressed ones included. */
  public findings(): Finding[] {
    return evaluate(this.apiObjects().map(apiObjectJson), { rules: RULES }).findings;
  }

  /** The message of a finding, in the library's one error shape. */
  public format(f: Finding): string {
    return formatProblem({
      construct: this.constructType,
      path: this.scope.node.path,
      field: f.field,
      ruleId: f.rule.id,
      problem: `${describeTarget(f)}: ${f.message} (at ${f.field})`,
      fix: f.fix,
    });
  }

  private validate(): string[] {
    const errors: string[] = [];
    for (const f of this.findings()) {
      const line = this.format(f);
      if (!f.suppressed && f.rule.level === 'error') {
        errors.push(line);
        continue;
      }
      // A suppressed finding is a decision already made: one short line that names it and its reason.
      const tagged = f.suppressed
        ? `suppressed ${f.rule.id} ${f.rule.name} on ${this.constructType} '${this.scope.node.path}' ${describeTarget(f)}: ${f.suppressed.reason}`
        : `${f.rule.level}: ${line}`;
      if (!this.reported.has(tagged)) {
        this.reported.add(tagged);
        reporter(`[cdk8s-patterns] ${tagged}`, f);
      }
    }
    return errors;
  }

  private record(s: Suppression, field: string): void {
    const base = { construct: this.constructType, path: this.scope.node.path, field, value: s.id };
    const polaris = s.id.startsWith(POLARIS_PREFIX);
    if (!polaris && !findRule(s.id)) {
      throw new PatternError({ ...base, ruleId: s.id, problem: `suppresses '${s.id}', which is not a rule id`, fix: `Use an id from RULES.md (e.g. ${RULES[0].id}), or 'polaris:<checkName>' for a Polaris check.` });
    }
    if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
      throw new PatternError({ ...base, ruleId: s.id, problem: `suppresses ${s.id} with reason ${JSON.stringify(s.reason)}, shorter than ${MIN_REASON_LENGTH} characters`, fix: 'Say why breaking the practice is right here, in a sentence a reviewer can judge.' });
    }
    this.suppressions.set(s.id, s.reason.trim());
  }

  private annotate(id: string, reason: string): void {
    const rule = findRule(id);
    const objects = this.apiObjects();
    // By kind only: whether a rule's finer test applies is known at synth, after every mutation.
    const kinds: readonly string[] = rule?.kinds ?? POD_KINDS;
    const targets = objects.filter(o => kinds.includes('*') || kinds.includes(o.kind));
    for (const o of targets.length > 0 ? targets : objects) {
      // A rule's suppression is written for every scanner with a twin check: ours, Polaris, checkov, kube-linter (issue 15).
      const annotations = rule
        ? suppressionAnnotations(rule, reason, o.metadata.toJson().annotations ?? {})
        : polarisExemptAnnotations(id.slice(POLARIS_PREFIX.length), reason);
      for (const [k, v] of Object.entries(annotations)) o.metadata.addAnnotation(k, v);
    }
  }
}

/** `Deployment 'web' container 'app'`: the object and container a finding is about. */
function describeTarget(f: Finding): string {
  return `${f.object.kind} '${f.object.metadata?.name}'${f.container ? ` container '${f.container}'` : ''}`;
}
