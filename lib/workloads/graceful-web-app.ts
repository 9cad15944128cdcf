import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { setRevisionHistoryLimit, setServiceTargetPortName, setTopologySpread } from '../plus-gaps';
import { composePod, PodCompositionProps } from '../pod/composition';
import { PortRef } from '../pod/handler-extras';
import { instanceName, recommendedLabels, RecommendedLabelsProps } from '../pod/labels';
import { addMainContainer, labelAll, MainContainerProps } from '../pod/main-container';
import { LifecycleProps } from '../pod/lifecycle';
import { addNetworkPolicy, EgressProps } from '../pod/network-policy';
import { buildProbes, checkWholeSeconds, defaultProgressDeadline, HealthProps } from '../pod/probes';
import { QosClass, workloadQosClass } from '../pod/resources';
import { applyPriorityClass, PriorityProps } from '../pod/priority';
import { restrictedPodProps } from '../pod/security';
import { checkNodePort } from '../pod/service';
import { planShutdown, ShutdownProps } from '../pod/shutdown';
import { sidecarStops } from '../pod/sidecars';
import { addAutoscaler, AutoscalingWorkloadProps, replicaFloor } from '../pod/autoscaling';
import { addDisruptionBudget, checkDisruptionApplies, DisruptionWorkloadProps } from '../pod/disruption';
import { addEnvSources, EnvSourcesProps } from '../pod/env-sources';
import { applyMetadata, checkMetadata, MetadataProps } from '../pod/metadata';
import { applyServiceExposure, checkServiceExposure, ServiceExposureProps } from '../pod/service-exposure';
import { addIngress, admitIngressController, checkIngress, IngressWorkloadProps } from '../pod/ingress';
import { applyScheduling, checkScheduling, checkSpread, SchedulingWorkloadProps, SpreadWorkloadProps, topologySpread } from '../pod/scheduling';
import { withHouseDefaults } from '../pod/house-defaults';
import { resolveServiceAccount, ServiceAccountWorkloadProps } from '../pod/service-account';
import { checkExtraPorts, exposeExtraPorts, extraContainerPorts, ExtraPortsProps, sharedPolicyPorts } from '../pod/ports';
import { QosClassName } from '../rules/qos';
import { Suppression } from '../rules/suppressions';
import { validateGracefulWebAppProps } from '../validation/constructs';

/** Props of {@link GracefulWebApp}. */
export interface GracefulWebAppProps
  extends MainContainerProps, HealthProps, ShutdownProps, LifecycleProps, PodCompositionProps, RecommendedLabelsProps, PriorityProps, EgressProps,
  AutoscalingWorkloadProps, DisruptionWorkloadProps, ExtraPortsProps, EnvSourcesProps,
  MetadataProps, ServiceExposureProps, IngressWorkloadProps, SchedulingWorkloadProps, SpreadWorkloadProps,
  ServiceAccountWorkloadProps {
  /**
   * The name of every object (Deployment, Service, ...) and the `app.kubernetes.io/instance` label.
   * A DNS-1123 label (rule CKP801).
   * @default - the construct id
   */
  readonly name?: string;
  /** The port the app listens on. */
  readonly port: number;
  /**
   * The name of the served port, used by the Service's targetPort.
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * Number of pods. With 2 or more a PodDisruptionBudget keeps one serving through node drains.
   * Not with `autoscaling` (rule CKP505).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Extra pods a rollout may start before old ones stop (maxUnavailable is always 0). At least 1.
   * @default 1
   */
  readonly maxSurge?: number;
  /**
   * How long a new pod must stay ready before it counts as available: catches pods that crash just after start.
   * @default Duration.seconds(5)
   */
  readonly minReady?: Duration;
  /**
   * How long a rollout may make no progress before the Deployment is marked failed. Must exceed the startup
   * budget plus minReady (rule CKP502).
   * @default - the larger of 600s and startupTimeout + readiness + minReady + 60s
   */
  readonly progressDeadline?: Duration;
  /**
   * Old ReplicaSets kept for `kubectl rollout undo`.
   * @default 5
   */
  readonly revisionHistoryLimit?: number;
  /**
   * How the Service is exposed.
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly serviceType?: kplus.ServiceType;
  /**
   * The Service port.
   * @default - the target port's number
   */
  readonly servicePort?: number;
  /**
   * Where the Service (and the NetworkPolicy's ingress) sends traffic: a port of the app or of a
   * sidecar, by number or by name. Name a proxy sidecar's port to put the proxy in front of the app
   * (rule CKP809: it must be declared).
   * @default - `port`, by number
   */
  readonly targetPort?: PortRef;
  /**
   * A fixed node port (NodePort Services only), in 30000–32767 (rule CKP803).
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
  /**
   * Who may connect to the served port. An empty list means nobody (all ingress denied), except the
   * ingress controller when `ingress` is set (see `IngressProps.controllerFrom`).
   * @default - anyone: all pods in all namespaces and any IPv4/IPv6 address
   */
  readonly ingressFrom?: kplus.INetworkPolicyPeer[];
  /**
   * Rules accepted for this app, each with its reason; written into the objects' annotations.
   * @default - none
   */
  readonly suppressions?: Suppression[];
}

