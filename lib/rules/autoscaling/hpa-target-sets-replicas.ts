import { Rule } from '../types';
import { hpasOf, SCALABLE_KINDS } from './targets';

export const hpaTargetSetsReplicas: Rule = {
  id: 'CKP505',
  name: 'hpa-target-sets-replicas',
  level: 'error',
  summary: 'A workload scaled by a HorizontalPodAutoscaler (among the objects checked together) does not set spec.replicas.',
  why: 'Every `kubectl apply` of a manifest with replicas resets the scale the autoscaler chose: under load the workload '
    + 'drops to the written count until the autoscaler scales it up again.',
  fix: 'Remove spec.replicas from the workload; the HPA\'s minReplicas is the floor.',
  kinds: SCALABLE_KINDS,
  appliesTo: obj => obj.spec?.replicas !== undefined,
  check(obj, ctx) {
    const hpas = hpasOf(obj, ctx);
    if (hpas.length === 0) return [];
    return [{ field: 'spec.replicas', value: obj.spec.replicas, message: `replicas is ${JSON.stringify(obj.spec.replicas)}, but HorizontalPodAutoscaler '${hpas[0].metadata?.name}' scales this ${obj.kind}` }];
  },
};
