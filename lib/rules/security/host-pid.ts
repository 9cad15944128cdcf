import { hostNamespaceRule } from './host-namespace';

export const hostPid = hostNamespaceRule({
  id: 'CKP702',
  name: 'host-pid',
  field: 'hostPID',
  shares: 'process table',
  why: 'A pod in the host PID namespace sees every process on the node: it can read their command lines and, through /proc, '
    + 'their environment (other pods\' secrets), and as root signal or trace them.',
  fix: 'Remove `hostPID: true`; to share processes between the pod\'s own containers, use `shareProcessNamespace: true`.',
  polaris: 'hostPIDSet',
  checkov: ['CKV_K8S_17'],
  kubeLinter: ['host-pid'],
});
