import { perObject } from './k8s';
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

/** The checkov skip annotations (`checkov.io/skip1`, `skip2`, …): the value is `CKV_K8S_20=<reason>`. */
export const CHECKOV_SKIP_PREFIX = 'checkov.io/skip';

/** The kube-linter ignore annotation of a check: `ignore-check.kube-linter.io/<check>: <reason>`. */
export function kubeLinterIgnoreAnnotation(check: string): string {
  return `ignore-check.kube-linter.io/${check}`;
}

/**
 * The annotations that carry a reasoned suppression of `rule` to every scanner with a twin check
 * (issue 15): our own, the Polaris exemption, a checkov skip per checkov twin (numbered after the
 * `checkov.io/skipN` the object already has, and none for a twin it already skips) and a kube-linter
 * ignore per kube-linter twin.
 */
export function suppressionAnnotations(rule: Rule, reason: string, existing: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { [suppressAnnotation(rule.id)]: reason };
  if (rule.polaris) Object.assign(out, polarisExemptAnnotations(rule.polaris, reason));
  const skipped = new Set(Object.values(checkovSkips(existing)).map(s => s.check));
  let n = Math.max(0, ...Object.keys(checkovSkips(existing)).map(k => Number(k.slice(CHECKOV_SKIP_PREFIX.length)))) + 1;
  for (const check of rule.checkov ?? []) {
    if (skipped.has(check)) continue;
    out[`${CHECKOV_SKIP_PREFIX}${n++}`] = `${check}=${reason}`;
  }
  for (const check of rule.kubeLinter ?? []) out[kubeLinterIgnoreAnnotation(check)] = reason;
  return out;
}

/** The checkov skips of an object's annotations, by annotation key. */
function checkovSkips(annotations: Record<string, unknown>): Record<string, { check: string; reason: string }> {
  const out: Record<string, { check: string; reason: string }> = {};
  for (const [k, v] of Object.entries(annotations)) {
    if (!/^checkov\.io\/skip\d+$/.test(k) || typeof v !== 'string') continue;
    const eq = v.indexOf('=');
    out[k] = eq < 0 ? { check: v.trim(), reason: '' } : { check: v.slice(0, eq).trim(), reason: v.slice(eq + 1).trim() };
  }
  return out;
}

/** Whether an object has an annotation that can carry a suppression: most have none, and most findings are not suppressed. */
function mayBeSuppressed(obj: K8sObject): boolean {
  const raw = obj.metadata?.annotations;
  return !!raw && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).some(isSuppressionKey);
}

function isSuppressionKey(key: string): boolean {
  return key.startsWith(SUPPRESS_ANNOTATION_PREFIX) || key.startsWith('polaris.fairwinds.com/') || key.startsWith(CHECKOV_SKIP_PREFIX)
    || key.startsWith('ignore-check.kube-linter.io/');
}

/** Where a suppression came from. */
export type SuppressionSource = 'annotation' | 'polaris-exemption' | 'checkov-skip' | 'kube-linter-ignore';

/**
 * The reason an object gives for suppressing a rule: our annotation, or the exemption of its twin
 * checks in another scanner: Polaris, checkov (every checkov twin skipped), kube-linter (every
 * kube-linter twin ignored). Reasons shorter than {@link MIN_REASON_LENGTH} do not count.
 */
export function suppressionFor(obj: K8sObject, rule: Rule): { reason: string; source: SuppressionSource } | undefined {
  const raw = obj.metadata?.annotations;
  const annotations: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  if (!perObject(mayBeSuppressed, obj, mayBeSuppressed)) return undefined;
  const own = annotations[suppressAnnotation(rule.id)];
  if (typeof own === 'string' && own.trim().length >= MIN_REASON_LENGTH) return { reason: own.trim(), source: 'annotation' };
  if (rule.polaris) {
    const exempt = annotations[`polaris.fairwinds.com/${rule.polaris}-exempt`];
    const reason = annotations[`polaris.fairwinds.com/${rule.polaris}-exempt-reason`];
    if (String(exempt).toLowerCase() === 'true' && typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH) {
      return { reason: reason.trim(), source: 'polaris-exemption' };
    }
  }
  const reasoned = (r: unknown): r is string => typeof r === 'string' && r.trim().length >= MIN_REASON_LENGTH;
  if (rule.checkov && rule.checkov.length > 0) {
    const skips = Object.values(checkovSkips(annotations));
    const reasons = rule.checkov.map(check => skips.find(s => s.check === check && reasoned(s.reason))?.reason);
    if (reasons.every(reasoned)) return { reason: reasons[0]!, source: 'checkov-skip' };
  }
  if (rule.kubeLinter && rule.kubeLinter.length > 0) {
    const reasons = rule.kubeLinter.map(check => annotations[kubeLinterIgnoreAnnotation(check)]);
    if (reasons.every(reasoned)) return { reason: (reasons[0] as string).trim(), source: 'kube-linter-ignore' };
  }
  return undefined;
}
