import * as kplus from '../plus';
import { ActionFields, ContainerAddress, setActionFields } from '../plus-gaps';

/** A port by number, or by the name of a port the container declares. */
export type PortRef = number | string;

/**
 * The port cdk8s-plus renders for a handler whose real port is a name, until
 * {@link applyActionFields} writes the name. 0 is never a valid port: a handler that misses the
 * replacement fails rule CKP203 and the API server instead of silently probing port 80.
 */
export const NAMED_PORT_PLACEHOLDER = 0;

const FIELDS = new WeakMap<object, ActionFields>();

/** The numeric port to give cdk8s-plus for `port`. */
export function plusPort(port: PortRef | undefined): number | undefined {
  return typeof port === 'string' ? NAMED_PORT_PLACEHOLDER : port;
}

/** What an action needs beyond what cdk8s-plus renders (a named port, headers, a scheme), if anything. */
export function actionFields(action: ActionFields['action'], port: PortRef | undefined, headers: Record<string, string> = {}, scheme?: string): ActionFields | undefined {
  const httpHeaders = Object.entries(headers).map(([name, value]) => ({ name, value }));
  if (typeof port !== 'string' && httpHeaders.length === 0 && scheme === undefined) return undefined;
  return {
    action,
    port: typeof port === 'string' ? port : undefined,
    httpHeaders: httpHeaders.length > 0 ? httpHeaders : undefined,
    scheme,
  };
}

/** Records `fields` for a cdk8s-plus probe or handler, to be written by {@link applyActionFields}; returns it. */
export function withActionFields<T extends kplus.Probe | kplus.Handler>(handler: T, fields: ActionFields | undefined): T {
  if (fields) FIELDS.set(handler, fields);
  return handler;
}

/** The probes and hooks of one container, as given to cdk8s-plus. */
export interface ContainerHandlers {
  /** @default - none */
  readonly readiness?: kplus.Probe;
  /** @default - none */
  readonly liveness?: kplus.Probe;
  /** @default - none */
  readonly startup?: kplus.Probe;
  /** @default - none */
  readonly lifecycle?: kplus.ContainerLifecycle;
}

/** Writes the recorded named ports and headers of every handler of the container at `address`. */
export function applyActionFields(workload: kplus.Workload, address: ContainerAddress, handlers: ContainerHandlers): void {
  const byPath: [string, object | undefined][] = [
    ['readinessProbe', handlers.readiness],
    ['livenessProbe', handlers.liveness],
    ['startupProbe', handlers.startup],
    ['lifecycle/postStart', handlers.lifecycle?.postStart],
    ['lifecycle/preStop', handlers.lifecycle?.preStop],
  ];
  for (const [path, handler] of byPath) {
    const fields = handler ? FIELDS.get(handler) : undefined;
    if (fields) setActionFields(workload, address, path, fields);
  }
}
