import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { setExternalTrafficPolicy } from '../plus-gaps';
import { checkAnnotations } from './prop-checks';

/** Where external traffic may go: to any node's pods, or only to pods on the node it reached. */
export enum ExternalTrafficPolicy {
  /** Any ready pod; the client address is hidden behind a node's SNAT. */
  CLUSTER = 'Cluster',
  /** Pods on the receiving node only: keeps the client address, skips a hop; nodes without a pod fail the load balancer's health check. */
  LOCAL = 'Local',
}

/** How the Service is reached from outside the cluster. */
export interface ServiceExposureProps {
  /**
   * Annotations on the Service only, e.g. a cloud load balancer's settings
   * (`service.beta.kubernetes.io/aws-load-balancer-type: nlb`).
   * @default - none
   */
  readonly serviceAnnotations?: Record<string, string>;
  /**
   * For NodePort and LoadBalancer Services only (rule CKP843).
   * @default - the cluster's default (Cluster)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Client CIDRs a LoadBalancer Service admits (LoadBalancer only; rule CKP843).
   * @default - any client
   */
  readonly loadBalancerSourceRanges?: string[];
}

const CIDR4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const CIDR6 = /^[0-9a-fA-F:]+\/(\d{1,3})$/;

/** Why `cidr` is not an IPv4 or IPv6 CIDR, or undefined. */
export function cidrProblem(cidr: string): string | undefined {
  const v4 = CIDR4.exec(cidr);
  if (v4) return v4.slice(1, 5).every(o => Number(o) <= 255) && Number(v4[5]) <= 32 ? undefined : 'has an octet above 255 or a prefix above /32';
  const v6 = CIDR6.exec(cidr);
  if (v6 && cidr.includes(':')) return Number(v6[1]) <= 128 ? undefined : 'has a prefix above /128';
  return 'is not a CIDR such as 203.0.113.0/24';
}

/** Fails through `guard` on exposure settings the API server rejects for `serviceType` (CKP843, CKP840). */
export function checkServiceExposure(guard: RuleGuard, serviceType: kplus.ServiceType | undefined, props: ServiceExposureProps): void {
  const type = serviceType ?? kplus.ServiceType.CLUSTER_IP;
  checkAnnotations(guard, 'serviceAnnotations', props.serviceAnnotations);
  const external = type === kplus.ServiceType.NODE_PORT || type === kplus.ServiceType.LOAD_BALANCER;
  if (props.externalTrafficPolicy !== undefined && !external) {
    guard.fail({ field: 'externalTrafficPolicy', value: props.externalTrafficPolicy, ruleId: 'CKP843', problem: `externalTrafficPolicy ${props.externalTrafficPolicy} is set on a ${type} Service; the API server accepts it only on NodePort and LoadBalancer Services`, fix: 'set serviceType: kplus.ServiceType.LOAD_BALANCER (or NODE_PORT), or remove externalTrafficPolicy.' });
  }
  if (props.externalTrafficPolicy !== undefined && !Object.values(ExternalTrafficPolicy).includes(props.externalTrafficPolicy)) {
    guard.fail({ field: 'externalTrafficPolicy', value: String(props.externalTrafficPolicy), ruleId: 'CKP843', problem: `externalTrafficPolicy '${props.externalTrafficPolicy}' is neither Cluster nor Local`, fix: 'use ExternalTrafficPolicy.LOCAL or ExternalTrafficPolicy.CLUSTER.' });
  }
  const ranges = props.loadBalancerSourceRanges ?? [];
  if (ranges.length > 0 && type !== kplus.ServiceType.LOAD_BALANCER) {
    guard.fail({ field: 'loadBalancerSourceRanges', value: ranges.join(', '), ruleId: 'CKP843', problem: `loadBalancerSourceRanges is set on a ${type} Service, which has no load balancer to restrict`, fix: 'set serviceType: kplus.ServiceType.LOAD_BALANCER, or restrict clients with ingressFrom.' });
  }
  ranges.forEach((r, i) => {
    const problem = cidrProblem(r);
    if (problem) guard.fail({ field: `loadBalancerSourceRanges[${i}]`, value: r, ruleId: 'CKP843', problem: `loadBalancerSourceRanges[${i}] '${r}' ${problem}`, fix: 'give client networks as CIDRs, e.g. 203.0.113.0/24.' });
  });
}

/** Writes the Service annotations and external traffic policy. */
export function applyServiceExposure(service: kplus.Service, props: ServiceExposureProps): void {
  for (const [k, v] of Object.entries(props.serviceAnnotations ?? {})) service.metadata.addAnnotation(k, v);
  if (props.externalTrafficPolicy !== undefined) setExternalTrafficPolicy(service, props.externalTrafficPolicy);
}
