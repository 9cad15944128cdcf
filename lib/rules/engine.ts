import { suppressionFor, SuppressionSource } from './suppressions';
import { K8sObject, Rule, RuleContext, Violation } from './types';

/** A rule's finding on one object. */
export interface Finding extends Violation {
  readonly rule: Rule;
  readonly object: K8sObject;
  /** The object's position in the list that was evaluated. */
  readonly objectIndex: number;
  /** The fix: the violation's own, else the rule's. */
  readonly fix: string;
  /** Set when the object suppresses the rule; the finding is still reported. */
  readonly suppressed?: { readonly reason: string; readonly source: SuppressionSource };
}

/** What an evaluation found, and over how many (object, applicable rule) pairs. */
export interface Evaluation {
  readonly findings: Finding[];
  /** Pairs of object × applicable rule that were checked. */
  readonly checked: number;
  /** Pairs with at least one finding that is not suppressed. */
  readonly failed: number;
}

export interface EvaluateOptions {
  /** The rules to run. */
  readonly rules: readonly Rule[];
  /** Rule ids not to run. @default - none */
  readonly skip?: readonly string[];
}

/** True when `rule` looks at `obj`. */
export function applies(rule: Rule, obj: K8sObject): boolean {
  return looksAtKind(rule, obj.kind) && (rule.appliesTo?.(obj) ?? true);
}

function looksAtKind(rule: Rule, kind: unknown): boolean {
  return typeof kind === 'string' && (rule.kinds.includes('*') || rule.kinds.includes(kind));
}

const KIND_INDEX = new WeakMap<readonly Rule[], Map<unknown, Rule[]>>();

function kindIndex(rules: readonly Rule[]): Map<unknown, Rule[]> {
  let index = KIND_INDEX.get(rules);
  if (!index) {
    index = new Map();
    KIND_INDEX.set(rules, index);
  }
  return index;
}

/** Runs rules over objects checked together (cross-object rules see all of them). */
export function evaluate(objects: readonly K8sObject[], options: EvaluateOptions): Evaluation {
  const skip = new Set(options.skip ?? []);
  const rules = options.rules.filter(r => !skip.has(r.id));
  const ctx: RuleContext = { objects };
  const findings: Finding[] = [];
  let checked = 0;
  let failed = 0;
  // The rules for each kind, found once: most rules look at a few kinds, and large inputs repeat kinds.
  // Kept per rule list when nothing is skipped: synth evaluates the same list once per construct.
  const byKind = skip.size === 0 ? kindIndex(options.rules) : new Map<unknown, Rule[]>();
  const rulesFor = (kind: unknown) => {
    let found = byKind.get(kind);
    if (!found) {
      found = rules.filter(r => looksAtKind(r, kind));
      byKind.set(kind, found);
    }
    return found;
  };
  objects.forEach((obj, objectIndex) => {
    for (const rule of rulesFor(obj.kind)) {
      if (!(rule.appliesTo?.(obj) ?? true)) continue;
      checked++;
      const violations = rule.check(obj, ctx);
      if (violations.length === 0) continue;
      const suppressed = suppressionFor(obj, rule);
      if (!suppressed) failed++;
      for (const v of violations) {
        findings.push({ ...v, fix: v.fix ?? rule.fix, rule, object: obj, objectIndex, ...(suppressed ? { suppressed } : {}) });
      }
    }
  });
  return { findings, checked, failed };
}
