import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const runAsRoot: Rule = {
  id: 'CKP706',
  name: 'run-as-root',
  level: 'warning',
  summary: 'Every container is made to run as a non-root user (`runAsNonRoot: true` or a non-zero `runAsUser`).',
  why: 'Without either setting a container runs as whatever user its image names, usually root. Root in a container is one '
    + 'kernel or runtime bug away from root on the node, and it can write everywhere in the image and bind any port.',
  fix: 'Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` (pod or container level); build the image with a '
    + 'numeric non-root `USER`.',
  polaris: 'runAsRootAllowed',
  checkov: ['CKV_K8S_23'],
  kubeLinter: ['run-as-non-root'],
  kinds: POD_KINDS,
  appliesTo: obj => podSpecOf(obj)?.spec.os?.name !== 'windows',
  check(obj) {
    const podContext = podSpecOf(obj)?.spec.securityContext ?? {};
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const own = c.container.securityContext ?? {};
      const user = own.runAsUser ?? podContext.runAsUser;
      const nonRoot = own.runAsNonRoot ?? podContext.runAsNonRoot;
      if (user === 0) {
        out.push({ field: `${c.path}.securityContext.runAsUser`, value: 0, container: c.name, message: 'runs as root: runAsUser is 0' });
      } else if (nonRoot !== true && !(typeof user === 'number' && user > 0)) {
        out.push({ field: `${c.path}.securityContext`, container: c.name, message: 'sets neither runAsNonRoot: true nor a non-zero runAsUser, so it runs as the image\'s user, usually root' });
      }
    }
    return out;
  },
};
