import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { APP_CONTAINER_ANNOTATION, APP_STOP_ANNOTATION } from '../rules/lifecycle/sidecar-stops-before-app';
import { dnsLabelProblem } from '../rules/objects/names';
import { addInitContainers, InitContainerProps } from './init-containers';
import { RunAsProps } from './security';
import { addSidecar, SidecarProps } from './sidecars';
import { PodVolumes, SharedMount, VOLUMES_CHECKSUM_ANNOTATION } from './volumes';

/** What a pod holds besides its main container. Every construct with a pod accepts these props. */
export interface PodCompositionProps {
  /**
   * Containers that run before the app, in this order, each to completion: prepare files, wait for a
   * dependency, fix permissions. No probes or hooks (rule CKP205).
   * @default - none
   */
  readonly initContainers?: InitContainerProps[];
  /**
   * Containers that run beside the app for the pod's life (proxies, log shippers). They count in the
   * QoS class (CKP403) and outlive the app on shutdown (CKP303).
   * @default - none
   */
  readonly sidecars?: SidecarProps[];
  /**
   * Shared volumes the main container mounts, e.g. `[html.at('/usr/share/nginx/html', { readOnly: true })]`
   * for `const html = SharedVolume.emptyDir('html')` that an init container fills.
   * @default - none
   */
  readonly mounts?: SharedMount[];
}

/** What the construct tells {@link composePod} about its pod. */
export interface PodCompositionOptions {
  /** The main container, already added as the pod's first container. */
  readonly main: kplus.Container;
  /** The instance name: configMap volumes become ConfigMaps named `<instance>-<volume>`. */
  readonly instance: string;
  /**
   * The longest the main container runs after the pod is deleted (its preStop + drain): every
   * sidecar's preStop waits this long, and the pod template records it for rule CKP303.
   * @default - no app to outlive (a batch pod): sidecars get no preStop wait
   */
  readonly appStop?: Duration;
}

/** The containers and ConfigMaps {@link composePod} added. */
export interface PodComposition {
  /** In run order. */
  readonly initContainers: kplus.Container[];
  readonly sidecars: kplus.Container[];
  /** One per configMap volume. */
  readonly configMaps: kplus.ConfigMap[];
}

/**
 * Adds init containers, sidecars and shared volumes to a workload whose main container exists,
 * failing through `guard` on what the API server would reject or the pod could not run: duplicate or
 * invalid container names (CKP805, CKP807), ports two containers would both bind (CKP806), volume
 * name or mount path clashes (CKP808), probes or hooks on init containers (CKP205).
 */
export function composePod(scope: Construct, workload: kplus.Workload, guard: RuleGuard, props: PodCompositionProps & RunAsProps, options: PodCompositionOptions): PodComposition {
  const inits = props.initContainers ?? [];
  const sidecars = props.sidecars ?? [];
  checkNames(guard, options.main.name, inits, sidecars);
  checkPorts(guard, options.main, sidecars);
  checkMountPaths(guard, options.main, props.mounts ?? [], inits, sidecars);

  const volumes = new PodVolumes(scope, guard, options.instance, volumesOf(workload));
  (props.mounts ?? []).forEach((m, i) => {
    options.main.mount(m.path, volumes.resolve(m.volume, `mounts[${i}]`), { readOnly: m.readOnly, subPath: m.subPath });
  });
  const initContainers = addInitContainers(scope, workload, guard, inits, volumes, props);
  const sidecarContainers = sidecars.map((s, i) => addSidecar(scope, workload, guard, s, { field: `sidecars[${i}]`, volumes, runAs: props, appStop: options.appStop }));

  if (sidecars.length > 0 && options.appStop !== undefined) {
    workload.podMetadata.addAnnotation(APP_CONTAINER_ANNOTATION, options.main.name);
    workload.podMetadata.addAnnotation(APP_STOP_ANNOTATION, String(options.appStop.toSeconds()));
  }
  const checksum = volumes.checksum();
  if (checksum) workload.podMetadata.addAnnotation(VOLUMES_CHECKSUM_ANNOTATION, checksum);
  return { initContainers, sidecars: sidecarContainers, configMaps: volumes.configMaps };
}

