import { containerViolations, effectiveSecurity, isLinuxPod, POD_KINDS } from '../k8s';
import { Rule } from '../types';

export const runAsGroupRoot: Rule = {
  id: 'CKP709',
  name: 'run-as-group-root',
  level: 'warning',
  summary: 'A container that runs as a non-root user does not run with the root group (`runAsGroup: 0`).',
  why: 'The root group (GID 0) owns much of an image and of the node: files and directories writable by group 0 (`/etc` in many '
    + 'images, host paths, device files) stay writable to a process that was made non-root to protect them, so `runAsGroup: 0` '
    + 'quietly undoes most of `runAsNonRoot`. (A container that runs as root is CKP706\'s finding.)',
  fix: 'Set `runAsGroup` to a non-zero group (the user\'s own, e.g. 10001) at pod or container level; give shared volumes a '
    + '`fsGroup` instead of relying on group 0.',
  kinds: POD_KINDS,
  appliesTo: isLinuxPod,
  check(obj) {
    return containerViolations(obj, (c, pod, sc) => {
      const { runAsUser, runAsGroup } = effectiveSecurity(pod, c.container);
      if (runAsGroup !== 0 || runAsUser === 0) return undefined;
      return {
        field: `${sc.runAsGroup === 0 ? c.path : pod.path}.securityContext.runAsGroup`,
        value: 0,
        container: c.name,
        message: `runs with the root group (runAsGroup 0)${typeof runAsUser === 'number' ? ` as user ${runAsUser}` : ''}, so whatever group 0 may write stays writable`,
      };
    });
  },
};
