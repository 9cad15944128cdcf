import { Rule } from '../types';

/** Resolves an intOrString like `25%` against a replica count, rounding as the Deployment controller does. */
export function resolveIntOrPercent(v: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) {
      const exact = (parseInt(m[1], 10) * total) / 100;
      return roundUp ? Math.ceil(exact) : Math.floor(exact);
    }
    if (/^\d+$/.test(v)) return parseInt(v, 10);
  }
  return undefined;
}

export const rollingUpdateDropsCapacity: Rule = {
  id: 'CKP501',
  name: 'rolling-update-drops-capacity',
  level: 'error',
  summary: 'A rolling update keeps serving: it never takes every replica down, and it can make progress.',
  why: 'With maxUnavailable at or above the replica count (1 replica and maxUnavailable 1, say) a rollout stops the only pods '
    + 'before new ones are ready, an outage on every deploy. With maxSurge and maxUnavailable both 0 the rollout cannot move, '
    + 'and the API server rejects it.',
  fix: 'Use `maxUnavailable: 0` with `maxSurge: 1` (or more): new pods become ready before old ones go.',
  kinds: ['Deployment'],
  appliesTo: obj => (obj.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate',
  check(obj) {
    const replicas = typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1;
    const ru = obj.spec?.strategy?.rollingUpdate ?? {};
    const surge = resolveIntOrPercent(ru.maxSurge ?? '25%', replicas, true);
    const unavailable = resolveIntOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
    const field = 'spec.strategy.rollingUpdate';
    if (surge === 0 && unavailable === 0) {
      return [{ field, value: ru, message: `maxSurge and maxUnavailable both resolve to 0 for ${replicas} replica(s): the rollout can never progress` }];
    }
    if (replicas >= 1 && unavailable !== undefined && unavailable >= replicas) {
      return [{
        field: `${field}.maxUnavailable`,
        value: ru.maxUnavailable ?? '25%',
        message: `maxUnavailable (${ru.maxUnavailable ?? '25%'}) lets a rollout take down all ${replicas} replica(s) at once`,
      }];
    }
    return [];
  },
};
