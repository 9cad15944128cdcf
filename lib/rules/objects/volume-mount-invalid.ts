import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { dnsLabelProblem } from './names';

export const volumeMountInvalid: Rule = {
  id: 'CKP808',
  name: 'volume-mount-invalid',
  level: 'error',
  summary: 'A pod\'s volumes have unique DNS-1123 label names, every mount names one of them, and no container mounts two volumes at one path.',
  why: 'The API server rejects a pod with a duplicate or malformed volume name, a mount of a volume the pod does not have, or two '
    + 'mounts at the same path in one container, so the workload never applies. Composing init containers and sidecars, each with '
    + 'its own scratch volume, makes such clashes easy.',
  fix: 'Name each volume once (a DNS-1123 label), declare every volume a container mounts, and mount each path once per container.',
  kinds: POD_KINDS,
  check(obj) {
    const pod = podSpecOf(obj);
    if (!pod) return [];
    const out: Violation[] = [];
    const names = new Set<string>();
    (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).forEach((v: any, i: number) => {
      const name = v?.name;
      const problem = typeof name === 'string' ? dnsLabelProblem(name) : 'is missing';
      if (problem) out.push({ field: `${pod.path}.volumes[${i}].name`, value: name, message: `volume name ${JSON.stringify(name ?? null)} ${problem}` });
      else if (names.has(name)) out.push({ field: `${pod.path}.volumes[${i}].name`, value: name, message: `volume name '${name}' is used by two volumes` });
      names.add(name);
    });
    for (const c of containersOf(obj)) {
      const paths = new Set<string>();
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        if (!names.has(m?.name)) {
          out.push({ field: `${c.path}.volumeMounts[${i}].name`, value: m?.name, container: c.name, message: `mounts volume '${m?.name}', which the pod does not declare` });
        }
        if (paths.has(m?.mountPath)) {
          out.push({ field: `${c.path}.volumeMounts[${i}].mountPath`, value: m?.mountPath, container: c.name, message: `mounts two volumes at ${m?.mountPath}` });
        }
        paths.add(m?.mountPath);
      });
    }
    return out;
  },
};
