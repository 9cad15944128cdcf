import { hostNamespaceRule } from './host-namespace';

export const hostIpc = hostNamespaceRule({
  id: 'CKP703',
  name: 'host-ipc',
  field: 'hostIPC',
  shares: 'IPC namespace',
  why: 'A pod in the host IPC namespace can read and write the shared memory segments and message queues of every process on '
    + 'the node, other pods\' included.',
  fix: 'Remove `hostIPC: true`; containers of one pod already share an IPC namespace.',
  polaris: 'hostIPCSet',
  checkov: ['CKV_K8S_18'],
  kubeLinter: ['host-ipc'],
});
