import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { setPriorityClassName } from '../plus-gaps';

/**
 * Sets the pods' PriorityClass, or records (as a reasoned Polaris exemption) that they take the
 * cluster default: an app library cannot assume a PriorityClass exists in the cluster.
 */
export function applyPriorityClass(guard: RuleGuard, workload: kplus.Workload, priorityClassName: string | undefined): void {
  if (priorityClassName) {
    setPriorityClassName(workload, priorityClassName);
  } else {
    guard.suppress('polaris:priorityClassNotSet', 'no priorityClassName given: the pods take the cluster default priority; pass priorityClassName to rank this app');
  }
}