function checkNames(guard: RuleGuard, main: string, inits: readonly InitContainerProps[], sidecars: readonly SidecarProps[]): void {
  const owners = new Map<string, string>([[main, 'the app container']]);
  const extras = [
    ...inits.map((s, i) => ({ name: s.name, field: `initContainers[${i}]` })),
    ...sidecars.map((s, i) => ({ name: s.name, field: `sidecars[${i}]` })),
  ];
  for (const { name, field } of extras) {
    const problem = dnsLabelProblem(name);
    if (problem) {
      guard.fail({ field: `${field}.name`, value: `'${name}'`, ruleId: 'CKP807', problem: `${field}.name '${name}' ${problem}`, fix: 'name the container after its job with a DNS-1123 label, e.g. \'proxy\' or \'init-web-data\'.' });
    }
    const owner = owners.get(name);
    if (owner !== undefined) {
      guard.fail({ field: `${field}.name`, value: `'${name}'`, ruleId: 'CKP805', problem: `${field}.name '${name}' is already the name of ${owner}: the API server rejects a pod with two containers of one name`, fix: `rename it, e.g. '${name}-2' or after its job.` });
    }
    owners.set(name, field);
  }
}

function checkPorts(guard: RuleGuard, main: kplus.Container, sidecars: readonly SidecarProps[]): void {
  const owners = new Map<string, string>(main.ports.map(p => [`${p.number}/${p.protocol ?? 'TCP'}`, `the app container '${main.name}'`]));
  sidecars.forEach((s, i) => {
    const names = new Set<string>();
    (s.ports ?? []).forEach((p, j) => {
      const field = `sidecars[${i}].ports[${j}]`;
      const key = `${p.number}/${p.protocol ?? 'TCP'}`;
      const owner = owners.get(key);
      if (owner !== undefined) {
        guard.fail({ field, value: key, ruleId: 'CKP806', problem: `port ${key} of sidecar '${s.name}' is already declared by ${owner}: containers share the pod's network namespace, so only one can bind it`, fix: `give '${s.name}' its own port (and configure it to listen there).` });
      }
      if (p.name !== undefined && names.has(p.name)) {
        guard.fail({ field, value: `'${p.name}'`, ruleId: 'CKP806', problem: `sidecar '${s.name}' names two ports '${p.name}'`, fix: 'give each port of a container its own name.' });
      }
      owners.set(key, `${field} ('${s.name}')`);
      if (p.name !== undefined) names.add(p.name);
    });
  });
}

function checkMountPaths(guard: RuleGuard, main: kplus.Container, mounts: readonly SharedMount[], inits: readonly InitContainerProps[], sidecars: readonly SidecarProps[]): void {
  const check = (existing: readonly string[], list: readonly SharedMount[], field: string, container: string) => {
    const paths = new Set(existing);
    list.forEach((m, i) => {
      if (paths.has(m.path)) {
        guard.fail({ field: `${field}[${i}]`, value: m.path, ruleId: 'CKP808', problem: `container '${container}' already mounts a volume at ${m.path}`, fix: 'mount the shared volume at another path (each path holds one volume per container).' });
      }
      paths.add(m.path);
    });
  };
  check(main.mounts.map(m => m.path), mounts, 'mounts', main.name);
  inits.forEach((s, i) => check(['/tmp'], s.mounts ?? [], `initContainers[${i}].mounts`, s.name));
  sidecars.forEach((s, i) => check(['/tmp'], s.mounts ?? [], `sidecars[${i}].mounts`, s.name));
}

/** The volume names the pod already has, each with what uses it. */
function volumesOf(workload: kplus.Workload): Record<string, string> {
  const taken: Record<string, string> = {};
  for (const c of [...workload.containers, ...workload.initContainers]) {
    for (const m of c.mounts) taken[m.volume.name] ??= `the volume container '${c.name}' mounts at ${m.path}`;
  }
  for (const v of workload.volumes) taken[v.name] ??= 'a volume of the pod';
  return taken;
}
