import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternError } from '../errors';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { setInteractive, setPodSeccompRuntimeDefault } from '../plus-gaps';
import { DevSecurity } from '../pod/dev-security';
import { Foreground, startupArgs } from '../pod/entrypoint';
import { instanceName, recommendedLabels, RecommendedLabelsProps } from '../pod/labels';
import { composePod, PodCompositionProps } from '../pod/composition';
import { addMainContainer, labelAll, MainContainerProps } from '../pod/main-container';
import { addNetworkPolicy } from '../pod/network-policy';
import { addEnvSources, EnvSourcesProps } from '../pod/env-sources';
import { applyMetadata, checkMetadata, MetadataProps } from '../pod/metadata';
import { applyScheduling, checkScheduling, SchedulingWorkloadProps } from '../pod/scheduling';
import { withHouseDefaults } from '../pod/house-defaults';
import { resolveServiceAccount, ServiceAccountWorkloadProps } from '../pod/service-account';
import { checkRelaxationsFitNamespace } from '../namespaces/secure-namespace';
import { buildProbes, defaultProgressDeadline, HealthCheck } from '../pod/probes';
import { QosClass, ResourcesProps, workloadQosClass } from '../pod/resources';
import { applyPriorityClass, PriorityProps } from '../pod/priority';
import { checkNodePort } from '../pod/service';
import { mainProcessExit } from '../rules/process/main-process';
import { commandWord, isExec, parseScript } from '../rules/process/shell';
import { QosClassName } from '../rules/qos';
import { Suppression } from '../rules/suppressions';
import { validateDevContainerProps } from '../validation/constructs';

