import { isObject, listOf, parseQuantity } from './k8s';

/** The Kubernetes QoS classes. */
export type QosClassName = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Where a pod template declares the QoS class it means to have. */
export const QOS_ANNOTATION = 'cdk8s-patterns/qos-class';

const QOS_RESOURCES = ['cpu', 'memory'];

/**
 * The QoS class Kubernetes computes for a pod spec (pkg/apis/core/helper/qos), after the API's
 * defaulting of a missing request to its limit. Init containers count like app containers.
 */
export function computeQosClass(podSpec: any): QosClassName {
  const containers = [...listOf(podSpec?.containers), ...listOf(podSpec?.initContainers)];
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  for (const c of containers) {
    const resources = isObject(c?.resources) ? c.resources : {};
    const lim = isObject(resources.limits) ? resources.limits : {};
    const req = { ...pickDefined(lim), ...pickDefined(isObject(resources.requests) ? resources.requests : {}) };
    for (const name of QOS_RESOURCES) {
      const r = parseQuantity(req[name]);
      if (r !== undefined && r > 0) requests[name] = (requests[name] ?? 0) + r;
    }
    const found = new Set<string>();
    for (const name of QOS_RESOURCES) {
      const l = parseQuantity(lim[name]);
      if (l !== undefined && l > 0) {
        found.add(name);
        limits[name] = (limits[name] ?? 0) + l;
      }
    }
    if (found.size !== QOS_RESOURCES.length) guaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of Object.entries(requests)) {
      if (!approxEqual(limits[name], req)) guaranteed = false;
    }
  }
  return guaranteed && Object.keys(requests).length === Object.keys(limits).length ? 'Guaranteed' : 'Burstable';
}

function pickDefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

function approxEqual(a: number | undefined, b: number): boolean {
  return a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}
