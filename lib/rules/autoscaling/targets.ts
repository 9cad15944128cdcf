import { K8sObject } from '../types';

/** Kinds a HorizontalPodAutoscaler or a PodDisruptionBudget commonly govern. */
export const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'] as const;

const ns = (o: K8sObject) => o.metadata?.namespace ?? '';

/** The object among `objects` that an HPA's scaleTargetRef names, in the HPA's namespace. */
export function hpaTarget(hpa: K8sObject, objects: readonly K8sObject[]): K8sObject | undefined {
  const ref = hpa.spec?.scaleTargetRef;
  if (!ref || typeof ref !== 'object') return undefined;
  return objects.find(o => o.kind === ref.kind && o.metadata?.name === ref.name && ns(o) === ns(hpa));
}

/** The HPAs among `objects` that scale `workload`. */
export function hpasOf(workload: K8sObject, objects: readonly K8sObject[]): K8sObject[] {
  return objects.filter(o => o.kind === 'HorizontalPodAutoscaler' && hpaTarget(o, [workload]) === workload);
}

/** The scalable workloads among `objects` whose pod template a PDB's `matchLabels` selects, in its namespace. */
export function pdbWorkloads(pdb: K8sObject, objects: readonly K8sObject[]): K8sObject[] {
  const match = pdb.spec?.selector?.matchLabels;
  if (!match || typeof match !== 'object' || Object.keys(match).length === 0) return [];
  return objects.filter(o => (SCALABLE_KINDS as readonly string[]).includes(o.kind ?? '') && ns(o) === ns(pdb)
    && Object.entries(match).every(([k, v]) => o.spec?.template?.metadata?.labels?.[k] === v));
}

/** A PDB amount: a whole count or a percentage from 0% to 100%; undefined when malformed. */
export function parseBudgetAmount(v: unknown): { n: number; percent: boolean } | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? { n: v, percent: false } : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v);
  return m && parseInt(m[1], 10) <= 100 ? { n: parseInt(m[1], 10), percent: true } : undefined;
}

/** How many of `replicas` pods a PDB spec lets a drain evict (as the disruption controller rounds). */
export function evictablePods(budget: { minAvailable?: unknown; maxUnavailable?: unknown }, replicas: number): number {
  if (budget.minAvailable !== undefined) {
    const a = parseBudgetAmount(budget.minAvailable);
    if (!a) return replicas;
    return Math.max(0, replicas - (a.percent ? Math.ceil((a.n * replicas) / 100) : a.n));
  }
  if (budget.maxUnavailable === undefined) return replicas;
  const u = parseBudgetAmount(budget.maxUnavailable);
  if (!u) return replicas;
  return Math.min(replicas, u.percent ? Math.ceil((u.n * replicas) / 100) : u.n);
}
