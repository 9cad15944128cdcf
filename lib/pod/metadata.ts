import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { checkAnnotations, checkLabels } from './prop-checks';

/** Extra metadata a team puts on its objects: ownership, cost centre, tool hints. */
export interface MetadataProps {
  /**
   * Labels on every object and on the pod template. They may not change the recommended
   * `app.kubernetes.io/*` labels the construct sets (rule CKP840).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations on every object.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Labels on the pod template only (what pod-level tools select on, e.g. a service mesh).
   * @default - none
   */
  readonly podLabels?: Record<string, string>;
  /**
   * Annotations on the pod template only (e.g. `prometheus.io/scrape`).
   * @default - none
   */
  readonly podAnnotations?: Record<string, string>;
}

/** Labels and annotations the library sets itself, which the metadata props may not change. */
function reservedClash(given: Record<string, string>, own: Record<string, string>): string | undefined {
  return Object.keys(given).find(k => k in own && own[k] !== given[k]);
}

/**
 * Fails through `guard` (CKP840) on labels or annotations the API server rejects, or that would
 * change a label or annotation the construct sets.
 * @param own the labels the construct puts on every object (recommended labels)
 */
export function checkMetadata(guard: RuleGuard, props: MetadataProps, own: Record<string, string>): void {
  checkLabels(guard, 'labels', props.labels);
  checkLabels(guard, 'podLabels', props.podLabels);
  checkAnnotations(guard, 'annotations', props.annotations);
  checkAnnotations(guard, 'podAnnotations', props.podAnnotations);
  for (const field of ['labels', 'podLabels'] as const) {
    const clash = reservedClash(props[field] ?? {}, own);
    if (clash) guard.fail({ field: `${field}.${clash}`, value: `'${props[field]![clash]}'`, ruleId: 'CKP840', problem: `${field} would change '${clash}' from '${own[clash]}', a label the construct sets (selectors and tools rely on it)`, fix: `remove '${clash}' from ${field}; use the construct's own prop (appName, component, partOf) to change it.` });
  }
}

/**
 * Puts the metadata props on every object under `scope` and on `workload`'s pod template, failing
 * (CKP840) when a pod label or annotation would change one the construct already set.
 */
export function applyMetadata(scope: Construct, guard: RuleGuard, workload: kplus.Workload, props: MetadataProps): void {
  for (const c of scope.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    for (const [k, v] of Object.entries(props.labels ?? {})) c.metadata.addLabel(k, v);
    for (const [k, v] of Object.entries(props.annotations ?? {})) c.metadata.addAnnotation(k, v);
  }
  const pod = workload.podMetadata;
  const podLabels = { ...(props.labels ?? {}), ...(props.podLabels ?? {}) };
  const current = pod.toJson();
  const labelClash = reservedClash(podLabels, current.labels ?? {});
  const annotationClash = reservedClash(props.podAnnotations ?? {}, current.annotations ?? {});
  const clash = labelClash ?? annotationClash;
  if (clash) {
    const field = labelClash ? 'podLabels' : 'podAnnotations';
    guard.fail({ field: `${field}.${clash}`, value: `'${(labelClash ? podLabels : props.podAnnotations!)[clash]}'`, ruleId: 'CKP840', problem: `${field} would change '${clash}', which the construct sets on the pod template`, fix: `remove '${clash}' from ${field}.` });
  }
  for (const [k, v] of Object.entries(podLabels)) pod.addLabel(k, v);
  for (const [k, v] of Object.entries(props.podAnnotations ?? {})) pod.addAnnotation(k, v);
}
