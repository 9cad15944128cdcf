import { ApiObject, Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as kplus from '../plus';
import { podSpecOf } from '../rules/k8s';
import { computeQosClass, QosClassName } from '../rules/qos';

/** The QoS classes a construct may declare (BestEffort is never what a workload should be). */
export enum QosClass {
  /** requests = limits for cpu and memory in every container: evicted last. */
  GUARANTEED = 'Guaranteed',
  /** requests ≤ limits: may burst, evicted after BestEffort. */
  BURSTABLE = 'Burstable',
}

/** An amount of cpu and memory, and optionally of local disk. */
export interface ResourceAmounts {
  readonly cpu: kplus.Cpu;
  readonly memory: Size;
  /**
   * Local disk (container writable layer, logs, emptyDir volumes such as /tmp). It does not count in
   * the QoS class; past the limit the pod is evicted instead of filling the node's disk.
   * @default - not requested
   */
  readonly ephemeralStorage?: Size;
}

/** Limits; cpu may be left unlimited for Burstable pods. */
export interface ResourceLimits {
  /** @default - no cpu limit (only valid for Burstable) */
  readonly cpu?: kplus.Cpu;
  readonly memory: Size;
  /** @default - no ephemeral-storage limit */
  readonly ephemeralStorage?: Size;
}

/** Requests and limits of one container. */
export interface ResourcesProps {
  /** What the scheduler reserves. */
  readonly requests: ResourceAmounts;
  /**
   * The ceiling. For Guaranteed QoS they must equal the requests.
   * @default - equal to `requests` (Guaranteed)
   */
  readonly limits?: ResourceLimits;
}

/** Props for the QoS a pod declares. */
export interface QosProps {
  /** Container resources. */
  readonly resources: ResourcesProps;
  /**
   * The QoS class the pod must have. Written as the `cdk8s-patterns/qos-class` annotation on the pod
   * template and checked at synth against what Kubernetes computes, for every container (rule CKP403).
   * @default QosClass.GUARANTEED
   */
  readonly qos?: QosClass;
}

/** cdk8s-plus container resources for our props. */
export function toContainerResources(props: ResourcesProps): kplus.ContainerResources {
  const limits = props.limits ?? props.requests;
  const storage = props.requests.ephemeralStorage ?? limits.ephemeralStorage;
  return {
    cpu: { request: props.requests.cpu, limit: limits.cpu },
    memory: { request: props.requests.memory, limit: limits.memory },
    ...(storage ? { ephemeralStorage: { request: props.requests.ephemeralStorage, limit: limits.ephemeralStorage } } : {}),
  };
}

export type { QosClassName };

/** The QoS class Kubernetes will compute for a workload's pods, from its synthesized pod spec. */
export function workloadQosClass(workload: IConstruct): QosClassName {
  return computeQosClass(podSpecOf(ApiObject.of(workload).toJson())?.spec);
}
