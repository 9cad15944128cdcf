import { K8sObject, Rule } from './types';

/** A decision to accept a rule's finding, with the reason a reviewer can judge. */
export interface Suppression {
  /** The rule id, e.g. `CKP101`. */
  readonly id: string;
  /** Why breaking the practice is right here. At least 10 characters. */
  readonly reason: string;
}

/** The shortest reason we accept (the same floor as cdk-nag and Polaris exemptions here). */
export const MIN_REASON_LENGTH = 10;

/** The annotation that carries a suppression in plain YAML: `cdk8s-patterns/suppress.CKP101: <reason>`. */
export const SUPPRESS_ANNOTATION_PREFIX = 'cdk8s-patterns/suppress.';

export function suppressAnnotation(ruleId: string): string {
  return `${SUPPRESS_ANNOTATION_PREFIX}${ruleId}`;
}

/** The Polaris exemption annotations for a check. */
export function polarisExemptAnnotations(check: string, reason: string): Record<string, string> {
  return {
    [`polaris.fairwinds.com/${check}-exempt`]: 'true',
    [`polaris.fairwinds.com/${check}-exempt-reason`]: reason,
  };
}

/** Where a suppression came from. */
export type SuppressionSource = 'annotation' | 'polaris-exemption';

/**
 * The reason an object gives for suppressing a rule: our annotation, or the Polaris exemption
 * of the rule's twin check. Reasons shorter than {@link MIN_REASON_LENGTH} do not count.
 */
export function suppressionFor(obj: K8sObject, rule: Rule): { reason: string; source: SuppressionSource } | undefined {
  const annotations = obj.metadata?.annotations ?? {};
  const own = annotations[suppressAnnotation(rule.id)];
  if (typeof own === 'string' && own.trim().length >= MIN_REASON_LENGTH) return { reason: own.trim(), source: 'annotation' };
  if (rule.polaris) {
    const exempt = annotations[`polaris.fairwinds.com/${rule.polaris}-exempt`];
    const reason = annotations[`polaris.fairwinds.com/${rule.polaris}-exempt-reason`];
    if (String(exempt).toLowerCase() === 'true' && typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH) {
      return { reason: reason.trim(), source: 'polaris-exemption' };
    }
  }
  return undefined;
}
