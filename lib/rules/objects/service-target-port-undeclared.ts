import { containersOf, objectLabel, podSpecOf, POD_KINDS } from '../k8s';
import { K8sObject, Rule, Violation } from '../types';

export const serviceTargetPortUndeclared: Rule = {
  id: 'CKP809',
  name: 'service-target-port-undeclared',
  level: 'error',
  summary: 'A Service\'s targetPort, by number or name, is a port declared by the pods it selects (among the objects checked together).',
  why: 'A named targetPort that no container of the selected pods declares gives the Service no endpoints: every request fails. A '
    + 'number nobody declares is usually a port nothing listens on, or the app\'s port where a proxy sidecar was meant to '
    + 'receive the traffic (bypassing it).',
  fix: 'Point targetPort at a port a container of the selected pods declares (by name, to follow the port when its number changes), '
    + 'or declare the port on the container that listens on it.',
  kinds: ['Service'],
  check(obj, ctx) {
    const selector = obj.spec?.selector;
    if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
    const workloads = ctx.objects.filter(o => POD_KINDS.includes(o.kind as any) && o.metadata?.namespace === obj.metadata?.namespace && selects(selector, o));
    const out: Violation[] = [];
    (Array.isArray(obj.spec?.ports) ? obj.spec.ports : []).forEach((p: any, i: number) => {
      const target = p?.targetPort ?? p?.port;
      const protocol = p?.protocol ?? 'TCP';
      for (const w of workloads) {
        const declared = containersOf(w, { init: false }).some(c => (Array.isArray(c.container.ports) ? c.container.ports : []).some((cp: any) =>
          (typeof target === 'string' ? cp?.name === target : cp?.containerPort === target) && (cp?.protocol ?? 'TCP') === protocol));
        if (declared) continue;
        out.push({
          field: `spec.ports[${i}].targetPort`,
          value: target,
          message: `targetPort ${typeof target === 'string' ? `'${target}'` : target}/${protocol} is not declared by any container of ${objectLabel(w)}, which the Service selects`
            + (typeof target === 'string' ? ': the Service gets no endpoints' : ''),
        });
      }
    });
    return out;
  },
};

function selects(selector: Record<string, unknown>, obj: K8sObject): boolean {
  const labels = podSpecOf(obj)?.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
