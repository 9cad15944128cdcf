/**
 * The one escape-hatch module: fields cdk8s-plus-27 has no API for, added as JSON patches on the
 * synthesized object. Every function names what is missing upstream; when a newer cdk8s-plus
 * gains the field, the function goes and its callers use the typed API.
 *
 * Patches apply to the object's props before cdk8s-plus's k8s import renders them to Kubernetes
 * JSON, so patched values use the import's prop names (`downwardApi`, not `downwardAPI`); a key the
 * import does not know is dropped.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as kplus from './plus';

/** JSON pointer of the pod spec inside a workload of this kind. */
export function podSpecPointer(kind: string): string {
  switch (kind) {
    case 'Pod': return '/spec';
    case 'CronJob': return '/spec/jobTemplate/spec/template/spec';
    default: return '/spec/template/spec';
  }
}

function target(workload: IConstruct): { obj: ApiObject; pod: string } {
  const obj = ApiObject.of(workload);
  return { obj, pod: podSpecPointer(obj.kind) };
}

/** cdk8s-plus-27 takes one `dockerRegistryAuth` Secret; pods may name any number of pull secrets. */
export function setImagePullSecrets(workload: IConstruct, names: readonly string[]): void {
  if (names.length === 0) return;
  const { obj, pod } = target(workload);
  obj.addJsonPatch(JsonPatch.add(`${pod}/imagePullSecrets`, names.map(name => ({ name }))));
}

/** cdk8s-plus-27 has no `topologySpreadConstraints` (it spreads with pod anti-affinity only). */
export function setTopologySpread(workload: IConstruct, constraints: readonly object[]): void {
  if (constraints.length === 0) return;
  const { obj, pod } = target(workload);
  obj.addJsonPatch(JsonPatch.add(`${pod}/topologySpreadConstraints`, constraints));
}

/** cdk8s-plus-27 has no `revisionHistoryLimit` on Deployments. */
export function setRevisionHistoryLimit(workload: IConstruct, limit: number): void {
  ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', limit));
}

/** cdk8s-plus-27 has no `priorityClassName`. */
export function setPriorityClassName(workload: IConstruct, name: string): void {
  const { obj, pod } = target(workload);
  obj.addJsonPatch(JsonPatch.add(`${pod}/priorityClassName`, name));
}

/**
 * cdk8s-plus-27 has no `seccompProfile` in its pod security context. Requires the pod's
 * `securityContext` to exist, which cdk8s-plus always writes (runAsNonRoot, fsGroupChangePolicy).
 */
export function setPodSeccompRuntimeDefault(workload: IConstruct): void {
  const { obj, pod } = target(workload);
  obj.addJsonPatch(JsonPatch.add(`${pod}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }));
}

/**
 * cdk8s-plus-27 has no `downwardAPI` volume type. Adds the volume and mounts it read-only in the
 * container at `containerIndex`. Requires the pod to have `volumes` and the container `volumeMounts`
 * (our pods always mount an emptyDir at /tmp).
 */
export function addDownwardApiVolume(workload: IConstruct, opts: { volumeName: string; containerIndex: number; mountPath: string }): void {
  const { obj, pod } = target(workload);
  obj.addJsonPatch(
    JsonPatch.add(`${pod}/volumes/-`, {
      name: opts.volumeName,
      downwardApi: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
        ],
      },
    }),
    JsonPatch.add(`${pod}/containers/${opts.containerIndex}/volumeMounts/-`, { name: opts.volumeName, mountPath: opts.mountPath, readOnly: true }),
  );
}

/** cdk8s-plus-27's `Capability` enum has no `ALL`, the value `drop` needs to drop every capability. */
export const CAPABILITY_ALL = 'ALL' as kplus.Capability;

/** Where a container sits in its pod spec. */
export interface ContainerAddress {
  /** True for `initContainers`, false for `containers`. */
  readonly init: boolean;
  /** The position in that list. */
  readonly index: number;
}

/** A probe's or lifecycle hook's action fields that cdk8s-plus-27 cannot express. */
export interface ActionFields {
  /** The action the handler uses. */
  readonly action: 'httpGet' | 'tcpSocket';
  /** A named port. @default - the numeric port cdk8s-plus rendered */
  readonly port?: string;
  /** HTTP request headers. @default - none */
  readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
  /** The HTTP scheme. @default - what cdk8s-plus rendered (HTTP for hooks) */
  readonly scheme?: string;
}

/**
 * cdk8s-plus-27's Probe and Handler have no `httpHeaders` and type ports as numbers (no named ports);
 * its Handler (lifecycle hooks) has no `scheme` either.
 * Sets them on the handler at `handlerPath` (`readinessProbe`, `lifecycle/postStart`, ...) of the
 * container at `container`, which must already render that handler with that action.
 */
export function setActionFields(workload: IConstruct, container: ContainerAddress, handlerPath: string, fields: ActionFields): void {
  const { obj, pod } = target(workload);
  const base = `${pod}/${container.init ? 'initContainers' : 'containers'}/${container.index}/${handlerPath}/${fields.action}`;
  // The import renders an IntOrString from its `value`.
  if (fields.port !== undefined) obj.addJsonPatch(JsonPatch.add(`${base}/port`, { value: fields.port }));
  if (fields.httpHeaders && fields.httpHeaders.length > 0) obj.addJsonPatch(JsonPatch.add(`${base}/httpHeaders`, fields.httpHeaders));
  if (fields.scheme !== undefined) obj.addJsonPatch(JsonPatch.add(`${base}/scheme`, fields.scheme));
}

/** cdk8s-plus-27 types a Service port's `targetPort` as a number: no named target ports. */
export function setServiceTargetPortName(service: IConstruct, portIndex: number, name: string): void {
  ApiObject.of(service).addJsonPatch(JsonPatch.add(`/spec/ports/${portIndex}/targetPort`, { value: name }));
}
