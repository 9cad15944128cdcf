import { Duration } from 'cdk8s';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { setNodeSelector } from '../plus-gaps';
import { checkLabels } from './prop-checks';

/** A preferred node affinity: nodes matching every query score `weight`. */
export interface PreferredNodeAffinity {
  /** 1–100. */
  readonly weight: number;
  /** The node label queries, all of which must match. */
  readonly match: kplus.NodeLabelQuery[];
}

/** A taint the pods tolerate. */
export interface Toleration {
  /** The taint key; with no key every taint matches (`operator: Exists`). @default - every taint */
  readonly key?: string;
  /** The taint value to match. @default - any value (`operator: Exists`) */
  readonly value?: string;
  /** @default - every effect */
  readonly effect?: kplus.TaintEffect;
  /** For `NO_EXECUTE`: how long the pods stay on a node once it is tainted. @default - for ever */
  readonly evictAfter?: Duration;
}

/** Which nodes the pods may, must or prefer to run on. */
export interface SchedulingProps {
  /**
   * Node labels the node must have (`nodeSelector`), e.g. `{ 'kubernetes.io/arch': 'arm64' }`.
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Taints the pods tolerate, e.g. a node pool reserved with `dedicated=web:NoSchedule`.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Node label queries every node must match (required node affinity): `kplus.NodeLabelQuery.in(...)`.
   * @default - none
   */
  readonly requiredNodeAffinity?: kplus.NodeLabelQuery[];
  /**
   * Node label queries nodes should match (preferred node affinity).
   * @default - none
   */
  readonly preferredNodeAffinity?: PreferredNodeAffinity[];
}

/** Props of a workload that takes scheduling constraints. */
export interface SchedulingWorkloadProps {
  /**
   * Node selection: nodeSelector, tolerations, node affinity.
   * @default - any node without taints
   */
  readonly scheduling?: SchedulingProps;
}

/** How hard replicas are spread over zones and nodes. */
export enum SpreadPolicy {
  /** Spread when the cluster allows it; never blocks scheduling. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
  /** Leave a pod pending rather than put two in one zone or on one node beyond maxSkew 1. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
}

/** Topology spread settings. */
export interface SpreadProps {
  /**
   * @default SpreadPolicy.SCHEDULE_ANYWAY
   */
  readonly whenUnsatisfiable?: SpreadPolicy;
  /**
   * The node labels that define failure domains.
   * @default ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']
   */
  readonly topologyKeys?: string[];
}

/** Props of a workload whose replicas are spread. */
export interface SpreadWorkloadProps {
  /**
   * How replicas spread over zones and nodes.
   * @default - zones and nodes, ScheduleAnyway
   */
  readonly spread?: SpreadProps;
}

/** Fails through `guard` on scheduling props the API server rejects (CKP846, CKP840). */
export function checkScheduling(guard: RuleGuard, props: SchedulingProps = {}): void {
  checkLabels(guard, 'scheduling.nodeSelector', props.nodeSelector);
  (props.tolerations ?? []).forEach((t, i) => {
    const field = `scheduling.tolerations[${i}]`;
    if (t.value !== undefined && t.key === undefined) guard.fail({ field, value: JSON.stringify(t), ruleId: 'CKP846', problem: `${field} has a value but no key`, fix: 'give the taint key the value belongs to.' });
    if (t.evictAfter !== undefined && t.effect !== kplus.TaintEffect.NO_EXECUTE) guard.fail({ field: `${field}.evictAfter`, value: `${t.evictAfter.toSeconds()}s`, ruleId: 'CKP846', problem: `${field} sets evictAfter without effect NO_EXECUTE; the API server rejects tolerationSeconds for other effects`, fix: 'set effect: kplus.TaintEffect.NO_EXECUTE, or remove evictAfter.' });
    if (t.key !== undefined) checkLabels(guard, `${field}.key`, { [t.key]: t.value ?? '' });
  });
  (props.preferredNodeAffinity ?? []).forEach((p, i) => {
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) guard.fail({ field: `scheduling.preferredNodeAffinity[${i}].weight`, value: String(p.weight), ruleId: 'CKP846', problem: `weight ${p.weight} is outside 1–100`, fix: 'use a whole weight from 1 to 100.' });
  });
}

/** Writes nodeSelector, tolerations and node affinity on `workload`. */
export function applyScheduling(workload: kplus.Workload, props: SchedulingProps = {}): void {
  if (props.nodeSelector && Object.keys(props.nodeSelector).length > 0) setNodeSelector(workload, props.nodeSelector);
  for (const t of props.tolerations ?? []) {
    const options = { effect: t.effect, evictAfter: t.evictAfter };
    const query = t.key === undefined ? kplus.NodeTaintQuery.any()
      : t.value === undefined ? kplus.NodeTaintQuery.exists(t.key, options) : kplus.NodeTaintQuery.is(t.key, t.value, options);
    workload.scheduling.tolerate(kplus.Node.tainted(query));
  }
  if (props.requiredNodeAffinity?.length) workload.scheduling.attract(kplus.Node.labeled(...props.requiredNodeAffinity));
  for (const p of props.preferredNodeAffinity ?? []) workload.scheduling.attract(kplus.Node.labeled(...p.match), { weight: p.weight });
}

/** The topology spread constraints for pods selected by `selector`. */
export function topologySpread(selector: Record<string, string>, props: SpreadProps = {}): object[] {
  const keys = props.topologyKeys ?? ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'];
  return keys.map(topologyKey => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable: props.whenUnsatisfiable ?? SpreadPolicy.SCHEDULE_ANYWAY, labelSelector: { matchLabels: selector },
  }));
}

/** Fails through `guard` on spread props the API server rejects (CKP846). */
export function checkSpread(guard: RuleGuard, props: SpreadProps = {}): void {
  if (props.whenUnsatisfiable !== undefined && !Object.values(SpreadPolicy).includes(props.whenUnsatisfiable)) {
    guard.fail({ field: 'spread.whenUnsatisfiable', value: String(props.whenUnsatisfiable), ruleId: 'CKP846', problem: `spread.whenUnsatisfiable '${props.whenUnsatisfiable}' is neither ScheduleAnyway nor DoNotSchedule`, fix: 'use SpreadPolicy.SCHEDULE_ANYWAY or SpreadPolicy.DO_NOT_SCHEDULE.' });
  }
  (props.topologyKeys ?? []).forEach((k, i) => checkLabels(guard, `spread.topologyKeys[${i}]`, { [k]: '' }));
}
