import { containersOf, parseQuantity, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { quantityProblem } from './resource-quantity-invalid';

export const ephemeralStorageInvalid: Rule = {
  id: 'CKP510',
  name: 'ephemeral-storage-invalid',
  level: 'error',
  summary: 'ephemeral-storage requests and limits are quantities above zero, and no emptyDir (such as /tmp) may grow past the '
    + 'pod\'s ephemeral-storage limit.',
  why: 'The kubelet evicts a pod whose local disk use passes its ephemeral-storage limit: an emptyDir allowed to grow larger '
    + 'than that limit evicts the pod instead of returning "disk full" to the app.',
  fix: 'Raise the containers\' ephemeral-storage limits above the emptyDir sizeLimits, or lower the sizeLimits.',
  kinds: POD_KINDS,
  check(obj) {
    const pod = podSpecOf(obj);
    if (!pod) return [];
    const out: Violation[] = [];
    let limitSum = 0;
    let limited = true;
    for (const c of containersOf(obj, { init: false })) {
      for (const kind of ['requests', 'limits'] as const) {
        const q = c.container.resources?.[kind]?.['ephemeral-storage'];
        if (q === undefined) continue;
        // A malformed or negative amount is CKP829's (resource-quantity-invalid): one finding per mistake.
        if (quantityProblem(q) === undefined && parseQuantity(q) === 0) out.push({ field: `${c.path}.resources.${kind}.ephemeral-storage`, value: q, container: c.name, message: `ephemeral-storage ${kind} ${JSON.stringify(q)} is zero: the container could not write a byte to local disk` });
      }
      const limit = parseQuantity(c.container.resources?.limits?.['ephemeral-storage']);
      if (limit === undefined) limited = false;
      else limitSum += limit;
    }
    if (!limited) return out;
    (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).forEach((v: any, i: number) => {
      const size = parseQuantity(v?.emptyDir?.sizeLimit);
      if (size !== undefined && v.emptyDir.medium !== 'Memory' && size > limitSum) {
        out.push({ field: `${pod.path}.volumes[${i}].emptyDir.sizeLimit`, value: v.emptyDir.sizeLimit, message: `emptyDir '${v.name}' may grow to ${v.emptyDir.sizeLimit}, past the pod's ephemeral-storage limit (${limitSum} bytes): the pod would be evicted first` });
      }
    });
    return out;
  },
};
