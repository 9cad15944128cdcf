import { Construct } from 'constructs';
import * as kplus from '../plus';

/** Where a workload's pods may connect to. */
export interface EgressProps {
  /**
   * Outbound traffic the pods need besides DNS (always allowed to kube-dns).
   * @default - DNS only
   */
  readonly egress?: kplus.NetworkPolicyRule[];
}

/** What a workload's NetworkPolicy lets in and out. */
export interface NetworkPolicyOptions {
  /** The policy's name (the workload's). */
  readonly name: string;
  /** TCP ports that accept connections; none means all ingress is denied. */
  readonly ports: readonly number[];
  /** `[]` denies all ingress. @default - anyone: all pods in all namespaces and any IPv4/IPv6 address */
  readonly ingressFrom?: kplus.INetworkPolicyPeer[];
  /**
   * Outbound traffic besides DNS (always allowed to kube-dns), or `'anywhere'` for all of it.
   * @default - DNS only
   */
  readonly egress?: kplus.NetworkPolicyRule[] | 'anywhere';
}

/**
 * A NetworkPolicy selecting `workload`'s pods with both policy types, so a compromised pod reaches
 * only what it was meant to (Polaris missingNetworkPolicy).
 */
export function addNetworkPolicy(scope: Construct, workload: kplus.Workload, opts: NetworkPolicyOptions): kplus.NetworkPolicy {
  const from = opts.ingressFrom ?? [
    kplus.Pods.all(scope, 'AnyPod', { namespaces: kplus.Namespaces.all(scope, 'AnyNamespace') }),
    kplus.NetworkPolicyIpBlock.anyIpv4(scope, 'AnyIpv4'),
    kplus.NetworkPolicyIpBlock.anyIpv6(scope, 'AnyIpv6'),
  ];
  // An explicitly empty ingressFrom means nobody, never (as a rule list of none would) everybody.
  const ingress: kplus.NetworkPolicyTraffic = opts.ports.length === 0 || from.length === 0
    ? { default: kplus.NetworkPolicyTrafficDefault.DENY }
    : { rules: from.map(peer => ({ peer, ports: opts.ports.map(p => kplus.NetworkPolicyPort.tcp(p)) })) };
  return new kplus.NetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: opts.name },
    selector: workload,
    ingress,
    egress: opts.egress === 'anywhere' ? { default: kplus.NetworkPolicyTrafficDefault.ALLOW } : { rules: [dnsEgress(scope), ...(opts.egress ?? [])] },
  });
}

/** Egress to kube-dns on port 53, which every pod that resolves names needs. */
function dnsEgress(scope: Construct): kplus.NetworkPolicyRule {
  const dns = kplus.Pods.select(scope, 'KubeDns', {
    labels: { 'k8s-app': 'kube-dns' },
    namespaces: kplus.Namespaces.select(scope, 'KubeSystem', { names: ['kube-system'] }),
  });
  return { peer: dns, ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)] };
}
