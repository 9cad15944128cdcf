import { Chart, Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { formatProblem } from '../errors';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { removeNamespace } from '../plus-gaps';
import { Relaxation } from '../pod/dev-security';
import { exceedsLevel, PssLevel } from '../rules/security/pod-security';
import { dnsLabelProblem } from '../rules/objects/names';

/** The Pod Security Standards levels. */
export enum PodSecurityLevel {
  /** Non-root, no privilege escalation, all capabilities dropped, seccomp, restricted volume types. */
  RESTRICTED = 'restricted',
  /** Blocks known privilege escalations (host namespaces, privileged, hostPath) but allows root. */
  BASELINE = 'baseline',
  /** Anything goes. */
  PRIVILEGED = 'privileged',
}

/** Defaults for containers that give no resources (ours always do; hand-written pods may not). */
export interface LimitRangeProps {
  /** @default { cpu: 100m, memory: 128Mi } */
  readonly defaultRequest?: { readonly cpu: kplus.Cpu; readonly memory: Size };
  /** @default { cpu: 500m, memory: 512Mi } */
  readonly defaultLimit?: { readonly cpu: kplus.Cpu; readonly memory: Size };
}

/** Totals the namespace may not exceed (a ResourceQuota). */
export interface QuotaProps {
  /** Sum of cpu requests. */
  readonly requestsCpu: kplus.Cpu;
  /** Sum of memory requests. */
  readonly requestsMemory: Size;
  /** @default - equal to requestsCpu */
  readonly limitsCpu?: kplus.Cpu;
  /** @default - equal to requestsMemory */
  readonly limitsMemory?: Size;
  /** @default - no limit on the number of pods */
  readonly pods?: number;
}

/** Props of {@link SecureNamespace}. */
export interface SecureNamespaceProps {
  /**
   * The namespace's name, a DNS-1123 label (rule CKP801).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The Pod Security level the API server enforces (pods that break it are rejected).
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly enforce?: PodSecurityLevel;
  /**
   * The level recorded in the audit log and returned as warnings to `kubectl` (may be stricter than enforce).
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly auditAndWarn?: PodSecurityLevel;
  /**
   * The Pod Security Standards version the levels mean, pinned so a cluster upgrade does not tighten them silently.
   * @default 'v1.27'
   */
  readonly version?: string;
  /**
   * Defaults for containers without resources.
   * @default - 100m/128Mi requests, 500m/512Mi limits
   */
  readonly limitRange?: LimitRangeProps;
  /**
   * A ResourceQuota on the namespace's total requests and limits.
   * @default - none
   */
  readonly quota?: QuotaProps;
}

const LEVELS = new WeakMap<IConstruct, Map<string, PodSecurityLevel>>();

/** The level each DevContainer relaxation needs (a writable root filesystem is not a Pod Security control). */
export const RELAXATION_LEVEL: Record<Relaxation, PssLevel> = {
  [Relaxation.RUN_AS_ROOT]: 'baseline',
  [Relaxation.PRIVILEGE_ESCALATION]: 'baseline',
  [Relaxation.CAPABILITIES]: 'baseline',
  [Relaxation.WRITABLE_ROOT_FILESYSTEM]: 'restricted',
};

/**
 * A namespace made safe by default: the Pod Security Standard enforced (restricted unless chosen,
 * audit and warn too, pinned to v1.27), a default-deny NetworkPolicy for both directions (each
 * workload's own policy opens what it needs), a LimitRange with container defaults and an optional
 * ResourceQuota. Constructs in a chart whose namespace is this one are checked against its level.
 */
export class SecureNamespace extends Construct {
  /** Where the enforced level of a namespace is looked up by the constructs in it. */
  public static enforcedLevel(scope: IConstruct): PodSecurityLevel | undefined {
    const ns = Chart.of(scope).namespace;
    return ns === undefined ? undefined : LEVELS.get(scope.node.root)?.get(ns);
  }

  public readonly name: string;
  public readonly namespace: kplus.Namespace;
  public readonly defaultDeny: kplus.k8s.KubeNetworkPolicy;
  public readonly limitRange: kplus.k8s.KubeLimitRange;
  public readonly quota?: kplus.k8s.KubeResourceQuota;
  public readonly enforce: PodSecurityLevel;
  public readonly rules: RuleGuard;

  constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    super(scope, id);
    this.rules = new RuleGuard(this, 'SecureNamespace');
    this.name = props.name ?? id;
    const problem = dnsLabelProblem(this.name);
    if (problem) this.rules.fail({ field: 'name', value: `'${this.name}'`, ruleId: 'CKP801', problem: `name '${this.name}' ${problem}`, fix: 'name the namespace with a DNS-1123 label, e.g. \'shop-production\'.' });
    const version = props.version ?? 'v1.27';
    if (!/^(v1\.\d+|latest)$/.test(version)) this.rules.fail({ field: 'version', value: version, ruleId: 'CKP840', problem: `version '${version}' is not 'v1.<minor>' or 'latest'`, fix: 'use \'v1.27\'.' });
    this.enforce = props.enforce ?? PodSecurityLevel.RESTRICTED;
    const audit = props.auditAndWarn ?? PodSecurityLevel.RESTRICTED;
    const own = { 'app.kubernetes.io/name': this.name, 'app.kubernetes.io/instance': this.name, 'app.kubernetes.io/managed-by': 'cdk8s-patterns' };
    const labels: Record<string, string> = { ...own };
    for (const [mode, level] of [['enforce', this.enforce], ['audit', audit], ['warn', audit]] as const) {
      labels[`pod-security.kubernetes.io/${mode}`] = level;
      labels[`pod-security.kubernetes.io/${mode}-version`] = version;
    }
    this.namespace = new kplus.Namespace(this, 'Resource', { metadata: { name: this.name, labels } });
    if (Chart.of(this).namespace !== undefined) removeNamespace(this.namespace);
    const metadata = (name: string) => ({ name, namespace: this.name, labels: own });

    this.defaultDeny = new kplus.k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: metadata('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const req = props.limitRange?.defaultRequest ?? { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(128) };
    const lim = props.limitRange?.defaultLimit ?? { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(512) };
    const q = (cpu: kplus.Cpu, memory: Size) => ({ cpu: kplus.k8s.Quantity.fromString(cpu.amount), memory: kplus.k8s.Quantity.fromString(memory.asString()) });
    this.limitRange = new kplus.k8s.KubeLimitRange(this, 'Limits', {
      metadata: metadata('container-defaults'),
      spec: { limits: [{ type: 'Container', defaultRequest: q(req.cpu, req.memory), default: q(lim.cpu, lim.memory) }] },
    });
    if (props.quota) {
      const quota = props.quota;
      if (quota.pods !== undefined && (!Number.isInteger(quota.pods) || quota.pods < 1)) this.rules.fail({ field: 'quota.pods', value: String(quota.pods), ruleId: 'CKP840', problem: `quota.pods (${quota.pods}) must be a whole number of at least 1`, fix: 'allow at least as many pods as the workloads run at their most, plus a rollout\'s surge.' });
      const hard: Record<string, kplus.k8s.Quantity> = {
        'requests.cpu': kplus.k8s.Quantity.fromString(quota.requestsCpu.amount),
        'requests.memory': kplus.k8s.Quantity.fromString(quota.requestsMemory.asString()),
        'limits.cpu': kplus.k8s.Quantity.fromString((quota.limitsCpu ?? quota.requestsCpu).amount),
        'limits.memory': kplus.k8s.Quantity.fromString((quota.limitsMemory ?? quota.requestsMemory).asString()),
      };
      if (quota.pods !== undefined) hard.pods = kplus.k8s.Quantity.fromNumber(quota.pods);
      this.quota = new kplus.k8s.KubeResourceQuota(this, 'Quota', { metadata: metadata('quota'), spec: { hard } });
    }
    let levels = LEVELS.get(this.node.root);
    if (!levels) LEVELS.set(this.node.root, levels = new Map());
    if (levels.has(this.name)) this.rules.fail({ field: 'name', value: `'${this.name}'`, ruleId: 'CKP801', problem: `namespace '${this.name}' is declared twice in this app`, fix: 'declare each namespace once.' });
    levels.set(this.name, this.enforce);
    this.rules.seal();
  }
}

/**
 * Adds a synth-time check (CKP731) that `relaxations` fit the Pod Security level enforced on the
 * namespace of the chart `scope` is in, naming each relaxation that needs a weaker level.
 */
export function checkRelaxationsFitNamespace(scope: Construct, guard: RuleGuard, profile: string, relaxations: readonly Relaxation[]): void {
  scope.node.addValidation({
    validate: () => {
      const enforced = SecureNamespace.enforcedLevel(scope);
      if (enforced === undefined || guard.isSuppressed('CKP731')) return [];
      const over = relaxations.filter(r => exceedsLevel(RELAXATION_LEVEL[r], enforced));
      if (over.length === 0) return [];
      const needs = over.map(r => `${r} needs '${RELAXATION_LEVEL[r]}'`).join(', ');
      return [formatProblem({
        construct: guard.constructType, path: scope.node.path, field: 'security', value: profile, ruleId: 'CKP731',
        problem: `security profile ${profile} cannot run in namespace '${Chart.of(scope).namespace}', which enforces Pod Security level '${enforced}': ${needs}`,
        fix: `use DevSecurity.restricted(), or deploy the box to a namespace that enforces '${over.map(r => RELAXATION_LEVEL[r]).includes('privileged') ? 'privileged' : 'baseline'}'.`,
      })];
    },
  });
}
