import { IConstruct } from 'constructs';
import { RuleGuard } from '../guard';
import { setPriorityClassName } from '../plus-gaps';

/** Scheduling priority of a workload's pods. */
export interface PriorityProps {
  /**
   * The PriorityClass of the pods.
   * @default - none: the cluster's default priority (recorded as a reasoned Polaris exemption)
   */
  readonly priorityClassName?: string;
}

/**
 * Sets the pods' PriorityClass, or records through `guard` why there is none: a PriorityClass must exist
 * in the cluster, which a library cannot assume.
 */
export function applyPriorityClass(guard: RuleGuard, workload: IConstruct, props: PriorityProps): void {
  if (props.priorityClassName) {
    setPriorityClassName(workload, props.priorityClassName);
  } else {
    guard.suppress('polaris:priorityClassNotSet', 'no priorityClassName given: the pods take the cluster default priority; pass priorityClassName to rank this app');
  }
}
