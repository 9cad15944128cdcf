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

/** The egress rules of a workload's NetworkPolicy: kube-dns on port 53, then `props.egress`. */
export function egressRules(scope: Construct, props: EgressProps): kplus.NetworkPolicyRule[] {
  const dns = kplus.Pods.select(scope, 'KubeDns', {
    labels: { 'k8s-app': 'kube-dns' },
    namespaces: kplus.Namespaces.select(scope, 'KubeSystem', { names: ['kube-system'] }),
  });
  return [{ peer: dns, ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)] }, ...(props.egress ?? [])];
}
