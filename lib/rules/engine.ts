import { withDerivations } from './k8s';
import { suppressionFor, SuppressionSource } from './suppressions';
import { K8sObject, Rule, RuleContext, RuleProfile, Violation } from './types';

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
  /** Set when the rule threw on the object: a bug in the rule, not in the object. Never suppressed. */
  readonly internalError?: true;
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
  /** `strict` also runs the rules of the strict profile. @default 'default' */
  readonly profile?: RuleProfile;
  /** The file each object was read from. @default - none */
  readonly fileOf?: RuleContext['fileOf'];
  /** The keys the source of each object repeats. @default - none */
  readonly duplicateKeys?: RuleContext['duplicateKeys'];
}

/** Whether a profile runs a rule: `default` runs the default pack, `strict` everything. */
export function inProfile(rule: Rule, profile: RuleProfile): boolean {
  return rule.profile === undefined || profile === 'strict';
}

/** True when `rule` looks at `obj`. */
export function applies(rule: Rule, obj: K8sObject): boolean {
  return looksAtKind(rule, obj.kind) && (rule.appliesTo?.(obj) ?? true);
}

function looksAtKind(rule: Rule, kind: unknown): boolean {
  return typeof kind === 'string' && (rule.kinds.includes('*') || rule.kinds.includes(kind));
}

/** Per rule list, per profile: the rules for each kind. */
const KIND_INDEX = new WeakMap<readonly Rule[], Map<RuleProfile, Map<unknown, Rule[]>>>();

function kindIndex(rules: readonly Rule[], profile: RuleProfile): Map<unknown, Rule[]> {
  let byProfile = KIND_INDEX.get(rules);
  if (!byProfile) {
    byProfile = new Map();
    KIND_INDEX.set(rules, byProfile);
  }
  let index = byProfile.get(profile);
  if (!index) {
    index = new Map();
    byProfile.set(profile, index);
  }
  return index;
}

/** Runs rules over objects checked together (cross-object rules see all of them). */
export function evaluate(objects: readonly K8sObject[], options: EvaluateOptions): Evaluation {
  const skip = new Set(options.skip ?? []);
  const profile = options.profile ?? 'default';
  // The rules to run, listed when a kind is first met that the kept index lacks (synth evaluates 95 rules once per construct).
  let rules: Rule[] | undefined;
  const ctx: RuleContext = {
    objects,
    ...(options.fileOf ? { fileOf: options.fileOf } : {}),
    ...(options.duplicateKeys ? { duplicateKeys: options.duplicateKeys } : {}),
  };
  const findings: Finding[] = [];
  let checked = 0;
  let failed = 0;
  // The rules for each kind, found once: most rules look at a few kinds, and large inputs repeat kinds.
  // Kept per rule list and profile when nothing is skipped: synth evaluates the same list once per construct.
  const byKind = skip.size === 0 ? kindIndex(options.rules, profile) : new Map<unknown, Rule[]>();
  const rulesFor = (kind: unknown) => {
    let found = byKind.get(kind);
    if (!found) {
      rules ??= options.rules.filter(r => !skip.has(r.id) && inProfile(r, profile));
      found = rules.filter(r => looksAtKind(r, kind));
      byKind.set(kind, found);
    }
    return found;
  };
  // The helpers of k8s.ts keep what they derive from each object while the rules run (rules only read objects).
  withDerivations(ctx, () => {
    objects.forEach((obj, objectIndex) => {
      for (const rule of rulesFor(obj.kind)) {
        let violations: Violation[];
        try {
          if (!(rule.appliesTo?.(obj) ?? true)) continue;
          checked++;
          violations = rule.check(obj, ctx);
        } catch (e) {
          // One rule's bug must not cost the other rules' findings (or the JSON/SARIF of the whole run).
          failed++;
          findings.push(internalError(rule, obj, objectIndex, e));
          continue;
        }
        if (violations.length === 0) continue;
        const suppressed = suppressionFor(obj, rule);
        if (!suppressed) failed++;
        for (const v of violations) {
          findings.push({ ...v, fix: v.fix ?? rule.fix, rule, object: obj, objectIndex, ...(suppressed ? { suppressed } : {}) });
        }
      }
    });
  });
  return { findings, checked, failed };
}

/** The finding for a rule that threw on an object: names the rule, the object and the error. */
function internalError(rule: Rule, obj: K8sObject, objectIndex: number, e: unknown): Finding {
  const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const meta = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '?';
  return {
    rule,
    object: obj,
    objectIndex,
    field: '',
    message: `internal error: rule ${rule.id} ${rule.name} threw on ${String(obj.kind)} '${name}' (${error}); its other objects were checked`,
    fix: `This is a bug in cdk8s-patterns, not in the manifest: report it with this object. --skip ${rule.id} runs the other rules.`,
    internalError: true,
  };
}
