import { containersOf, fmtSeconds, probeTiming } from '../k8s';
import { Rule } from '../types';

/**
 * The longest a container may legitimately take to become ready: the startup probe's full budget,
 * then the readiness probe's first successes.
 */
export function startupBudgetSeconds(container: any): number {
  let budget = 0;
  if (container.startupProbe) {
    const t = probeTiming(container.startupProbe);
    budget += t.initialDelaySeconds + t.failureThreshold * t.periodSeconds;
  }
  if (container.readinessProbe) {
    const t = probeTiming(container.readinessProbe);
    budget += t.initialDelaySeconds + t.successThreshold * t.periodSeconds;
  }
  return budget;
}

export const progressDeadlineTooShort: Rule = {
  id: 'CKP502',
  name: 'progress-deadline-too-short',
  level: 'error',
  summary: 'progressDeadlineSeconds is longer than the startup budget plus minReadySeconds.',
  why: 'If the deadline is shorter than the time a pod is allowed to take to start, the Deployment reports ProgressDeadlineExceeded '
    + 'for a rollout that is healthy, and pipelines waiting on `kubectl rollout status` fail or roll back good releases.',
  fix: 'Raise progressDeadlineSeconds above the startup probe budget (initialDelay + failureThreshold × period) plus the readiness '
    + 'probe\'s first success plus minReadySeconds, with a margin.',
  kinds: ['Deployment'],
  check(obj) {
    const deadline = typeof obj.spec?.progressDeadlineSeconds === 'number' ? obj.spec.progressDeadlineSeconds : 600;
    const minReady = typeof obj.spec?.minReadySeconds === 'number' ? obj.spec.minReadySeconds : 0;
    const budget = Math.max(0, ...containersOf(obj, { init: false }).map(c => startupBudgetSeconds(c.container)));
    if (deadline > budget + minReady) return [];
    return [{
      field: 'spec.progressDeadlineSeconds',
      value: deadline,
      message: `progressDeadlineSeconds (${fmtSeconds(deadline)}) is not longer than the startup budget (${fmtSeconds(budget)}) plus minReadySeconds (${fmtSeconds(minReady)})`,
      fix: `Raise progressDeadlineSeconds above ${fmtSeconds(budget + minReady)} (with a margin), or shorten the startup budget.`,
    }];
  },
};
