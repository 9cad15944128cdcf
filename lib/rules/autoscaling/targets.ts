import { perEvaluation } from '../k8s';
import { K8sObject, RuleContext } from '../types';

/** Kinds a HorizontalPodAutoscaler or a PodDisruptionBudget commonly govern. */
export const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'] as const;

const ns = (o: K8sObject) => o.metadata?.namespace ?? '';

/*
 * CKP505, CKP507 and CKP508 look up, for each object, the objects it names or that name it: over
 * every object, that is quadratic (a third of the lint of 3,000 objects). So each evaluation indexes
 * the objects once; the lookups give what the plain definitions (a `find` or `filter` over the
 * objects, in their order, comparing with ===) give. NaN is equal to nothing under === but to
 * itself as a Map key: keys with NaN are not indexed, so they find nothing, as before.
 */

/** Values by a triple of keys compared as ===, each kept in insertion order (fixed arity: no key arrays per lookup). */
class TripleIndex<T> {
  private readonly root = new Map<unknown, Map<unknown, Map<unknown, T[]>>>();

  add(a: unknown, b: unknown, c: unknown, value: T): void {
    if (a !== a || b !== b || c !== c) return;
    let second = this.root.get(a);
    if (!second) this.root.set(a, (second = new Map()));
    let third = second.get(b);
    if (!third) second.set(b, (third = new Map()));
    const list = third.get(c);
    if (list) list.push(value);
    else third.set(c, [value]);
  }

  get(a: unknown, b: unknown, c: unknown): readonly T[] {
    return this.root.get(a)?.get(b)?.get(c) ?? NONE;
  }
}

const NONE: readonly never[] = Object.freeze([]);

/*
 * Three indexes, each built when first needed: most inputs have few HPAs and PDBs, and indexing
 * every object by kind, name and namespace cost more than all the lookups it served.
 */

/** Objects by name (then kind and namespace are compared), for the HPAs' targets. */
const BY_NAME = new WeakMap<RuleContext, Map<unknown, K8sObject[]>>();
/** HPAs by the kind, name and namespace they scale. */
const HPAS = new WeakMap<RuleContext, TripleIndex<K8sObject>>();

interface ScalableIndex {
  /** Scalable workloads by namespace, and by namespace and each label of their pod template (compared as Map keys). */
  readonly byNamespace: Map<unknown, K8sObject[]>;
  readonly byLabel: TripleIndex<K8sObject>;
  /** What `pdbWorkloads` found, by namespace and `matchLabels` (for selectors of strings). */
  readonly selected: Map<string, K8sObject[]>;
}
const SCALABLE = new WeakMap<RuleContext, ScalableIndex>();

/** The object among the objects checked that an HPA's scaleTargetRef names, in the HPA's namespace. */
export function hpaTarget(hpa: K8sObject, ctx: RuleContext): K8sObject | undefined {
  const ref = hpa.spec?.scaleTargetRef;
  if (!ref || typeof ref !== 'object') return undefined;
  const byName = perEvaluation(BY_NAME, ctx, () => {
    const index = new Map<unknown, K8sObject[]>();
    for (const o of ctx.objects) {
      const name = o.metadata?.name;
      if (name !== name) continue;
      const list = index.get(name);
      if (list) list.push(o);
      else index.set(name, [o]);
    }
    return index;
  });
  const namespace = ns(hpa);
  if (ref.name !== ref.name) return undefined;
  return byName.get(ref.name)?.find(o => o.kind === ref.kind && ns(o) === namespace);
}

/** The HPAs among the objects checked that scale `workload`, in their order. */
export function hpasOf(workload: K8sObject, ctx: RuleContext): readonly K8sObject[] {
  const hpas = perEvaluation(HPAS, ctx, () => {
    const index = new TripleIndex<K8sObject>();
    for (const o of ctx.objects) {
      const ref = o.kind === 'HorizontalPodAutoscaler' ? o.spec?.scaleTargetRef : undefined;
      if (ref && typeof ref === 'object') index.add(ref.kind, ref.name, ns(o), o);
    }
    return index;
  });
  return hpas.get(workload.kind, workload.metadata?.name, ns(workload));
}

function scalableOf(ctx: RuleContext): ScalableIndex {
  return perEvaluation(SCALABLE, ctx, () => {
    const index: ScalableIndex = { byNamespace: new Map(), byLabel: new TripleIndex(), selected: new Map() };
    for (const o of ctx.objects) {
      if (!(SCALABLE_KINDS as readonly string[]).includes(o.kind ?? '')) continue;
      const namespace = ns(o);
      if (namespace !== namespace) continue;
      const list = index.byNamespace.get(namespace);
      if (list) list.push(o);
      else index.byNamespace.set(namespace, [o]);
      const labels = o.spec?.template?.metadata?.labels;
      if (labels !== undefined && labels !== null) for (const k of Object.keys(labels)) index.byLabel.add(namespace, k, labels[k], o);
    }
    return index;
  });
}

/** The scalable workloads among the objects checked whose pod template a PDB's `matchLabels` selects, in its namespace. */
export function pdbWorkloads(pdb: K8sObject, ctx: RuleContext): readonly K8sObject[] {
  const match = pdb.spec?.selector?.matchLabels;
  if (!match || typeof match !== 'object' || Object.keys(match).length === 0) return [];
  const index = scalableOf(ctx);
  // Those with the selector's first label (a string value: it is a field of theirs), then the whole test:
  // a PDB per app does not read every workload of its namespace.
  const [firstLabel, firstValue] = Object.entries(match)[0];
  const candidates = () => (typeof firstValue === 'string' ? index.byLabel.get(ns(pdb), firstLabel, firstValue) : index.byNamespace.get(ns(pdb)) ?? NONE);
  const select = () => candidates().filter(o => Object.entries(match).every(([k, v]) => o.spec?.template?.metadata?.labels?.[k] === v));
  // Copies of an app repeat their selectors: the same namespace and labels select the same workloads.
  const namespace = ns(pdb);
  const entries = Object.entries(match);
  if (typeof namespace !== 'string' || !entries.every(([, v]) => typeof v === 'string')) return select();
  const key = JSON.stringify([namespace, entries]);
  let found = index.selected.get(key);
  if (!found) index.selected.set(key, (found = select()));
  return found;
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
