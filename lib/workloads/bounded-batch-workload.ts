import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { instanceName, recommendedLabels, RecommendedLabelsProps } from '../pod/labels';
import { composePod, PodCompositionProps } from '../pod/composition';
import { addMainContainer, labelAll, MainContainerProps } from '../pod/main-container';
import { addNetworkPolicy, EgressProps } from '../pod/network-policy';
import { addEnvSources, EnvSourcesProps } from '../pod/env-sources';
import { applyMetadata, checkMetadata, MetadataProps } from '../pod/metadata';
import { applyScheduling, checkScheduling, SchedulingWorkloadProps } from '../pod/scheduling';
import { withHouseDefaults } from '../pod/house-defaults';
import { resolveServiceAccount, ServiceAccountWorkloadProps } from '../pod/service-account';
import { applyPriorityClass, PriorityProps } from '../pod/priority';
import { QosClass, workloadQosClass } from '../pod/resources';
import { QosClassName } from '../rules/qos';
import { restrictedPodProps } from '../pod/security';
import { Suppression } from '../rules/suppressions';
import { applyJobFields, JobBounds, JobBoundsProps, resolveJobBounds } from './job-bounds';

/** Props every batch construct takes: the main container, the job bounds, labels, scheduling and network. */
export interface BatchWorkloadProps
  extends MainContainerProps, JobBoundsProps, RecommendedLabelsProps, PriorityProps, EgressProps, EnvSourcesProps, MetadataProps, SchedulingWorkloadProps, ServiceAccountWorkloadProps,
  // No sidecars: a 1.27 sidecar never exits, so the Job would never complete (CKP614).
  Omit<PodCompositionProps, 'sidecars'> {
  /**
   * The name of every object and the `app.kubernetes.io/instance` label. A DNS-1123 label (rule CKP801)
   * of at most 63 characters, 52 for a CronJob (its Jobs get an 11-character suffix).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Rules accepted for this workload, each with its reason; written into the objects' annotations.
   * @default - none
   */
  readonly suppressions?: Suppression[];
}

/** The cdk8s-plus props a batch construct decides for its Job or CronJob. */
export type BatchResourceProps = Pick<kplus.JobProps, 'metadata' | 'podMetadata' | 'activeDeadline' | 'backoffLimit' | 'restartPolicy' | 'securityContext' | 'automountServiceAccountToken' | 'serviceAccount'>;

/** What differs between the batch constructs. */
export interface BatchKind<W extends kplus.Job | kplus.CronJob> {
  /** The construct type, for messages. */
  readonly constructType: string;
  /** The `app.kubernetes.io/component` label unless `component` is given. */
  readonly component: string;
  /** @default 63 */
  readonly maxNameLength?: number;
  /**
   * Checks the kind's own props through `guard` and creates the Job or CronJob (id `'Resource'`) under
   * `scope` from `common` plus those props.
   */
  readonly create: (scope: Construct, guard: RuleGuard, common: BatchResourceProps) => W;
  /** Checks every prop before anything is built (lib/validation). */
  readonly validate: (scope: Construct, props: unknown) => void;
}

/**
 * What {@link BoundedJob} and {@link BoundedCronJob} share: the construct around a cdk8s-plus Job or
 * CronJob with resolved job bounds, the main container, a NetworkPolicy that denies all ingress (batch
 * pods serve nothing) and allows DNS plus `egress`, the PriorityClass, recommended labels and the rules.
 */
export abstract class BoundedBatchWorkload<W extends kplus.Job | kplus.CronJob> extends Construct {
  /** The name of every object. */
  public readonly name: string;
  /** The main container. */
  public readonly container: kplus.Container;
  /** Denies all ingress; allows DNS and `egress`. */
  public readonly networkPolicy: kplus.NetworkPolicy;
  /** Present when `config` has keys. */
  public readonly configMap?: kplus.ConfigMap;
  /** The declared QoS class. */
  /** The init containers, in run order. */
  public readonly initContainers: kplus.Container[];
  /** The declared QoS class. */
  public readonly qos: QosClass;
  /** The resolved deadline, retries and failure handling. */
  public readonly bounds: JobBounds;
  /** The rules run over this construct's objects at synth, and its suppressions. */
  public readonly rules: RuleGuard;
  /** The Job or CronJob. */
  protected readonly workload: W;

  protected constructor(scope: Construct, id: string, props: BatchWorkloadProps, kind: BatchKind<W>) {
    super(scope, id);
    props = withHouseDefaults(this, props);
    kind.validate(this, props);
    this.rules = new RuleGuard(this, kind.constructType, props.suppressions);
    this.name = instanceName(this.rules, id, props.name, kind.maxNameLength);
    this.bounds = resolveJobBounds(props, this.rules);
    const labels = recommendedLabels(this.name, props.image, props, kind.component);
    checkMetadata(this.rules, props, labels);
    checkScheduling(this.rules, props.scheduling);
    const identity = resolveServiceAccount(this, this.rules, this.name, props.serviceAccount);
    this.workload = kind.create(this, this.rules, {
      metadata: { name: this.name },
      podMetadata: { labels },
      activeDeadline: this.bounds.activeDeadline,
      backoffLimit: this.bounds.backoffLimit,
      restartPolicy: this.bounds.restartPolicy,
      ...restrictedPodProps(props),
      ...identity.podProps,
    });
    const main = addMainContainer(this, this.workload, props, { name: this.name, instance: this.name });
    this.container = main.container;
    addEnvSources(this, this.rules, this.workload, this.container, props);
    this.configMap = main.configMap;
    const sidecars = (props as PodCompositionProps).sidecars;
    if (sidecars?.length) {
      // Not a prop in TypeScript; a JavaScript caller still gets told rather than silently ignored.
      this.rules.fail({
        field: 'sidecars',
        value: sidecars.map(x => `'${x.name}'`).join(', '),
        ruleId: 'CKP614',
        problem: 'has sidecars, but a sidecar never exits in Kubernetes 1.27, so the Job would never complete',
        fix: 'run the sidecar\'s work in an init container or in the main container, or suppress CKP614 if it exits on its own.',
      });
    }
    this.initContainers = composePod(this, this.workload, this.rules, props, { main: this.container, instance: this.name }).initContainers;
    this.qos = main.qos;
    applyJobFields(this.workload, this.name, this.bounds, props);
    applyPriorityClass(this.rules, this.workload, props);
    this.networkPolicy = addNetworkPolicy(this, this.workload, { name: this.name, ports: [], egress: props.egress });
    this.rules.suppress('polaris:missingNetworkPolicy', `the pods serve nothing, so NetworkPolicy '${this.name}' denies all ingress (no ingress rules) and allows only DNS and the declared egress; Polaris counts only policies with ingress rules`);
    applyScheduling(this.workload, props.scheduling);
    applyMetadata(this, this.rules, this.workload, props);
    labelAll(this, labels);
    this.rules.seal();
  }

  /** The QoS class Kubernetes will compute for the pods, from the synthesized pod spec. */
  public get qosClass(): QosClassName {
    return workloadQosClass(this.workload);
  }
}
