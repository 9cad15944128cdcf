import { containerViolations, effectiveSecurity, isLinuxPod, POD_KINDS } from '../k8s';
import { Rule } from '../types';

/** UIDs below this are taken on typical hosts: system accounts (1–999) and the first login users (1000+). */
export const HIGH_UID = 10000;

export const runAsLowUid: Rule = {
  id: 'CKP710',
  name: 'run-as-low-uid',
  level: 'info',
  summary: `A container that sets runAsUser uses a UID of at least ${HIGH_UID}, one no host account has.`,
  why: 'Without user namespaces a container\'s UID is the node\'s UID. A low one is a real account there (a daemon\'s, or the '
    + 'first login user\'s at 1000): files on host paths and shared volumes owned by that account are the container\'s, and a '
    + 'process that escapes the container acts as that user on the node.',
  fix: `Run as a UID of ${HIGH_UID} or more (the image's USER and runAsUser, e.g. 10001), and the same for runAsGroup.`,
  checkov: ['CKV_K8S_40'],
  kinds: POD_KINDS,
  appliesTo: isLinuxPod,
  check(obj) {
    return containerViolations(obj, (c, pod, sc) => {
      const { runAsUser } = effectiveSecurity(pod, c.container);
      // 0 is root: CKP706's finding. Unset: the image decides, which no manifest rule can see.
      if (typeof runAsUser !== 'number' || runAsUser <= 0 || runAsUser >= HIGH_UID) return undefined;
      return {
        field: `${typeof sc.runAsUser === 'number' ? c.path : pod.path}.securityContext.runAsUser`,
        value: runAsUser,
        container: c.name,
        message: `runs as UID ${runAsUser}, below ${HIGH_UID}: on the node that UID is likely a real account`,
      };
    });
  },
};
