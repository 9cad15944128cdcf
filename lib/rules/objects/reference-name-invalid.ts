import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { DNS1123_SUBDOMAIN } from './names';

const valid = (name: unknown) => typeof name === 'string' && name.length > 0 && name.length <= 253 && DNS1123_SUBDOMAIN.test(name);

/** Every object name a pod spec refers to, with where and what kind it names. */
function podReferences(spec: any, path: string, obj: any): { field: string; kind: string; name: unknown }[] {
  const refs: { field: string; kind: string; name: unknown }[] = [];
  if (spec.priorityClassName !== undefined) refs.push({ field: `${path}.priorityClassName`, kind: 'PriorityClass', name: spec.priorityClassName });
  if (spec.serviceAccountName !== undefined) refs.push({ field: `${path}.serviceAccountName`, kind: 'ServiceAccount', name: spec.serviceAccountName });
  (Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets : []).forEach((s: any, i: number) => refs.push({ field: `${path}.imagePullSecrets[${i}].name`, kind: 'Secret', name: s?.name }));
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: any, i: number) => {
    if (v?.secret) refs.push({ field: `${path}.volumes[${i}].secret.secretName`, kind: 'Secret', name: v.secret.secretName });
    if (v?.configMap) refs.push({ field: `${path}.volumes[${i}].configMap.name`, kind: 'ConfigMap', name: v.configMap.name });
    if (v?.persistentVolumeClaim) refs.push({ field: `${path}.volumes[${i}].persistentVolumeClaim.claimName`, kind: 'PersistentVolumeClaim', name: v.persistentVolumeClaim.claimName });
  });
  for (const c of containersOf(obj)) {
    (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
      if (e?.valueFrom?.secretKeyRef) refs.push({ field: `${c.path}.env[${i}].valueFrom.secretKeyRef.name`, kind: 'Secret', name: e.valueFrom.secretKeyRef.name });
      if (e?.valueFrom?.configMapKeyRef) refs.push({ field: `${c.path}.env[${i}].valueFrom.configMapKeyRef.name`, kind: 'ConfigMap', name: e.valueFrom.configMapKeyRef.name });
    });
    (Array.isArray(c.container.envFrom) ? c.container.envFrom : []).forEach((e: any, i: number) => {
      if (e?.secretRef) refs.push({ field: `${c.path}.envFrom[${i}].secretRef.name`, kind: 'Secret', name: e.secretRef.name });
      if (e?.configMapRef) refs.push({ field: `${c.path}.envFrom[${i}].configMapRef.name`, kind: 'ConfigMap', name: e.configMapRef.name });
    });
  }
  return refs;
}

export const referenceNameInvalid: Rule = {
  id: 'CKP826',
  name: 'reference-name-invalid',
  level: 'error',
  summary: 'Every Secret, ConfigMap, ServiceAccount, PriorityClass, StorageClass and PersistentVolumeClaim a pod, claim or '
    + 'Ingress names (env, envFrom, volumes, pull secrets, priority, storage class, TLS) is a DNS-1123 subdomain, the only names such objects can have.',
  why: 'A reference to a name no object can have is either rejected by the API server or leaves the pod waiting forever '
    + '(CreateContainerConfigError) for a Secret that cannot exist.',
  fix: 'Refer to the object by its real name: lowercase letters, digits, \'-\' and \'.\'.',
  kinds: [...POD_KINDS, 'Ingress', 'PersistentVolumeClaim'],
  check(obj) {
    let refs: { field: string; kind: string; name: unknown }[] = [];
    if (obj.kind === 'PersistentVolumeClaim') {
      // An empty storageClassName is valid: it asks for no dynamic provisioning.
      const storageClass = obj.spec?.storageClassName;
      if (storageClass !== undefined && storageClass !== '') refs = [{ field: 'spec.storageClassName', kind: 'StorageClass', name: storageClass }];
    } else if (obj.kind === 'Ingress') {
      refs = (Array.isArray(obj.spec?.tls) ? obj.spec.tls : []).flatMap((t: any, i: number) => (t?.secretName === undefined ? [] : [{ field: `spec.tls[${i}].secretName`, kind: 'Secret', name: t.secretName }]));
    } else {
      const pod = podSpecOf(obj);
      if (pod) refs = podReferences(pod.spec, pod.path, obj);
    }
    return refs.filter(r => !valid(r.name)).map((r): Violation => ({ field: r.field, value: r.name, message: `names ${r.kind} ${JSON.stringify(r.name)}, which is not a DNS-1123 subdomain` }));
  },
};
