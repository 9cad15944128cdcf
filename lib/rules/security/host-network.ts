import { hostNamespaceRule } from './host-namespace';

export const hostNetwork = hostNamespaceRule({
  id: 'CKP701',
  name: 'host-network',
  field: 'hostNetwork',
  shares: 'network stack',
  why: 'A pod on the host network listens on the node\'s own interfaces: NetworkPolicies no longer apply to it, it can reach '
    + 'services bound to localhost on the node (the kubelet, metadata endpoints), and its ports collide with the node\'s, so two '
    + 'replicas cannot share a node and a rollout can leave pods Pending.',
  fix: 'Remove `hostNetwork: true` and expose the port through a Service (NodePort or LoadBalancer if it must be reachable from '
    + 'outside); node agents that really need it suppress the rule with a reason.',
  polaris: 'hostNetworkSet',
  checkov: ['CKV_K8S_19'],
  kubeLinter: ['host-network'],
});
