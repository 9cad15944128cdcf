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
    const req = isObject(resources.requests) ? resources.requests : {};
    for (const name of QOS_RESOURCES) {
      // The API defaults a missing request to the limit.
      const r = parseQuantity(definedOwn(req, name) ?? definedOwn(lim, name));
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

/** `o[key]` when it is an own enumerable field that is neither undefined nor null. */
function definedOwn(o: Record<string, unknown>, key: string): unknown {
  const v = Object.prototype.propertyIsEnumerable.call(o, key) ? o[key] : undefined;
  return v === null ? undefined : v;
}

function approxEqual(a: number | undefined, b: number): boolean {
  return a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}