/** A port the development box serves, on the container and the Service. */
export interface DevContainerPort {
  /** The port number. */
  readonly number: number;
  /** The port name (Services with several ports need names): `ssh`, `http`. */
  readonly name: string;
  /**
   * A fixed node port (NodePort Services only), in 30000–32767 (rule CKP803).
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
}

/** A PersistentVolumeClaim for the work that must survive a restart. */
export interface WorkspaceProps {
  /** The claim's size: a whole number of GiB greater than 0 (rule CKP903). */
  readonly size: Size;
  /**
   * Where the volume is mounted. Mounting over a home directory hides what the image put there
   * (e.g. `~/.ssh/authorized_keys`): prefer a directory below it.
   * @default '/workspace'
   */
  readonly mountPath?: string;
  /**
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * @default kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: kplus.PersistentVolumeAccessMode;
  /**
   * The GID that owns the volume (the pod's fsGroup), so the user who logs in can write it.
   * @default - the restricted profile's group (10001); with a root profile none: root owns the volume
   */
  readonly ownerGroup?: number;
}

/**
 * Props of {@link DevContainer}. Not `podInfoPath`: its downwardAPI volume patch needs the pod to
 * have volumes already, which a root profile without a workspace does not.
 */
export interface DevContainerProps extends Omit<MainContainerProps, 'args' | 'command' | 'resources' | 'qos' | 'runAsUser' | 'runAsGroup' | 'podInfoPath'>, RecommendedLabelsProps, PriorityProps, PodCompositionProps,
  EnvSourcesProps, MetadataProps, SchedulingWorkloadProps, ServiceAccountWorkloadProps {
  /**
   * The name of every object and the `app.kubernetes.io/instance` label. A DNS-1123 label (rule CKP801).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The security profile, by name: `DevSecurity.restricted()`, `DevSecurity.sshdAsRoot()` or
   * `DevSecurity.rootShell()`. Each relaxation becomes a reasoned exemption on the objects.
   */
  readonly security: DevSecurity;
  /**
   * Shell steps run before the foreground process, one per entry: start helper daemons
   * (`/usr/sbin/crond`), create host keys (`ssh-keygen -A`). A step must return, and must not `exec` or `exit` (CKP902).
   * @default - none
   */
  readonly startup?: string[];
  /**
   * The process the container ends with, which keeps it running.
   * @default - Foreground.sshd() with ssh, Foreground.shell() when interactive, else Foreground.keepAlive()
   */
  readonly foreground?: Foreground;
  /**
   * The whole command line for the image's entrypoint, instead of `startup` and `foreground`. Its
   * last step must stay in the foreground (rule CKP902).
   * @default - built from `startup` and `foreground`
   */
  readonly args?: string[];
  /**
   * Replaces the image's ENTRYPOINT, and with it its init (tini): fails (rule CKP901) unless
   * CKP901 is suppressed with the reason.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * The shell that runs the startup steps.
   * @default '/bin/sh'
   */
  readonly shell?: string;
  /**
   * A shell-style pod (`kubectl run -i --tty`): stdin and a terminal, so a shell in the foreground
   * stays up; use it with `kubectl attach -it`.
   * @default false
   */
  readonly interactive?: boolean;
  /**
   * Reached over ssh: the ssh port is probed (tcpSocket) and exposed.
   * @default - true unless `interactive`
   */
  readonly ssh?: boolean;
  /**
   * The port sshd listens on; must be one of `ports` (rule CKP203).
   * @default 22
   */
  readonly sshPort?: number;
  /**
   * Every port the box serves: the ssh port and any others (http, https). Only ssh is probed: web
   * servers on a development box come and go.
   * @default - the ssh port, named 'ssh', with ssh; none otherwise
   */
  readonly ports?: DevContainerPort[];
  /**
   * A volume for the work that must survive a restart.
   * @default - none: everything outside the image is lost when the container restarts
   */
  readonly workspace?: WorkspaceProps;
  /**
   * The locale (`LANG`), e.g. `C.UTF-8` (in every glibc base image) or `en_US.UTF-8` (needs the locale in the image).
   * @default - the image's (POSIX in `ubuntu`)
   */
  readonly lang?: string;
  /**
   * The timezone (`TZ`), e.g. `Asia/Shanghai` (needs tzdata in the image).
   * @default - the image's (UTC in most)
   */
  readonly timezone?: string;
  /**
   * Container resources.
   * @default - requests 250m / 512Mi, limits 2 cpus / 2Gi
   */
  readonly resources?: ResourcesProps;
  /**
   * The declared QoS class (rule CKP403). A development box idles and bursts.
   * @default QosClass.BURSTABLE
   */
  readonly qos?: QosClass;
  /**
   * How long startup steps and sshd may take before the ssh port must answer (the startup probe).
   * @default Duration.minutes(2)
   */
  readonly startupTimeout?: Duration;
  /**
   * How long the processes get after SIGTERM (a shell as PID 1 ignores it and is killed after this).
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * How the Service is exposed.
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly serviceType?: kplus.ServiceType;
  /**
   * Who may connect to the ports. An empty list means nobody (all ingress denied).
   * @default - anyone: all pods in all namespaces and any IPv4/IPv6 address
   */
  readonly ingressFrom?: kplus.INetworkPolicyPeer[];
  /**
   * Outbound traffic besides DNS.
   * @default - anywhere: a development box clones repositories and installs packages from wherever they are
   */
  readonly egress?: kplus.NetworkPolicyRule[];
  /**
   * Rules accepted for this box, each with its reason; written into the objects' annotations.
   * @default - none
   */
  readonly suppressions?: Suppression[];
}

/** Default resources: a box that idles at a quarter core and bursts to two. */
export const DEV_RESOURCES: ResourcesProps = {
  requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(512) },
  limits: { cpu: kplus.Cpu.units(2), memory: Size.gibibytes(2) },
};

const ONE_REPLICA = 'one replica by design: a development box is one person\'s machine and its workspace has a single writer';

/**
 * A personal development environment that stays up: one pod (Recreate) whose main process is
 * guaranteed to stay in the foreground, reached over ssh (probed on the ssh port only) or attached
 * interactively, with an optional workspace volume and a named security profile.
 */
export class DevContainer extends Construct {
  /** The name of every object. */
  public readonly name: string;
  public readonly deployment: kplus.Deployment;
  /** The development container. */
  public readonly container: kplus.Container;
  /** Present when the box serves ports. */
  public readonly service?: kplus.Service;
  public readonly networkPolicy: kplus.NetworkPolicy;
  /** Present when `workspace` is given. */
  public readonly workspace?: kplus.PersistentVolumeClaim;
  /** Present when `config` has keys. */
  public readonly configMap?: kplus.ConfigMap;
  /** The container's args: the startup script ending in the foreground process, or the given `args`. */
  public readonly args: string[];
  /** The declared QoS class. */
  /** The init containers, in run order. */
  public readonly initContainers: kplus.Container[];
  /** The sidecar containers (a dev box stops without a preStop: they get no wait). */
  public readonly sidecars: kplus.Container[];
  public readonly qos: QosClass;
  /** The rules run over this box's objects at synth, and its suppressions. */
  public readonly rules: RuleGuard;

