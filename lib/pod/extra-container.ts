import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../plus';
import { ContainerAddress } from '../plus-gaps';
import { applyActionFields, ContainerHandlers } from './handler-extras';
import { ImageProps } from './image';
import { ResourcesProps, toContainerResources } from './resources';
import { restrictedContainerSecurity, RunAsProps } from './security';
import { PodVolumes, SharedMount } from './volumes';

/** What an init container or a sidecar is made of. */
export interface ContainerSpecProps extends Omit<ImageProps, 'imagePullSecrets'> {
  /**
   * The container name: a DNS-1123 label (rule CKP807), unique among the pod's containers and init
   * containers (rule CKP805).
   */
  readonly name: string;
  /**
   * Replaces the image's ENTRYPOINT.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint (replaces the image's CMD).
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * Literal environment variables.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Shared volumes to mount (`SharedVolume.emptyDir('html').at('/data')`). Every container also gets
   * its own size-limited emptyDir at /tmp, since its root filesystem is read-only.
   * @default - only /tmp
   */
  readonly mounts?: SharedMount[];
  /**
   * Requests and limits, counted in the pod's QoS class (rule CKP403): under a Guaranteed pod,
   * leave `limits` out (= requests).
   */
  readonly resources: ResourcesProps;
}

/** The name of the /tmp emptyDir of an init container or sidecar. */
export function tmpVolumeName(container: string): string {
  // A volume name is a DNS label of at most 63 characters, like the container name.
  return `${container.slice(0, 59)}-tmp`;
}

/** How {@link addSpecContainer} adds one container. */
export interface SpecContainerOptions extends ContainerHandlers {
  /** An init container (run to completion, in order) or an app container. */
  readonly init: boolean;
  /** The prop the spec came from, for messages: `initContainers[0]`. */
  readonly field: string;
  readonly volumes: PodVolumes;
  readonly runAs: RunAsProps;
  /** @default - none */
  readonly ports?: kplus.ContainerPort[];
}

/**
 * Adds an init container or sidecar to `workload` with what every extra container gets: its own
 * pinned image, resources, the restricted security profile, a /tmp emptyDir and its shared mounts.
 */
export function addSpecContainer(scope: Construct, workload: kplus.Workload, spec: ContainerSpecProps, opts: SpecContainerOptions): kplus.Container {
  const props: kplus.ContainerProps = {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: spec.imagePullPolicy ?? kplus.ImagePullPolicy.ALWAYS,
    command: spec.command,
    args: spec.args,
    workingDir: spec.workingDir,
    ports: opts.ports,
    resources: toContainerResources(spec.resources),
    securityContext: restrictedContainerSecurity(opts.runAs),
    readiness: opts.readiness,
    liveness: opts.liveness,
    startup: opts.startup,
    lifecycle: opts.lifecycle,
  };
  const container = opts.init ? workload.addInitContainer(props) : workload.addContainer(props);
  const address: ContainerAddress = { init: opts.init, index: (opts.init ? workload.initContainers : workload.containers).length - 1 };
  for (const key of Object.keys(spec.env ?? {}).sort()) {
    container.env.addVariable(key, kplus.EnvValue.fromValue(spec.env![key]));
  }
  const tmp = tmpVolumeName(spec.name);
  opts.volumes.claim(tmp, `the /tmp of container '${spec.name}'`, `${opts.field}.name`);
  container.mount('/tmp', kplus.Volume.fromEmptyDir(scope, `Tmp-${spec.name}`, tmp, { sizeLimit: Size.mebibytes(64) }));
  (spec.mounts ?? []).forEach((m, i) => {
    container.mount(m.path, opts.volumes.resolve(m.volume, `${opts.field}.mounts[${i}]`), { readOnly: m.readOnly, subPath: m.subPath });
  });
  applyActionFields(workload, address, opts);
  return container;
}
