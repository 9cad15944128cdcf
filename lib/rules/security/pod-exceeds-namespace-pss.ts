import { perEvaluation, POD_KINDS } from '../k8s';
import { K8sObject, Rule, RuleContext } from '../types';
import { exceedsLevel, podSecurityViolations, PssLevel } from './pod-security';

/** The label a Namespace enforces its Pod Security level with. */
export const PSS_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

export const podExceedsNamespacePss: Rule = {
  id: 'CKP731',
  name: 'pod-exceeds-namespace-pss',
  level: 'error',
  summary: 'A pod meets the Pod Security level its Namespace enforces (`pod-security.kubernetes.io/enforce`, among the objects checked together).',
  why: 'The API server rejects pods that break the namespace\'s enforced level: the Deployment is created, but its '
    + 'ReplicaSet never gets a pod, and only the ReplicaSet\'s events say why.',
  fix: 'Remove the relaxation the pod does not need, or deploy it to a namespace whose enforced level allows it.',
  kinds: POD_KINDS,
  check(obj, ctx) {
    const ns = obj.metadata?.namespace;
    if (ns === undefined) return [];
    const namespace = namespacesOf(ctx).get(ns);
    const enforced = namespace?.metadata?.labels?.[PSS_ENFORCE_LABEL] as PssLevel | undefined;
    if (enforced !== 'restricted' && enforced !== 'baseline') return [];
    return podSecurityViolations(obj)
      .filter(v => exceedsLevel(v.needs, enforced))
      .map(v => ({ field: v.field, message: `${v.control}, which needs Pod Security level '${v.needs}', but namespace '${ns}' enforces '${enforced}'` }));
  },
};

const NAMESPACES = new WeakMap<RuleContext, Map<unknown, K8sObject>>();

/**
 * The first Namespace of each name among the objects checked, indexed once per evaluation (a search
 * per pod was quadratic). A NaN name is equal to nothing: not indexed, so a NaN namespace finds none.
 */
function namespacesOf(ctx: RuleContext): Map<unknown, K8sObject> {
  return perEvaluation(NAMESPACES, ctx, () => {
    const byName = new Map<unknown, K8sObject>();
    for (const o of ctx.objects) {
      const name = o.kind === 'Namespace' ? o.metadata?.name : undefined;
      if (o.kind === 'Namespace' && name === name && !byName.has(name)) byName.set(name, o);
    }
    return byName;
  });
}
