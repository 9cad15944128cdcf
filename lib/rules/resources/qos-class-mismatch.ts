import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { computeQosClass, QOS_ANNOTATION } from '../qos';
import { Rule } from '../types';

export const qosClassMismatch: Rule = {
  id: 'CKP403',
  name: 'qos-class-mismatch',
  level: 'error',
  summary: `The QoS class a pod declares (annotation \`${QOS_ANNOTATION}\`) is the one Kubernetes computes.`,
  why: 'A pod meant to be Guaranteed that is really Burstable (one sidecar or init container without equal requests and limits '
    + 'is enough) is evicted before Guaranteed pods and loses exclusive CPUs under the static CPU manager, silently.',
  fix: 'For Guaranteed, give every container (init containers and sidecars included) cpu and memory limits equal to its requests; '
    + 'or declare the class the pod really has.',
  kinds: POD_KINDS,
  appliesTo: obj => declaredQos(obj) !== undefined,
  check(obj) {
    const declared = declaredQos(obj)!;
    const pod = podSpecOf(obj);
    if (!pod) return [];
    const actual = computeQosClass(pod.spec);
    if (declared === actual) return [];
    const culprits = declared === 'Guaranteed'
      ? containersOf(obj).filter(c => computeQosClass({ containers: [c.container] }) !== 'Guaranteed').map(c => `'${c.name}'`)
      : [];
    return [{
      field: `${pod.path === 'spec' ? 'metadata' : pod.path.replace(/\.spec$/, '.metadata')}.annotations.${QOS_ANNOTATION}`,
      value: declared,
      message: `declares QoS class ${declared}, but Kubernetes computes ${actual}`
        + (culprits.length ? ` (container ${culprits.join(', ')} has requests ≠ limits or misses a cpu or memory limit)` : ''),
    }];
  },
};

function declaredQos(obj: any): string | undefined {
  const value = podSpecOf(obj)?.metadata?.annotations?.[QOS_ANNOTATION] ?? obj.metadata?.annotations?.[QOS_ANNOTATION];
  return typeof value === 'string' ? value : undefined;
}
