import { containerViolations, isLinuxPod, POD_KINDS } from '../k8s';
import { Rule } from '../types';

export const privilegeEscalationAllowed: Rule = {
  id: 'CKP707',
  name: 'privilege-escalation-allowed',
  level: 'warning',
  summary: 'Every container sets `allowPrivilegeEscalation: false`.',
  why: 'allowPrivilegeEscalation defaults to true: a process in the container can gain privileges its parent does not have, '
    + 'through a setuid or file-capability binary (sudo, su, mount, ping in older images). A compromised app that is not root '
    + 'becomes root in the container with one exec, and every container escape starts from more privilege.',
  fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container and init container; only a container that runs '
    + 'sudo or another setuid program needs it, and then suppresses the rule with a reason.',
  polaris: 'privilegeEscalationAllowed',
  checkov: ['CKV_K8S_20'],
  kubeLinter: ['privilege-escalation-container'],
  kinds: POD_KINDS,
  appliesTo: isLinuxPod,
  check(obj) {
    return containerViolations(obj, (c, _pod, sc) => (sc.allowPrivilegeEscalation === false ? undefined : {
      field: `${c.path}.securityContext.allowPrivilegeEscalation`,
      value: sc.allowPrivilegeEscalation,
      container: c.name,
      message: sc.allowPrivilegeEscalation === undefined
        ? 'does not set allowPrivilegeEscalation: false, so setuid binaries can gain privileges (it defaults to true)'
        : `sets allowPrivilegeEscalation: ${JSON.stringify(sc.allowPrivilegeEscalation)}, so setuid binaries can gain privileges`,
    }));
  },
};