/**
 * A stateless HTTP service that starts, serves and stops without dropping requests: readiness-gated
 * rolling updates with no unavailability, a preStop delay and a computed grace period, declared QoS,
 * config in a ConfigMap, restricted security, and a PodDisruptionBudget and NetworkPolicy.
 */
export class GracefulWebApp extends Construct {
  /** The name of every object. */
  public readonly name: string;
  public readonly deployment: kplus.Deployment;
  /** The app container. */
  public readonly container: kplus.Container;
  public readonly service: kplus.Service;
  public readonly networkPolicy: kplus.NetworkPolicy;
  /** Present when `config` has keys. */
  public readonly configMap?: kplus.ConfigMap;
  /** Present when replicas (or autoscaling.minReplicas) ≥ 2. */
  public readonly podDisruptionBudget?: kplus.k8s.KubePodDisruptionBudget;
  /** Present with `serviceAccount.create`. */
  public readonly serviceAccount?: kplus.ServiceAccount;
  /** Present with `ingress`. */
  public readonly ingress?: kplus.Ingress;
  /** Present with `autoscaling`. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The init containers, in run order. */
  public readonly initContainers: kplus.Container[];
  /** The sidecar containers. */
  public readonly sidecars: kplus.Container[];
  /** The declared QoS class. */
  public readonly qos: QosClass;
  /** The pod's terminationGracePeriod, computed from preStopDelay + drainTimeout + margin unless given. */
  public readonly terminationGracePeriod: Duration;
  /** The rules run over this app's objects at synth, and its suppressions. */
  public readonly rules: RuleGuard;

  constructor(scope: Construct, id: string, props: GracefulWebAppProps) {
    super(scope, id);
    props = withHouseDefaults(this, props);
    validateGracefulWebAppProps(this, props);
    this.rules = new RuleGuard(this, 'GracefulWebApp', props.suppressions);
    this.name = instanceName(this.rules, id, props.name);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1) {
      this.rules.fail({ field: 'replicas', value: String(replicas), ruleId: 'CKP503', problem: `replicas (${replicas}) must be a whole number of at least 1`, fix: 'set replicas to 2 or more (1 for a non-critical app).' });
    }
    const maxSurge = props.maxSurge ?? 1;
    if (!Number.isInteger(maxSurge) || maxSurge < 1) {
      this.rules.fail({ field: 'maxSurge', value: String(maxSurge), ruleId: 'CKP501', problem: `maxSurge (${maxSurge}) must be at least 1, since maxUnavailable is 0`, fix: 'set maxSurge to 1 or more.' });
    }
    const floor = replicaFloor(this.rules, props.replicas, props.autoscaling);
    checkDisruptionApplies(this.rules, floor, props.disruption);
    checkNodePort(this.rules, props.serviceType, props.nodePort);
    checkExtraPorts(this.rules, { name: props.portName ?? 'http', port: props.port, servicePort: props.servicePort }, props.ports);
    checkWholeSeconds(this.rules, 'readiness', props.readiness);
    if (props.liveness) checkWholeSeconds(this.rules, 'liveness', props.liveness);

