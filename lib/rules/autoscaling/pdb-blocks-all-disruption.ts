import { Rule, Violation } from '../types';
import { evictablePods, hpasOf, pdbWorkloads } from './targets';

export const pdbBlocksAllDisruption: Rule = {
  id: 'CKP507',
  name: 'pdb-blocks-all-disruption',
  level: 'warning',
  summary: 'A PodDisruptionBudget lets at least one pod be evicted when the workload it selects runs its fewest replicas '
    + '(the HPA\'s minReplicas, else spec.replicas).',
  why: 'A budget that allows no eviction (maxUnavailable 0, minAvailable 100% or at least the replica count) blocks every '
    + 'node drain: cluster upgrades and autoscaler scale-downs stall until someone deletes the budget by hand.',
  fix: 'Use maxUnavailable: 1, or a minAvailable below the fewest replicas.',
  polaris: 'pdbDisruptionsIsZero',
  kinds: ['PodDisruptionBudget'],
  check(obj, ctx) {
    const spec = obj.spec ?? {};
    const out: Violation[] = [];
    const field = spec.minAvailable !== undefined ? 'spec.minAvailable' : 'spec.maxUnavailable';
    if (spec.minAvailable === '100%' || spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') {
      return [{ field, value: spec.minAvailable ?? spec.maxUnavailable, message: `${field.slice(5)} is ${JSON.stringify(spec.minAvailable ?? spec.maxUnavailable)}: no pod can ever be evicted` }];
    }
    for (const w of pdbWorkloads(obj, ctx)) {
      const hpa = hpasOf(w, ctx)[0];
      const floor = hpa ? (hpa.spec?.minReplicas ?? 1) : (w.spec?.replicas ?? 1);
      if (typeof floor !== 'number' || floor < 1) continue;
      if (evictablePods(spec, floor) < 1) {
        const by = hpa ? `HorizontalPodAutoscaler '${hpa.metadata?.name}' minReplicas` : `${w.kind} '${w.metadata?.name}' replicas`;
        out.push({ field, value: spec.minAvailable ?? spec.maxUnavailable, message: `${field.slice(5)} ${JSON.stringify(spec.minAvailable ?? spec.maxUnavailable)} lets no pod be evicted at ${floor} replica(s) (${by})` });
      }
    }
    return out;
  },
};
