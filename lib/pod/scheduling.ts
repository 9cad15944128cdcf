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
  (props.requiredNodeAffinity ?? []).forEach((q, i) => checkNodeLabelQuery(guard, `scheduling.requiredNodeAffinity[${i}]`, q));
  (props.preferredNodeAffinity ?? []).forEach((p, i) => {
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) guard.fail({ field: `scheduling.preferredNodeAffinity[${i}].weight`, value: String(p.weight), ruleId: 'CKP846', problem: `weight ${p.weight} is outside 1–100`, fix: 'use a whole weight from 1 to 100.' });
    if (p.match.length === 0) guard.fail({ field: `scheduling.preferredNodeAffinity[${i}].match`, value: '[]', ruleId: 'CKP846', problem: `scheduling.preferredNodeAffinity[${i}].match is empty: the API server requires at least one node label query in a preference`, fix: 'give a query such as kplus.NodeLabelQuery.in(\'topology.kubernetes.io/zone\', [\'eu-1a\']), or remove the preference.' });
    p.match.forEach((q, j) => checkNodeLabelQuery(guard, `scheduling.preferredNodeAffinity[${i}].match[${j}]`, q));
  });
}

/**
 * A node selector requirement as the API server validates it: a label key; In and NotIn with at least
 * one value, Exists and DoesNotExist with none, Gt and Lt with exactly one, a whole number (the
 * scheduler compares it as an integer). cdk8s-plus keeps the parts private.
 */
function checkNodeLabelQuery(guard: RuleGuard, field: string, query: kplus.NodeLabelQuery): void {
  const q = query as unknown as { key: unknown; operator: string; values?: unknown[] };
  checkLabels(guard, `${field} key`, { [String(q.key)]: '' });
  const values = q.values ?? [];
  const shown = `${q.operator} ${JSON.stringify(values)}`;
  const fail = (problem: string, fix: string) => guard.fail({ field, value: shown, ruleId: 'CKP846', problem: `${field} (${q.key} ${shown}) ${problem}`, fix });
  if (values.some(v => typeof v !== 'string')) fail('has a value that is not a string', 'give the label values as strings.');
  if ((q.operator === 'In' || q.operator === 'NotIn') && values.length === 0) fail(`has no values: the API server requires at least one for ${q.operator}`, 'list the label values to match, or use NodeLabelQuery.exists.');
  if ((q.operator === 'Gt' || q.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(String(values[0])))) fail(`needs exactly one whole-number value for ${q.operator}`, `compare with one integer, e.g. NodeLabelQuery.${q.operator.toLowerCase()}('${q.key}', ['3']).`);
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
  const keys = props.topologyKeys ?? [];
  keys.forEach((k, i) => {
    checkLabels(guard, `spread.topologyKeys[${i}]`, { [k]: '' });
    if (keys.indexOf(k) !== i) guard.fail({ field: `spread.topologyKeys[${i}]`, value: `'${k}'`, ruleId: 'CKP846', problem: `spread.topologyKeys lists '${k}' twice: the API server rejects two spread constraints with one topology key and whenUnsatisfiable`, fix: 'list each topology key once.' });
  });
}
