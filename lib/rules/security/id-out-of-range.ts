import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { INT32_MAX, wholeNumberProblem } from '../../validation/formats';

/** Why `v` is not a UID/GID (an integer 0–2147483647), or undefined. */
export function idProblem(v: unknown): string | undefined {
  return wholeNumberProblem(v, 0, INT32_MAX);
}

export const idOutOfRange: Rule = {
  id: 'CKP721',
  name: 'id-out-of-range',
  level: 'error',
  summary: 'UIDs and GIDs (`runAsUser`, `runAsGroup`, `fsGroup`, `supplementalGroups`) are whole numbers from 0 to 2147483647.',
  why: 'The API server rejects a negative or fractional ID and one past the int32 range, so the workload is never created.',
  fix: 'Use the UID/GID the image\'s user has, a whole number from 1 to 2147483647 (e.g. 10001).',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    const pod = podSpecOf(obj);
    if (!pod) return out;
    const check = (sc: any, path: string, container?: string) => {
      if (!sc || typeof sc !== 'object') return;
      for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) {
        if (sc[key] === undefined) continue;
        const problem = idProblem(sc[key]);
        if (problem) out.push({ field: `${path}.securityContext.${key}`, value: sc[key], container, message: `${key} ${problem}` });
      }
      (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g: unknown, i: number) => {
        const problem = idProblem(g);
        if (problem) out.push({ field: `${path}.securityContext.supplementalGroups[${i}]`, value: g, container, message: `supplemental group ${problem}` });
      });
    };
    check(pod.spec.securityContext, pod.path);
    for (const c of containersOf(obj)) check(c.container.securityContext, c.path, c.name);
    return out;
  },
};