    const shutdown = planShutdown(props, this.rules, props.port, sidecarStops(props.sidecars));
    this.terminationGracePeriod = shutdown.terminationGracePeriod;
    const labels = recommendedLabels(this.name, props.image, props, 'server');
    checkMetadata(this.rules, props, labels);
    checkServiceExposure(this.rules, props.serviceType, props);
    if (props.ingress) checkIngress(this.rules, props.ingress);
    checkScheduling(this.rules, props.scheduling);
    checkSpread(this.rules, props.spread);
    const minReady = props.minReady ?? Duration.seconds(5);
    const progressDeadline = props.progressDeadline ?? defaultProgressDeadline(props, minReady);
    const identity = resolveServiceAccount(this, this.rules, this.name, props.serviceAccount);
    this.serviceAccount = identity.created;

    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: { name: this.name },
      podMetadata: { labels },
      replicas: props.autoscaling ? undefined : replicas,
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(maxSurge),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      minReady,
      progressDeadline,
      terminationGracePeriod: shutdown.terminationGracePeriod,
      ...restrictedPodProps(props),
      ...identity.podProps,
    });

    const probes = buildProbes(props, props.port);
    const portName = props.portName ?? 'http';
    const main = addMainContainer(this, this.deployment, props, {
      name: this.name,
      instance: this.name,
      ports: [{ number: props.port, name: portName }, ...extraContainerPorts(props.ports)],
      readiness: probes.readiness,
      liveness: probes.liveness,
      startup: probes.startup,
      lifecycle: shutdown.preStop || props.postStart ? { preStop: shutdown.preStop, postStart: props.postStart?.toHandler(props.port) } : undefined,
    });
    this.container = main.container;
    addEnvSources(this, this.rules, this.deployment, this.container, props);
    this.configMap = main.configMap;
    this.qos = main.qos;
    const pod = composePod(this, this.deployment, this.rules, props, { main: this.container, instance: this.name, appStop: shutdown.appStop });
    this.initContainers = pod.initContainers;
    this.sidecars = pod.sidecars;
    setRevisionHistoryLimit(this.deployment, props.revisionHistoryLimit ?? 5);
    const selector = this.deployment.matchLabels;
    // Soft spread by default: never blocks scheduling; costs nothing at 1 replica and keeps scale-ups apart.
    setTopologySpread(this.deployment, topologySpread(selector, props.spread));
    applyScheduling(this.deployment, props.scheduling);
    applyPriorityClass(this.rules, this.deployment, props);

    const target = this.resolveTargetPort(props.targetPort ?? props.port, props.port);
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: this.name },
      selector: this.deployment,
      type: props.serviceType ?? kplus.ServiceType.CLUSTER_IP,
      // Named after the port it targets: a sidecar's port (a proxy) is not the app's `portName`.
      ports: [{ name: target.portName ?? portName, port: props.servicePort ?? target.number, targetPort: target.number, nodePort: props.nodePort }],
      loadBalancerSourceRanges: props.loadBalancerSourceRanges,
    });
    applyServiceExposure(this.service, props);
    if (target.name !== undefined) setServiceTargetPortName(this.service, 0, target.name);

    this.networkPolicy = addNetworkPolicy(this, this.deployment, { name: this.name, ports: [target.number, ...sharedPolicyPorts(props.ports)], ingressFrom: props.ingressFrom, egress: props.egress });
    exposeExtraPorts(this.service, this.networkPolicy, props.ports);
    if (props.ingress) {
      this.ingress = addIngress(this, this.name, this.service, props.servicePort ?? target.number, props.ingress);
      admitIngressController(this, this.networkPolicy, target.number, props.ingressFrom, props.ingress);
    }
    // Only a policy left without any ingress rule (no Ingress controller, no extra port's peers) needs the exemption.
    if (props.ingressFrom?.length === 0 && !props.ingress && !(props.ports ?? []).some(p => (p.ingressFrom?.length ?? 0) > 0)) {
      this.rules.suppress('polaris:missingNetworkPolicy', `ingressFrom is empty: NetworkPolicy '${this.name}' denies all ingress (no ingress rules), which Polaris counts as missing`);
    }
    if (props.autoscaling) this.autoscaler = addAutoscaler(this, this.rules, this.deployment, this.name, props.autoscaling);
    if (floor >= 2) {
      this.podDisruptionBudget = addDisruptionBudget(this, this.rules, this.name, selector, floor, props.disruption);
    } else {
      this.rules.suppress('polaris:missingPodDisruptionBudget', 'single replica: a PodDisruptionBudget would block node drains or protect nothing; set replicas >= 2 to get one');
    }

    applyMetadata(this, this.rules, this.deployment, props);
    labelAll(this, labels);
    this.rules.seal();
  }

  /** The QoS class Kubernetes will compute for the pods, from the synthesized pod spec. */
  public get qosClass(): QosClassName {
    return workloadQosClass(this.deployment);
  }

  /**
   * The container port the Service targets, failing (CKP809) unless the app or a sidecar declares it.
   * @param fallback the number to use when CKP809 is suppressed and a named target is undeclared
   */
  private resolveTargetPort(target: PortRef, fallback: number): { number: number; name?: string; portName?: string } {
    const ports = [this.container, ...this.sidecars].flatMap(c => c.ports.map(p => ({ ...p, container: c.name })));
    const found = ports.find(p => (typeof target === 'number' ? p.number === target && (p.protocol ?? kplus.Protocol.TCP) === kplus.Protocol.TCP : p.name === target));
    if (!found) {
      const declared = ports.map(p => `${p.name ? `'${p.name}' ` : ''}${p.number} (${p.container})`).join(', ');
      const shown = typeof target === 'string' ? `'${target}'` : String(target);
      this.rules.fail({
        field: 'targetPort',
        value: shown,
        ruleId: 'CKP809',
        problem: `targetPort ${shown} is not a port of the app or a sidecar (declared: ${declared})`,
        fix: 'target a declared port by name or number, or declare the port on the container that listens on it.',
      });
    }
    const name = typeof target === 'string' ? target : undefined;
    return { number: found?.number ?? (typeof target === 'number' ? target : fallback), name, portName: found?.name };
  }
}
