import { podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { dnsSubdomainProblem } from '../../validation/formats';

export const referenceNameInvalid: Rule = {
  id: 'CKP826',
  name: 'reference-name-invalid',
  level: 'error',
  summary: 'Names that refer to other objects (PriorityClass, StorageClass, pull Secrets, ServiceAccount) are DNS-1123 subdomains.',
  why: 'The API server rejects a pod spec or claim whose `priorityClassName`, `storageClassName` or `imagePullSecrets` name could '
    + 'never be an object\'s name; no such object can exist.',
  fix: 'Use the referenced object\'s real name: lowercase letters, digits, `-` and `.`.',
  kinds: [...POD_KINDS, 'PersistentVolumeClaim'],
  check(obj) {
    const out: Violation[] = [];
    const check = (v: unknown, field: string, what: string) => {
      if (v === undefined) return;
      const problem = typeof v === 'string' ? dnsSubdomainProblem(v) : 'is not a string';
      if (problem) out.push({ field, value: v, message: `${what} ${JSON.stringify(v)} ${problem}` });
    };
    if (obj.kind === 'PersistentVolumeClaim') {
      // An empty storageClassName is valid: it asks for no dynamic provisioning.
      if (obj.spec?.storageClassName !== '') check(obj.spec?.storageClassName, 'spec.storageClassName', 'storageClassName');
      return out;
    }
    const pod = podSpecOf(obj);
    if (!pod) return out;
    check(pod.spec.priorityClassName, `${pod.path}.priorityClassName`, 'priorityClassName');
    check(pod.spec.serviceAccountName, `${pod.path}.serviceAccountName`, 'serviceAccountName');
    (Array.isArray(pod.spec.imagePullSecrets) ? pod.spec.imagePullSecrets : []).forEach((s: any, i: number) => check(s?.name, `${pod.path}.imagePullSecrets[${i}].name`, 'imagePullSecrets name'));
    return out;
  },
};
