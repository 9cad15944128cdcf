import { Rule, Violation } from '../types';

export const hpaReplicasInvalid: Rule = {
  id: 'CKP506',
  name: 'hpa-replicas-invalid',
  level: 'error',
  summary: 'A HorizontalPodAutoscaler has 1 ≤ minReplicas ≤ maxReplicas, whole numbers.',
  why: 'The API server rejects minReplicas below 1 (without the alpha scale-to-zero gate) and maxReplicas below minReplicas; '
    + 'a manifest that is rejected leaves the old scaling bounds in place.',
  fix: 'Set minReplicas to 2 or more and maxReplicas above it.',
  kinds: ['HorizontalPodAutoscaler'],
  check(obj) {
    const min = obj.spec?.minReplicas;
    const max = obj.spec?.maxReplicas;
    const out: Violation[] = [];
    const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (min !== undefined && !whole(min)) out.push({ field: 'spec.minReplicas', value: min, message: `minReplicas is ${JSON.stringify(min)}, but must be a whole number of at least 1` });
    if (!whole(max)) out.push({ field: 'spec.maxReplicas', value: max, message: `maxReplicas is ${JSON.stringify(max)}, but must be a whole number of at least 1` });
    else if (whole(min) && max < min) out.push({ field: 'spec.maxReplicas', value: max, message: `maxReplicas (${max}) is below minReplicas (${min})` });
    return out;
  },
};
