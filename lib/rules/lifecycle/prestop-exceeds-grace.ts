import { containersOf, fmtSeconds, podSpecOf, POD_KINDS, sleepSeconds } from '../k8s';
import { Rule, Violation } from '../types';

export const preStopExceedsGrace: Rule = {
  id: 'CKP301',
  name: 'prestop-exceeds-grace-period',
  level: 'error',
  summary: 'terminationGracePeriodSeconds covers the preStop hook and the drain after SIGTERM.',
  why: 'The grace period starts when the pod is deleted and the preStop hook spends it. A hook as long as the grace period is cut '
    + 'off by SIGKILL, and the app never gets SIGTERM with time left to drain: in-flight requests fail on every rollout.',
  fix: 'Make terminationGracePeriodSeconds at least preStop + the app\'s drain time + a margin, or shorten the preStop sleep.',
  kinds: POD_KINDS,
  check(obj) {
    const pod = podSpecOf(obj);
    if (!pod) return [];
    const grace = typeof pod.spec.terminationGracePeriodSeconds === 'number' ? pod.spec.terminationGracePeriodSeconds : 30;
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const sleep = sleepSeconds(c.container.lifecycle?.preStop);
      if (sleep !== undefined && sleep >= grace) {
        out.push({
          field: `${c.path}.lifecycle.preStop`,
          value: sleep,
          container: c.name,
          message: `preStop sleeps ${fmtSeconds(sleep)}, but terminationGracePeriodSeconds is ${fmtSeconds(grace)}: the hook is killed before the app ever gets SIGTERM`,
          fix: Number.isFinite(sleep)
            ? `Raise terminationGracePeriodSeconds above ${fmtSeconds(sleep)} plus the app's drain time, or shorten the preStop sleep below ${fmtSeconds(grace)}.`
            : `Replace the endless preStop sleep with a bounded one shorter than ${fmtSeconds(grace)}.`,
        });
      }
    }
    return out;
  },
};
