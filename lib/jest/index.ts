// `cdk8s-patterns/jest`: jest matchers for charts. Loaded as a jest `setupFilesAfterEnv` module it
// registers them; `expect.extend(matchers)` registers them explicitly. The matcher types merge
// into jest's here only, so users without @types/jest never see them.
import { QosClassName } from '../rules/qos';
import { ValidateOptions } from '../schema/validate';
import { FindingOptions, matchers, QosOptions, RulePackOptions } from './matchers';

export { matchers, findingText } from './matchers';
export type { FindingOptions, MatcherContextLike, MatcherResult, QosOptions, RulePackOptions } from './matchers';
export type { ValidateOptions } from '../schema/validate';
export type { QosClassName } from '../rules/qos';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The chart (a Chart, an App, `Testing.synth` output, an object or YAML text) has no rule-pack
       * finding at `level` (default `error`) or above; the message lists them as the CLI does.
       */
      toPassRulePack(options?: RulePackOptions): R;
      /** The rule (`CKP201`) has an unsuppressed finding, of `level`, on `object` when given. */
      toHaveFinding(ruleId: string, options?: FindingOptions): R;
      /** Every pod-carrying object (or the one named) has this QoS class, as Kubernetes computes it. */
      toHaveQosClass(qosClass: QosClassName, options?: QosOptions): R;
      /** Every object is valid for the Kubernetes 1.27 API server (schema with unknown fields rejected, and its own rules). */
      toBeValidKubernetes(options?: ValidateOptions): R;
    }
  }
}

// Registers the matchers when loaded inside jest (setupFilesAfterEnv, or an import in a test file).
const globalExpect = (globalThis as { expect?: { extend?: (m: object) => void } }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend(matchers);
