/** How bad a finding is: `error` fails synth and lint, `warning` is reported, `info` is advice. */
export type RuleLevel = 'error' | 'warning' | 'info';

/** Rule profiles: `default` runs the default pack, `strict` adds the rules marked `strict`. */
export const RULE_PROFILES = ['default', 'strict'] as const;
export type RuleProfile = typeof RULE_PROFILES[number];

/** A Kubernetes object as JSON: what `ApiObject.toJson()` returns or a YAML document holds. */
export interface K8sObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: any;
}

/** One way an object breaks a rule. */
export interface Violation {
  /** Where, as a path into the object: `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** The offending value, as found. */
  readonly value?: unknown;
  /** One sentence naming the value and the constraint it breaks. */
  readonly message: string;
  /** A fix specific to this violation. @default - the rule's fix */
  readonly fix?: string;
  /** The container at fault, for container-level violations. */
  readonly container?: string;
}

/** What a rule may look at besides the object: the other objects checked with it. */
export interface RuleContext {
  readonly objects: readonly K8sObject[];
  /**
   * The file an object was read from, when it was read from one (lint): cross-object rules use it to
   * keep to one app's objects when unrelated manifests are checked together. @default - no files
   */
  readonly fileOf?: (obj: K8sObject) => string | undefined;
  /** The fields whose key the source repeats in a mapping (its last value is in the object), when read from YAML. @default - none */
  readonly duplicateKeys?: (obj: K8sObject) => readonly string[] | undefined;
}

/**
 * A practice, as data plus a pure check over manifest JSON. Because a rule only sees JSON,
 * the same rule checks our constructs, any cdk8s app and hand-written YAML.
 */
export interface Rule {
  /** Stable id, never reused: `CKP` + area digit + number. */
  readonly id: string;
  /** A kebab-case name that says what is wrong. */
  readonly name: string;
  readonly level: RuleLevel;
  /** One line: the practice. */
  readonly summary: string;
  /** The failure this rule prevents. */
  readonly why: string;
  /** The generic fix. */
  readonly fix: string;
  /** The Polaris check that looks at the same thing, if any. */
  readonly polaris?: string;
  /** The checkov checks (`CKV_K8S_20`) that look at the same thing. @default - none */
  readonly checkov?: readonly string[];
  /** The kube-linter checks (`privilege-escalation-container`) that look at the same thing. @default - none */
  readonly kubeLinter?: readonly string[];
  /**
   * The profile that turns the rule on: `strict` rules run only with `--profile strict` (and never at
   * synth), for practices that are right for some teams and noise for others. @default - the default pack
   */
  readonly profile?: RuleProfile;
  /** The kinds this rule looks at. */
  readonly kinds: readonly string[];
  /** A finer applicability test than `kinds`. @default - every object of `kinds` */
  readonly appliesTo?: (obj: K8sObject) => boolean;
  /** The check: no violations means compliant. */
  readonly check: (obj: K8sObject, ctx: RuleContext) => Violation[];
}
