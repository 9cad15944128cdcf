import { containersOf, POD_KINDS } from '../k8s';
import { Rule } from '../types';

export const privilegedContainer: Rule = {
  id: 'CKP704',
  name: 'privileged-container',
  level: 'error',
  summary: 'No container runs privileged.',
  why: 'A privileged container has every capability and every host device, with no seccomp or AppArmor confinement: root in it '
    + 'is root on the node, and one exploited bug in the app takes over the node and every pod on it.',
  fix: 'Remove `privileged: true`; add only the capability the program needs (`capabilities.add: [NET_BIND_SERVICE]`), or run '
    + 'node-level work in a dedicated, reviewed DaemonSet that suppresses the rule with a reason.',
  polaris: 'runAsPrivileged',
  checkov: ['CKV_K8S_16'],
  kubeLinter: ['privileged-container'],
  kinds: POD_KINDS,
  check(obj) {
    return containersOf(obj)
      .filter(c => c.container.securityContext?.privileged === true)
      .map(c => ({ field: `${c.path}.securityContext.privileged`, value: true, container: c.name, message: 'runs privileged: root in it is root on the node' }));
  },
};
