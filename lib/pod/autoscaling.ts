import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { polarisExemptAnnotations } from '../rules/suppressions';

/** Scale a Deployment between bounds on the pods' CPU and/or memory use. */
export interface AutoscalingProps {
  /**
   * The fewest pods. With 2 or more the workload keeps a PodDisruptionBudget (rule CKP507 keeps it
   * from blocking drains at this count).
   * @default 2
   */
  readonly minReplicas?: number;
  /** The most pods; more than `minReplicas` (rule CKP506). */
  readonly maxReplicas: number;
  /**
   * Target average CPU use, in percent of the pods' CPU requests (1 or more; above 100 lets pods burst first).
   * @default - CPU is not a target
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory use, in percent of the pods' memory requests.
   * @default - memory is not a target
   */
  readonly memoryUtilization?: number;
  /**
   * How long load must stay low before pods are removed: stops flapping after a burst. 0 to 1 hour.
   * @default Duration.minutes(5) (the Kubernetes default)
   */
  readonly scaleDownStabilization?: Duration;
}

/** Props of a workload that may autoscale instead of running a fixed number of pods. */
export interface AutoscalingWorkloadProps {
  /**
   * Let a HorizontalPodAutoscaler (`autoscaling/v2`) own the replica count. The Deployment then
   * writes no `replicas` (one would reset the scale on every apply; rule CKP505), so `replicas`
   * must not be given.
   * @default - a fixed `replicas`
   */
  readonly autoscaling?: AutoscalingProps;
}

const REPLICAS_OWNED = 'the HorizontalPodAutoscaler owns the replica count; writing spec.replicas would reset the scale on every apply (CKP505)';

/**
 * Checks `autoscaling` against the rest of the props and returns the fewest pods the workload runs:
 * `replicas` without autoscaling, `minReplicas` with it. Fails with CKP505 when both are given, CKP506
 * on bounds that cannot scale, CKP508 without a utilization target.
 */
export function replicaFloor(guard: RuleGuard, replicas: number | undefined, autoscaling: AutoscalingProps | undefined): number {
  if (!autoscaling) return replicas ?? 2;
  if (replicas !== undefined) {
    guard.fail({ field: 'replicas', value: String(replicas), ruleId: 'CKP505', problem: `replicas (${replicas}) is set together with autoscaling: the Deployment would reset the autoscaler's scale on every apply`, fix: 'remove replicas and set autoscaling.minReplicas instead.' });
  }
  const min = autoscaling.minReplicas ?? 2;
  const max = autoscaling.maxReplicas;
  if (!Number.isInteger(min) || min < 1) {
    guard.fail({ field: 'autoscaling.minReplicas', value: String(min), ruleId: 'CKP506', problem: `autoscaling.minReplicas (${min}) must be a whole number of at least 1`, fix: 'set minReplicas to 2 or more.' });
  }
  if (!Number.isInteger(max) || max <= min) {
    guard.fail({ field: 'autoscaling.maxReplicas', value: String(max), ruleId: 'CKP506', problem: `autoscaling.maxReplicas (${max}) must be a whole number greater than minReplicas (${min}), or the autoscaler can never scale`, fix: `set maxReplicas above ${min}, or drop autoscaling and set replicas: ${min}.` });
  }
  if (autoscaling.cpuUtilization === undefined && autoscaling.memoryUtilization === undefined) {
    guard.fail({ field: 'autoscaling', value: '{}', ruleId: 'CKP508', problem: 'autoscaling has no target: neither cpuUtilization nor memoryUtilization is set', fix: 'set cpuUtilization (e.g. 70) and/or memoryUtilization.' });
  }
  for (const key of ['cpuUtilization', 'memoryUtilization'] as const) {
    const v = autoscaling[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
      guard.fail({ field: `autoscaling.${key}`, value: String(v), ruleId: 'CKP508', problem: `autoscaling.${key} (${v}) must be a whole percentage of at least 1`, fix: 'use a percentage of the requests such as 70.' });
    }
  }
  const window = autoscaling.scaleDownStabilization?.toSeconds();
  if (window !== undefined && (!Number.isInteger(window) || window < 0 || window > 3600)) {
    guard.fail({ field: 'autoscaling.scaleDownStabilization', value: `${window}s`, ruleId: 'CKP506', problem: `autoscaling.scaleDownStabilization (${window}s) must be whole seconds from 0 to 1 hour`, fix: 'use e.g. Duration.minutes(5).' });
  }
  return min;
}

/**
 * Adds a HorizontalPodAutoscaler named `name` for `deployment` (which cdk8s-plus then renders without
 * `replicas`), and records on the Deployment why it has no replicas (Polaris deploymentMissingReplicas).
 * A single minimum replica carries a reasoned exemption from Polaris hpaMinAvailability.
 */
export function addAutoscaler(scope: Construct, guard: RuleGuard, deployment: kplus.Deployment, name: string, props: AutoscalingProps): kplus.HorizontalPodAutoscaler {
  const min = props.minReplicas ?? 2;
  const metrics: kplus.Metric[] = [];
  if (props.cpuUtilization !== undefined) metrics.push(kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(props.cpuUtilization)));
  if (props.memoryUtilization !== undefined) metrics.push(kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(props.memoryUtilization)));
  const annotations = min < 2 ? polarisExemptAnnotations('hpaMinAvailability', 'minReplicas is 1 by choice: a non-critical app may run one pod when idle; set autoscaling.minReplicas >= 2 to keep one serving through a drain') : undefined;
  const hpa = new kplus.HorizontalPodAutoscaler(scope, 'Autoscaler', {
    metadata: { name, annotations },
    target: deployment,
    minReplicas: min,
    maxReplicas: props.maxReplicas,
    metrics,
    scaleDown: props.scaleDownStabilization ? { stabilizationWindow: props.scaleDownStabilization } : undefined,
  });
  guard.suppress('polaris:deploymentMissingReplicas', REPLICAS_OWNED);
  return hpa;
}
