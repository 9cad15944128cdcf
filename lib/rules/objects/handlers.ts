import { containersOf, ContainerRef, perObject, PROBE_FIELDS } from '../k8s';
import { K8sObject } from '../types';

/** A probe or lifecycle hook of a container, with where it sits. */
export interface HandlerRef {
  readonly container: ContainerRef;
  /** `readinessProbe`, `lifecycle.preStop`, ... */
  readonly role: string;
  readonly handler: any;
  readonly path: string;
}

/** Every probe and lifecycle hook of every container of an object's pod. Read-only: five rules share it in an evaluation. */
export function handlersOf(obj: K8sObject): readonly HandlerRef[] {
  return perObject(handlersOf, obj, findHandlers);
}

function findHandlers(obj: K8sObject): HandlerRef[] {
  const out: HandlerRef[] = [];
  for (const c of containersOf(obj)) {
    for (const role of PROBE_FIELDS) {
      const h = c.container[role];
      if (h && typeof h === 'object') out.push({ container: c, role, handler: h, path: `${c.path}.${role}` });
    }
    for (const hook of ['postStart', 'preStop']) {
      const h = c.container.lifecycle?.[hook];
      if (h && typeof h === 'object') out.push({ container: c, role: `lifecycle.${hook}`, handler: h, path: `${c.path}.lifecycle.${hook}` });
    }
  }
  return out;
}
