import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../plus';
import { setImagePullSecrets } from '../plus-gaps';
import { QOS_ANNOTATION } from '../rules/qos';
import { addAppConfig, AppConfigProps } from './config';
import { addDownwardApi, DownwardApiProps } from './downward-api';
import { applyActionFields } from './handler-extras';
import { ImageProps } from './image';
import { QosClass, QosProps, toContainerResources } from './resources';
import { applyRestrictedPod, restrictedContainerSecurity, RunAsProps } from './security';

/** What every construct's main container is made of: image, resources, command line, env and config. */
export interface MainContainerProps extends ImageProps, QosProps, DownwardApiProps, RunAsProps {
  /**
   * Arguments to the image's entrypoint (overrides the image's CMD and keeps its ENTRYPOINT, e.g. tini).
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Replaces the image's ENTRYPOINT. Prefer `args`: a replaced entrypoint loses the image's init process.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Literal environment variables. Settings an operator may change belong in `config`.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Configuration in a ConfigMap, as env vars and/or files; its checksum on the pod template rolls the
   * pods when it changes.
   * @default - no ConfigMap
   */
  readonly config?: AppConfigProps;
  /**
   * The size limit of the emptyDir at /tmp (the restricted profile's root filesystem is read-only).
   * A DevContainer has that volume only with `DevSecurity.restricted()` (rule CKP830 otherwise).
   * @default Size.mebibytes(64)
   */
  readonly tmpSize?: Size;
}

/** What a construct decides about its main container beyond {@link MainContainerProps}. */
export interface MainContainerOptions {
  /** The container name. */
  readonly name: string;
  /** The name of objects derived from the instance (the ConfigMap is `<instance>-config`). */
  readonly instance: string;
  /** @default - no ports */
  readonly ports?: kplus.ContainerPort[];
  /** @default - none */
  readonly readiness?: kplus.Probe;
  /** @default - none */
  readonly liveness?: kplus.Probe;
  /** @default - none (cdk8s-plus would add a TCP one: we always say what we mean) */
  readonly startup?: kplus.Probe;
  /** @default - none */
  readonly lifecycle?: kplus.ContainerLifecycle;
  /**
   * The container security context. Anything but the restricted default must be a named, reasoned
   * relaxation made by the construct (see DevContainer).
   * @default - restrictedContainerSecurity(props), with an emptyDir at /tmp and seccomp RuntimeDefault
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
}

/** The main container and the ConfigMap made for it. */
export interface MainContainer {
  readonly container: kplus.Container;
  readonly configMap?: kplus.ConfigMap;
  readonly qos: QosClass;
}

/**
 * Adds the main container to `workload` (it must be the first container: the Downward API volume
 * patch addresses it by index 0) and wires what every construct shares: pinned image and pull
 * secrets, resources and the declared QoS annotation, env, config, Downward API and, unless the
 * construct relaxes it, the restricted security profile.
 */
export function addMainContainer(scope: Construct, workload: kplus.Workload, props: MainContainerProps, opts: MainContainerOptions): MainContainer {
  if (workload.containers.length !== 0) throw new Error('addMainContainer must add the first container');
  const qos = props.qos ?? QosClass.GUARANTEED;
  workload.podMetadata.addAnnotation(QOS_ANNOTATION, qos);
  const restricted = opts.securityContext === undefined;
  const container = workload.addContainer({
    name: opts.name,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy ?? kplus.ImagePullPolicy.ALWAYS,
    ports: opts.ports,
    command: props.command,
    args: props.args,
    resources: toContainerResources(props.resources),
    securityContext: opts.securityContext ?? restrictedContainerSecurity(props),
    readiness: opts.readiness,
    liveness: opts.liveness,
    startup: opts.startup,
    lifecycle: opts.lifecycle,
  });
  applyActionFields(workload, { init: false, index: 0 }, opts);
  for (const key of Object.keys(props.env ?? {}).sort()) {
    container.env.addVariable(key, kplus.EnvValue.fromValue(props.env![key]));
  }
  const { configMap } = addAppConfig(scope, opts.instance, workload, container, props.config);
  addDownwardApi(workload, container, 0, props);
  if (restricted) applyRestrictedPod(scope, workload, container, props.tmpSize);
  setImagePullSecrets(workload, props.imagePullSecrets ?? []);
  return { container, configMap, qos };
}

/** Adds labels to every object under `scope`. */
export function labelAll(scope: Construct, labels: Record<string, string>): void {
  for (const c of scope.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    for (const [k, v] of Object.entries(labels)) c.metadata.addLabel(k, v);
  }
}
