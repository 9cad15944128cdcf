import { K8sObject, Rule } from '../types';

/** What makes an object one object to the API server: API group, kind, namespace and name. */
export function objectIdentity(obj: K8sObject, defaultNamespace = ''): string {
  const group = typeof obj.apiVersion === 'string' && obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return `${group}/${obj.kind}/${obj.metadata?.namespace ?? defaultNamespace}/${obj.metadata?.name}`;
}

export const objectDuplicate: Rule = {
  id: 'CKP823',
  name: 'object-duplicate',
  level: 'error',
  summary: 'An app writes each object (API group, kind, namespace, name) once.',
  why: 'Two objects with one identity are one object to the API server: `kubectl apply` applies both and the last silently wins, '
    + 'so one workload\'s Deployment, Service or ConfigMap replaces the other\'s, and deleting one removes what the other needs.',
  fix: 'Give each construct its own `name` (or construct id), or put them in different namespaces.',
  kinds: ['*'],
  check(obj, ctx) {
    if (typeof obj.metadata?.name !== 'string') return [];
    const id = objectIdentity(obj);
    const index = ctx.objects.indexOf(obj);
    const first = ctx.objects.findIndex(o => o.kind === obj.kind && objectIdentity(o) === id);
    if (first < 0 || first === index) return [];
    return [{ field: 'metadata.name', value: obj.metadata.name, message: `is the second ${obj.kind} '${obj.metadata.name}'${obj.metadata.namespace ? ` in namespace '${obj.metadata.namespace}'` : ''}: the API server keeps only one` }];
  },
};
