import { evaluate, Finding } from '../rules/engine';
import { findRule, RULES } from '../rules/index';
import { podSpecOf } from '../rules/k8s';
import { computeQosClass, QosClassName } from '../rules/qos';
import { K8sObject, Rule, RuleLevel } from '../rules/types';
import { formatSchemaResults } from '../schema/answer';
import { schemaInvalid } from '../schema/schema-invalid';
import { schemaFailures, validateKubernetes, ValidateOptions } from '../schema/validate';
import { isNamed, objectRef, objectsOf, Synthesized } from './objects';

/** Options of `toPassRulePack`. */
export interface RulePackOptions {
  /** The lowest level that fails: `warning` fails on warnings and errors. @default 'error' (as `cdk8s-patterns lint`; `--strict` is 'warning') */
  readonly level?: RuleLevel;
  /** Rule ids not to run. @default - none */
  readonly skip?: readonly string[];
  /** Also run CKP800 (the Kubernetes 1.27 schema, as `lint --schema`). @default false */
  readonly schema?: boolean;
}

/** Options of `toHaveFinding`. */
export interface FindingOptions {
  /** Only findings of this level. @default - any level */
  readonly level?: RuleLevel;
  /** Only findings on this object: its name (`web`) or kind and name (`Deployment/web`). @default - any object */
  readonly object?: string;
}

/** Options of `toHaveQosClass`. */
export interface QosOptions {
  /** Only the pod-carrying object of this name (`web`, or `Deployment/web`). @default - every pod-carrying object */
  readonly name?: string;
}

/** What a matcher returns to jest. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The part of jest's matcher context the matchers read (so the types need no @types/jest). */
export interface MatcherContextLike {
  readonly isNot?: boolean;
}

const RANK: Record<RuleLevel, number> = { info: 0, warning: 1, error: 2 };

function rulesFor(skip: readonly string[] = [], schema = false): Rule[] {
  const unknown = skip.filter(id => !findRule(id) && id !== schemaInvalid.id);
  if (unknown.length > 0) throw new TypeError(`skip: unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  return schema ? [...RULES, schemaInvalid] : [...RULES];
}

/** A finding as the CLI prints it, with the object in place of the file: `Deployment/web field [container] CKP201 error: message. Fix: fix`. */
export function findingText(f: Finding): string {
  const container = f.container !== undefined ? ` [${f.container}]` : '';
  const head = `${objectRef(f.object)} ${f.field}${container} ${f.rule.id} ${f.rule.level}`;
  return f.suppressed ? `${head} (suppressed: ${f.suppressed.reason}): ${f.message}` : `${head}: ${f.message}. Fix: ${f.fix}`;
}

const list = (lines: readonly string[]) => lines.map(l => `  ${l}`).join('\n');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function toPassRulePack(this: MatcherContextLike, received: Synthesized, options: RulePackOptions = {}): MatcherResult {
  const level = options.level ?? 'error';
  const objects = objectsOf(received);
  const { findings } = evaluate(objects, { rules: rulesFor(options.skip, options.schema), skip: options.skip });
  const failing = findings.filter(f => !f.suppressed && RANK[f.rule.level] >= RANK[level]);
  const pass = failing.length === 0;
  return {
    pass,
    message: () => (pass
      ? `expected rule-pack findings at level ${level} or above, but the ${plural(objects.length, 'object')} have none`
      : `expected no rule-pack findings at level ${level} or above, found ${failing.length} on ${plural(objects.length, 'object')}:\n${list(failing.map(findingText))}`),
  };
}

function toHaveFinding(this: MatcherContextLike, received: Synthesized, ruleId: string, options: FindingOptions = {}): MatcherResult {
  const rule = ruleId === schemaInvalid.id ? schemaInvalid : findRule(ruleId);
  if (!rule) throw new TypeError(`toHaveFinding: no rule '${ruleId}' (cdk8s-patterns lint --rules lists them)`);
  const objects = objectsOf(received);
  const { findings } = evaluate(objects, { rules: [rule] });
  const active = findings.filter(f => !f.suppressed);
  const matching = active.filter(f => (options.level === undefined || f.rule.level === options.level) && (options.object === undefined || isNamed(f.object, options.object)));
  const what = `a ${ruleId} (${rule.name})${options.level ? ` ${options.level}` : ''} finding${options.object ? ` on ${options.object}` : ''}`;
  const pass = matching.length > 0;
  return {
    pass,
    message: () => (pass
      ? `expected no ${what.slice(2)}, found ${matching.length}:\n${list(matching.map(findingText))}`
      : `expected ${what}, found none${active.length > 0 ? `; its findings:\n${list(active.map(findingText))}` : ` (${plural(objects.length, 'object')} checked)`}`),
  };
}

function toHaveQosClass(this: MatcherContextLike, received: Synthesized, qosClass: QosClassName, options: QosOptions = {}): MatcherResult {
  const pods = objectsOf(received)
    .filter(o => podSpecOf(o) !== undefined && (options.name === undefined || isNamed(o, options.name)))
    .map(o => ({ o, cls: computeQosClass(podSpecOf(o)!.spec) }));
  const where = options.name ? ` named ${options.name}` : '';
  if (pods.length === 0) {
    return { pass: false, message: () => `expected pods of QoS class ${qosClass}, but there is no pod-carrying object${where}` };
  }
  const pass = pods.every(p => p.cls === qosClass);
  const classes = list(pods.map(p => `${objectRef(p.o)}: ${p.cls}`));
  return {
    pass,
    message: () => (pass
      ? `expected a pod-carrying object${where} whose QoS class is not ${qosClass}, but all are:\n${classes}`
      : `expected every pod-carrying object${where} to be ${qosClass}:\n${classes}`),
  };
}

function toBeValidKubernetes(this: MatcherContextLike, received: Synthesized, options: ValidateOptions = {}): MatcherResult {
  const objects: K8sObject[] = objectsOf(received);
  const failures = schemaFailures(validateKubernetes(objects, options));
  const pass = failures.length === 0;
  return {
    pass,
    message: () => (pass
      ? `expected an object the Kubernetes 1.27 API server rejects, but all ${plural(objects.length, 'object')} are valid`
      : `expected valid Kubernetes 1.27 objects; the API server would reject ${plural(failures.length, 'object')} of ${objects.length}:\n`
        + list(formatSchemaResults(failures).split('\n'))),
  };
}

/** The matchers, for `expect.extend(matchers)`. */
export const matchers = { toPassRulePack, toHaveFinding, toHaveQosClass, toBeValidKubernetes };