  constructor(scope: Construct, id: string, props: DevContainerProps) {
    super(scope, id);
    props = withHouseDefaults(this, props);
    validateDevContainerProps(this, props);
    this.rules = new RuleGuard(this, 'DevContainer', props.suppressions);
    this.name = instanceName(this.rules, id, props.name);
    const interactive = props.interactive ?? false;
    const ssh = props.ssh ?? !interactive;
    const sshPort = props.sshPort ?? 22;
    const ports = props.ports ?? (ssh ? [{ number: sshPort, name: 'ssh' }] : []);
    this.checkPorts(props, ports, ssh, sshPort);
    if (props.command) {
      this.rules.fail({ field: 'command', value: JSON.stringify(props.command), ruleId: 'CKP901', problem: `command ${JSON.stringify(props.command)} replaces the image's ENTRYPOINT, so its init (such as tini) and entrypoint script never run`, fix: 'give the startup work as `startup` steps or `args`, which keep the entrypoint; to replace the init on purpose, suppress CKP901 with the reason.' });
    }
    this.args = this.resolveArgs(props, ssh, interactive, sshPort);
    this.qos = props.qos ?? QosClass.BURSTABLE;
    const resources = props.resources ?? DEV_RESOURCES;
    if (this.qos === QosClass.BURSTABLE && !resources.limits) {
      this.rules.fail({ field: 'resources.limits', ruleId: 'CKP403', problem: 'declares QoS class Burstable but gives no limits, so limits default to the requests and Kubernetes computes Guaranteed', fix: 'give resources.limits above the requests (a development box bursts), or set qos: QosClass.GUARANTEED.' });
    }

    const security = props.security;
    const labels = recommendedLabels(this.name, props.image, props, 'dev-environment');
    checkMetadata(this.rules, props, labels);
    checkScheduling(this.rules, props.scheduling);
    const identity = resolveServiceAccount(this, this.rules, this.name, props.serviceAccount);
    checkRelaxationsFitNamespace(this, this.rules, security.name, security.relaxations.map(r => r.relaxation));
    const health = { readiness: HealthCheck.tcpSocket(), startupTimeout: props.startupTimeout ?? Duration.minutes(2) };
    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: { name: this.name },
      podMetadata: { labels },
      replicas: 1,
      // Single writer: the old pod must release the workspace before the new one mounts it.
      strategy: kplus.DeploymentStrategy.recreate(),
      progressDeadline: ssh ? defaultProgressDeadline(health, Duration.seconds(0)) : Duration.seconds(600),
      terminationGracePeriod: props.terminationGracePeriod ?? Duration.seconds(30),
      ...security.podProps(props.workspace?.ownerGroup),
      ...identity.podProps,
    });

    const probes = ssh ? buildProbes(health, sshPort) : undefined;
    const main = addMainContainer(this, this.deployment, { ...props, command: props.command, args: this.args, env: this.resolveEnv(props), resources, qos: this.qos }, {
      name: this.name,
      instance: this.name,
      ports: ports.map(p => ({ number: p.number, name: p.name })),
      readiness: probes?.readiness,
      liveness: probes?.liveness,
      startup: probes?.startup,
      securityContext: security.containerSecurity(),
    });
    this.container = main.container;
    addEnvSources(this, this.rules, this.deployment, this.container, props);
    this.configMap = main.configMap;
    const pod = composePod(this, this.deployment, this.rules, props, { main: this.container, instance: this.name });
    this.initContainers = pod.initContainers;
    this.sidecars = pod.sidecars;
    if (!security.isRestricted) setPodSeccompRuntimeDefault(this.deployment);
    if (interactive) setInteractive(this.deployment, 0);
    this.workspace = this.addWorkspace(props.workspace);

    if (ports.length > 0) {
      this.service = new kplus.Service(this, 'Service', {
        metadata: { name: this.name },
        selector: this.deployment,
        type: props.serviceType ?? kplus.ServiceType.CLUSTER_IP,
        ports: ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, nodePort: p.nodePort })),
      });
    }
    this.networkPolicy = addNetworkPolicy(this, this.deployment, { name: this.name, ports: ports.map(p => p.number), ingressFrom: props.ingressFrom, egress: props.egress ?? 'anywhere' });

    applyPriorityClass(this.rules, this.deployment, props);
    this.acceptAll([
      ...security.suppressions(),
      ...this.singleReplicaSuppressions(ports.length > 0),
      ...(ssh ? [] : [
        { id: 'polaris:readinessProbeMissing', reason: 'no ssh: the box serves nothing a readiness probe could gate; it is used through kubectl attach or exec' },
        { id: 'polaris:livenessProbeMissing', reason: 'the main process is a shell or a keep-alive: when it ends the container restarts without a probe, and a probe could only kill a session in use' },
      ]),
      ...(ports.length > 0 && props.ingressFrom?.length === 0 ? [{ id: 'polaris:missingNetworkPolicy', reason: 'ingressFrom is empty: the NetworkPolicy denies all ingress (no ingress rules), which Polaris counts as missing' }] : []),
      ...(ports.length > 0 ? [] : [{ id: 'polaris:missingNetworkPolicy', reason: 'the box serves no port, so its NetworkPolicy denies all ingress (an empty rule list, which Polaris counts as missing); kubectl attach and exec go through the kubelet' }]),
    ]);
    applyScheduling(this.deployment, props.scheduling);
    applyMetadata(this, this.rules, this.deployment, props);
    labelAll(this, labels);
    this.rules.seal();
  }

  /** The QoS class Kubernetes will compute for the pod, from the synthesized pod spec. */
  public get qosClass(): QosClassName {
    return workloadQosClass(this.deployment);
  }

  private checkPorts(props: DevContainerProps, ports: readonly DevContainerPort[], ssh: boolean, sshPort: number): void {
    if (ssh && !ports.some(p => p.number === sshPort)) {
      const declared = ports.map(p => p.number).join(', ') || 'none';
      this.rules.fail({ field: 'sshPort', value: String(sshPort), ruleId: 'CKP203', problem: `the ssh port ${sshPort}, which the probes target, is not one of the declared ports (${declared})`, fix: `add { number: ${sshPort}, name: 'ssh' } to ports, set sshPort to the port sshd listens on, or set ssh: false.` });
    }
    ports.forEach((p, i) => checkNodePort(this.rules, props.serviceType, p.nodePort, `ports[${i}].nodePort`));
  }

  /** The args: the given ones, or `startup` then `exec <foreground>`; either way checked to end in the foreground (CKP902). */
  private resolveArgs(props: DevContainerProps, ssh: boolean, interactive: boolean, sshPort: number): string[] {
    const steps = props.startup ?? [];
    if (props.args && (steps.length > 0 || props.foreground)) {
      throw new PatternError({ construct: 'DevContainer', path: this.node.path, field: 'args', value: JSON.stringify(props.args), ruleId: 'CKP902', problem: 'sets args together with startup/foreground: args would replace the script that ends in the foreground process', fix: 'move the steps into startup and the last process into foreground, or give only args.' });
    }
    steps.forEach((step, i) => this.checkStartupStep(step, i));
    const foreground = props.foreground ?? (ssh ? Foreground.sshd() : interactive ? Foreground.shell() : Foreground.keepAlive());
    const fgArgv = foreground.argv(sshPort);
    const given = props.args ? { field: 'args', argv: props.args } : { field: 'foreground', argv: fgArgv };
    if (given.argv.length === 0 || given.argv[0] === '') {
      this.rules.fail({ field: given.field, value: '[]', ruleId: 'CKP902', problem: `${given.field} is empty, which leaves the image's CMD in charge of the main process, unchecked`, fix: 'name the process that stays in the foreground, e.g. Foreground.sshd() or Foreground.keepAlive().' });
    }
    const args = props.args ?? startupArgs(props.shell ?? '/bin/sh', steps, fgArgv);
    const exit = mainProcessExit([...(props.command ?? []), ...args], { tty: interactive, stdin: interactive });
    if (exit) {
      const field = props.args ? 'args' : 'foreground';
      this.rules.fail({
        field, value: exit.step, ruleId: 'CKP902',
        problem: `${field} ends the main process: ${exit.reason}; Kubernetes then sees the container complete and restarts it, a crash loop no probe can fix`,
        fix: exit.kind === 'bare-shell'
          ? 'set interactive: true (stdin and a terminal keep the shell up), or end with Foreground.sshd() or Foreground.keepAlive().'
          : 'end with a process that stays in the foreground: Foreground.sshd() (sshd -D), Foreground.exec([\'crond\', \'-n\']) or Foreground.keepAlive(); start daemons that fork in startup.',
      });
    }
    return args;
  }

  /**
   * A startup step must return so the foreground process starts: no unconditional `exec` of a
   * program or `exit` (`… || exit 1`, stopping on a failed check, is fine).
   */
  private checkStartupStep(step: string, i: number): void {
    for (const s of parseScript(step)?.steps ?? []) {
      const argv = s.command.type === 'simple' ? s.command.argv : [];
      const exits = commandWord(argv) === 'exit';
      if (s.background || s.conditional || !(exits || isExec(argv))) continue;
      this.rules.fail({ field: `startup[${i}]`, value: JSON.stringify(step), ruleId: 'CKP902', problem: `startup step ${JSON.stringify(step)} ${exits ? 'exits the script' : 'replaces the script with another program'}, so the foreground process never starts`, fix: 'run the program as a normal step (it must return), or make it the foreground with Foreground.exec([...]).' });
    }
  }

  private resolveEnv(props: DevContainerProps): Record<string, string> {
    const env: Record<string, string> = { ...(props.env ?? {}) };
    for (const [prop, key, value] of [['lang', 'LANG', props.lang], ['timezone', 'TZ', props.timezone]] as const) {
      if (value === undefined) continue;
      if (key in env) {
        this.rules.fail({ field: prop, value, ruleId: 'CKP904', problem: `${prop} '${value}' sets ${key}, which env also sets ('${env[key]}')`, fix: `set ${key} in one place: the ${prop} prop or env.` });
      }
      env[key] = value;
    }
    return env;
  }

  private addWorkspace(ws: WorkspaceProps | undefined): kplus.PersistentVolumeClaim | undefined {
    if (!ws) return undefined;
    const gib = ws.size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!(gib > 0) || !Number.isInteger(gib)) {
      this.rules.fail({ field: 'workspace.size', value: ws.size.asString(), ruleId: 'CKP903', problem: `workspace.size (${ws.size.asString()}) must be a whole number of GiB greater than 0 (the API server rejects an empty claim; cdk8s-plus-27 writes claims in Gi)`, fix: 'give the space the work needs, e.g. Size.gibibytes(20).' });
    }
    const claim = new kplus.PersistentVolumeClaim(this, 'Workspace', {
      metadata: { name: `${this.name}-workspace` },
      storage: ws.size,
      storageClassName: ws.storageClassName,
      accessModes: [ws.accessMode ?? kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
    });
    this.container.mount(ws.mountPath ?? '/workspace', kplus.Volume.fromPersistentVolumeClaim(this, 'WorkspaceVolume', claim, { name: 'workspace' }));
    return claim;
  }

  private singleReplicaSuppressions(serves: boolean): Suppression[] {
    return [
      { id: 'polaris:deploymentMissingReplicas', reason: ONE_REPLICA },
      { id: 'polaris:missingPodDisruptionBudget', reason: `${ONE_REPLICA}; a PodDisruptionBudget would either block node drains or protect nothing` },
      { id: 'polaris:topologySpreadConstraint', reason: `${ONE_REPLICA}; there is nothing to spread` },
      // The rule fires only on a container that serves a port.
      ...(serves ? [{ id: 'CKP302', reason: 'Recreate with one replica: nothing serves during a restart anyway, so a preStop delay would only lengthen it' }] : []),
    ];
  }

  /** Records each suppression unless the user already gave one for that id (their reason wins). */
  private acceptAll(suppressions: readonly Suppression[]): void {
    for (const s of suppressions) if (!this.rules.isSuppressed(s.id)) this.rules.suppress(s.id, s.reason);
  }
}
