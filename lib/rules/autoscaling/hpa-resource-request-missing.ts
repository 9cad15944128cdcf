import { containersOf } from '../k8s';
import { Rule, Violation } from '../types';
import { hpaTarget } from './targets';

/** The resources an HPA scales on as a utilization of requests, with the container each concerns (undefined: every container). */
function utilizationResources(hpa: any): { resource: string; container?: string; field: string }[] {
  const metrics = hpa.spec?.metrics;
  // No metrics: the controller scales on 80% average CPU utilization.
  if (!Array.isArray(metrics) || metrics.length === 0) return [{ resource: 'cpu', field: 'spec.metrics' }];
  return metrics.flatMap((m: any, i: number) => {
    if (m?.type === 'Resource' && m.resource?.target?.type === 'Utilization') return [{ resource: String(m.resource.name), field: `spec.metrics[${i}]` }];
    if (m?.type === 'ContainerResource' && m.containerResource?.target?.type === 'Utilization') {
      return [{ resource: String(m.containerResource.name), container: String(m.containerResource.container), field: `spec.metrics[${i}]` }];
    }
    return [];
  });
}

export const hpaResourceRequestMissing: Rule = {
  id: 'CKP508',
  name: 'hpa-resource-request-missing',
  level: 'error',
  summary: 'A HorizontalPodAutoscaler that scales on a resource\'s utilization targets pods whose containers all request that resource.',
  why: 'Utilization is usage divided by the request: when a container has no request the autoscaler reports '
    + '"missing request" and never scales, so the workload stays at its current size under any load.',
  fix: 'Set requests for the resource on every container of the target, or scale on an AverageValue target instead.',
  kinds: ['HorizontalPodAutoscaler'],
  check(obj, ctx) {
    const target = hpaTarget(obj, ctx);
    if (!target) return [];
    const out: Violation[] = [];
    for (const { resource, container, field } of utilizationResources(obj)) {
      for (const c of containersOf(target, { init: false })) {
        if (container !== undefined && c.name !== container) continue;
        if (c.container.resources?.requests?.[resource] === undefined) {
          out.push({ field, value: resource, container: c.name, message: `scales on ${resource} utilization, but container '${c.name}' of ${target.kind} '${target.metadata?.name}' requests no ${resource}` });
        }
      }
    }
    return out;
  },
};
