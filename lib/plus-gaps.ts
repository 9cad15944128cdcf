/**
 * The one escape-hatch module: fields cdk8s-plus-27 has no API for, added as JSON patches on the
 * synthesized object. Every function names what is missing upstream; when a newer cdk8s-plus
 * gains the field, the function goes and its callers use the typed API.
 *
 * Patches apply to the object's props before cdk8s-plus's k8s import renders them to Kubernetes
 * JSON, so patched values use the import's prop names (`downwardApi`, not `downwardAPI`); a key the
 * import does not know is dropped.
 */
import { ApiObject, Cron, JsonPatch } from 'cdk8s';
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

/** JSON pointer of the Job spec: a Job's own, or a CronJob's job template. */
function jobSpecPointer(workload: IConstruct): { obj: ApiObject; job: string } {
  const obj = ApiObject.of(workload);
  return { obj, job: obj.kind === 'CronJob' ? '/spec/jobTemplate/spec' : '/spec' };
}

/**
 * cdk8s-plus-27's Job and CronJob have no `podFailurePolicy` (beta and on by default in Kubernetes 1.27).
 * The 1.27 schema requires `onPodConditions` on every rule, so exit-code rules carry an empty list.
 */
export function setPodFailurePolicy(workload: IConstruct, policy: kplus.k8s.PodFailurePolicy): void {
  const { obj, job } = jobSpecPointer(workload);
  obj.addJsonPatch(JsonPatch.add(`${job}/podFailurePolicy`, policy));
}

/** cdk8s-plus-27's Job and CronJob have no `completions` or `parallelism`. */
export function setJobCompletions(workload: IConstruct, counts: { completions?: number; parallelism?: number }): void {
  const { obj, job } = jobSpecPointer(workload);
  if (counts.completions !== undefined) obj.addJsonPatch(JsonPatch.add(`${job}/completions`, counts.completions));
  if (counts.parallelism !== undefined) obj.addJsonPatch(JsonPatch.add(`${job}/parallelism`, counts.parallelism));
}

/**
 * cdk8s-plus-27's CronJob takes a cdk8s `Cron`, which only builds five fields from parts: it cannot carry
 * a schedule as written, nor the macros Kubernetes accepts (`@daily`). This `Cron` renders `expression`
 * as is; validate it first (scheduleProblem).
 */
export function cronOf(expression: string): Cron {
  return Object.assign(new Cron(), { expressionString: expression });
}

/**
 * cdk8s-plus-27 has no `stdin`/`tty` on containers. Gives the container at `containerIndex` an open
 * stdin and a terminal, as `kubectl run -i --tty` does; `stdinOnce` stays false so stdin (and a shell
 * reading it) outlives the first `kubectl attach`.
 */
export function setInteractive(workload: IConstruct, containerIndex: number): void {
  const { obj, pod } = target(workload);
  obj.addJsonPatch(
    JsonPatch.add(`${pod}/containers/${containerIndex}/stdin`, true),
    JsonPatch.add(`${pod}/containers/${containerIndex}/stdinOnce`, false),
    JsonPatch.add(`${pod}/containers/${containerIndex}/tty`, true),
  );
}

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

/**
 * cdk8s-plus-27's `Env.fromSecret` takes no prefix, and neither it nor `Env.fromConfigMap` takes
 * `optional`. Sets the `envFrom` of the container at `containerIndex` (which must have none yet).
 */
export function addEnvFrom(workload: IConstruct, containerIndex: number, sources: readonly object[]): void {
  if (sources.length === 0) return;
  const { obj, pod } = target(workload);
  obj.addJsonPatch(JsonPatch.add(`${pod}/containers/${containerIndex}/envFrom`, sources));
}

/** cdk8s-plus-27's Service has no `externalTrafficPolicy`. */
export function setExternalTrafficPolicy(service: IConstruct, policy: string): void {
  ApiObject.of(service).addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', policy));
}

/** cdk8s-plus-27 has no `nodeSelector` (only node affinity through `scheduling.attract`). */
export function setNodeSelector(workload: IConstruct, selector: Record<string, string>): void {
  const { obj, pod } = target(workload);
  obj.addJsonPatch(JsonPatch.add(`${pod}/nodeSelector`, selector));
}

/** cdk8s (core, not cdk8s-plus) gives every object its chart's namespace, cluster-scoped ones such as a Namespace included. */
export function removeNamespace(clusterScoped: IConstruct): void {
  ApiObject.of(clusterScoped).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
