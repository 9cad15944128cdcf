import { perEvaluation } from '../k8s';
import { K8sObject, Rule, RuleContext } from '../types';

/** What makes an object one object to the API server: API group, kind, namespace and name. */
export function objectIdentity(obj: K8sObject, defaultNamespace = ''): string {
  const slash = typeof obj.apiVersion === 'string' ? obj.apiVersion.indexOf('/') : -1;
  const group = slash >= 0 ? obj.apiVersion!.slice(0, slash) : '';
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
    const index = firstObjects(ctx);
    const first = index.firstOf.get(obj) ?? index.first.get(scopedIdentity(obj, ctx));
    if (first === undefined || first === obj) return [];
    return [{ field: 'metadata.name', value: obj.metadata.name, message: `is the second ${obj.kind} '${obj.metadata.name}'${obj.metadata.namespace ? ` in namespace '${obj.metadata.namespace}'` : ''}: the API server keeps only one` }];
  },
};

/**
 * Objects are compared within one file when the input has files (lint): files linted together are
 * often unrelated projects or test fixtures (a whole corpus, failure.yaml beside success.yaml), while
 * one file is one `kubectl apply`. At synth the objects are one chart's. Indexed once per evaluation.
 */
function scopedIdentity(obj: K8sObject, ctx: RuleContext): string {
  return `${ctx.fileOf?.(obj) ?? ''}\0${objectIdentity(obj)}`;
}

interface FirstObjects {
  /** The first object of each scoped identity. */
  readonly first: Map<string, K8sObject>;
  /** For each object indexed, the first of its identity: its key is not built twice. */
  readonly firstOf: Map<K8sObject, K8sObject>;
}

const FIRST = new WeakMap<RuleContext, FirstObjects>();

function firstObjects(ctx: RuleContext): FirstObjects {
  return perEvaluation(FIRST, ctx, () => {
    const first = new Map<string, K8sObject>();
    const firstOf = new Map<K8sObject, K8sObject>();
    for (const o of ctx.objects) {
      if (o === null || typeof o !== 'object' || typeof o.metadata?.name !== 'string') continue;
      const key = scopedIdentity(o, ctx);
      let f = first.get(key);
      if (f === undefined) first.set(key, (f = o));
      firstOf.set(o, f);
    }
    return { first, firstOf };
  });
}
