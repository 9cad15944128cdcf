import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const runAsRootContradiction: Rule = {
  id: 'CKP720',
  name: 'run-as-root-contradiction',
  level: 'error',
  summary: 'A container that must run as non-root does not also set `runAsUser: 0`.',
  why: 'With `runAsNonRoot: true` and `runAsUser: 0` (pod or container level, the container\'s own winning) the kubelet refuses to '
    + 'start the container (`CreateContainerConfigError: container\'s runAsUser breaks non-root policy`): the pod never runs.',
  fix: 'Run as a non-zero UID (e.g. 10001), or, if the process really needs root, drop `runAsNonRoot` and say why (a suppression of CKP706).',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    const pod = podSpecOf(obj);
    const podSc = pod?.spec.securityContext ?? {};
    for (const c of containersOf(obj)) {
      const sc = c.container.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
      const user = sc.runAsUser ?? podSc.runAsUser;
      if (nonRoot === true && user === 0) {
        const field = sc.runAsUser === 0 ? `${c.path}.securityContext.runAsUser` : `${pod!.path}.securityContext.runAsUser`;
        out.push({ field, value: 0, container: c.name, message: `runs as UID 0 under runAsNonRoot: true, so the kubelet refuses to start it` });
      }
    }
    return out;
  },
};
