import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { evictablePods, parseBudgetAmount } from '../rules/autoscaling/targets';

/** How many pods a voluntary disruption (a node drain) may take at once: give one of the two. */
export interface DisruptionProps {
  /**
   * The most pods that may be down at once: a count (≥ 1) or a percentage (`'25%'`).
   * @default 1 (when minAvailable is not given)
   */
  readonly maxUnavailable?: number | string;
  /**
   * The fewest pods that must stay up: a count or a percentage. Must be below the fewest replicas
   * (rule CKP507), or no drain can ever evict a pod.
   * @default - not set (maxUnavailable is)
   */
  readonly minAvailable?: number | string;
}

/** Props of a workload with a PodDisruptionBudget. */
export interface DisruptionWorkloadProps {
  /**
   * The PodDisruptionBudget, written when the workload runs 2 or more pods.
   * @default { maxUnavailable: 1 }
   */
  readonly disruption?: DisruptionProps;
}

/**
 * Adds the PodDisruptionBudget, failing through `guard` when the spec is one the API server rejects
 * (both or a malformed value: CKP509) or one that blocks every eviction at `floor` replicas (CKP507).
 */
export function addDisruptionBudget(scope: Construct, guard: RuleGuard, name: string, selector: Record<string, string>, floor: number, budget: DisruptionProps = {}): kplus.k8s.KubePodDisruptionBudget {
  if (budget.maxUnavailable !== undefined && budget.minAvailable !== undefined) {
    guard.fail({ field: 'disruption', value: JSON.stringify(budget), ruleId: 'CKP509', problem: 'disruption sets both maxUnavailable and minAvailable; the API server accepts one', fix: 'keep maxUnavailable (it stays right when the replica count changes) and remove minAvailable.' });
  }
  for (const key of ['maxUnavailable', 'minAvailable'] as const) {
    const v = budget[key];
    if (v !== undefined && !parseBudgetAmount(v)) {
      guard.fail({ field: `disruption.${key}`, value: String(v), ruleId: 'CKP509', problem: `disruption.${key} (${v}) must be a whole number ≥ 0 or a percentage from '0%' to '100%'`, fix: 'use e.g. 1 or \'25%\'.' });
    }
  }
  if (evictablePods(budget.minAvailable === undefined ? { maxUnavailable: budget.maxUnavailable ?? 1 } : budget, floor) < 1) {
    const shown = JSON.stringify(budget);
    guard.fail({ field: 'disruption', value: shown, ruleId: 'CKP507', problem: `disruption ${shown} lets no pod be evicted at ${floor} replica(s): every node drain would block`, fix: 'use maxUnavailable: 1, or a minAvailable below the fewest replicas.' });
  }
  const toIntOrString = (v: number | string) => (typeof v === 'number' ? kplus.k8s.IntOrString.fromNumber(v) : kplus.k8s.IntOrString.fromString(v));
  const spec = budget.minAvailable !== undefined
    ? { minAvailable: toIntOrString(budget.minAvailable) }
    : { maxUnavailable: toIntOrString(budget.maxUnavailable ?? 1) };
  return new kplus.k8s.KubePodDisruptionBudget(scope, 'Disruption', {
    metadata: { name },
    spec: { ...spec, selector: { matchLabels: selector } },
  });
}

/** Fails through `guard` (CKP507) when `disruption` is given for a workload too small to get a budget. */
export function checkDisruptionApplies(guard: RuleGuard, floor: number, budget: DisruptionProps | undefined): void {
  if (budget === undefined || floor >= 2) return;
  guard.fail({ field: 'disruption', value: JSON.stringify(budget), ruleId: 'CKP507', problem: `disruption is set, but the workload runs ${floor} replica(s) at its fewest, so no PodDisruptionBudget is written (one would block every drain or protect nothing)`, fix: 'run 2 or more replicas (or autoscaling.minReplicas >= 2), or remove disruption.' });
}
