import * as kplus from '../plus';
import { CAPABILITY_ALL } from '../plus-gaps';
import { Suppression } from '../rules/suppressions';
import { DEFAULT_UID, restrictedContainerSecurity, restrictedPodProps, RunAsProps } from './security';

/** One way a security profile departs from the restricted Pod Security Standard. */
export enum Relaxation {
  /** UID 0, `runAsNonRoot: false`. */
  RUN_AS_ROOT = 'runAsRoot',
  /** `readOnlyRootFilesystem: false`. */
  WRITABLE_ROOT_FILESYSTEM = 'writableRootFilesystem',
  /** Capabilities beyond none: a listed `add`, or the container runtime's default set (nothing dropped). */
  CAPABILITIES = 'capabilities',
  /** `allowPrivilegeEscalation: true`, so setuid programs such as sudo work. */
  PRIVILEGE_ESCALATION = 'privilegeEscalation',
}

/**
 * The checks each relaxation breaks, exempted with the relaxation's reason. Data, so a rule that
 * covers the same ground (a CKP7xx security rule) is one more id in its list.
 */
export const RELAXATION_CHECKS: Record<Relaxation, readonly string[]> = {
  [Relaxation.RUN_AS_ROOT]: ['polaris:runAsRootAllowed'],
  [Relaxation.WRITABLE_ROOT_FILESYSTEM]: ['polaris:notReadOnlyRootFilesystem'],
  // Polaris passes `drop: [ALL]` whatever is added back; the exemption still records why the
  // capabilities on its insecure list are there.
  [Relaxation.CAPABILITIES]: ['polaris:insecureCapabilities'],
  [Relaxation.PRIVILEGE_ESCALATION]: ['polaris:privilegeEscalationAllowed'],
};

/** A relaxation and why the profile needs it. */
export interface RelaxationReason {
  readonly relaxation: Relaxation;
  readonly reason: string;
}

/** What sshd needs besides root: bind port 22, chroot its privilege-separated child, switch to the user, own the pty, audit the login. */
export const SSHD_CAPABILITIES: readonly kplus.Capability[] = [
  kplus.Capability.AUDIT_WRITE, kplus.Capability.CHOWN, kplus.Capability.DAC_OVERRIDE, kplus.Capability.FOWNER, kplus.Capability.KILL,
  kplus.Capability.NET_BIND_SERVICE, kplus.Capability.SETGID, kplus.Capability.SETUID, kplus.Capability.SYS_CHROOT,
];

/**
 * A capability as Kubernetes writes it: cdk8s-plus-27's enum values carry a `CAP_` prefix, which
 * the Pod Security Standards' allow-lists (`CHOWN`, not `CAP_CHOWN`) do not match.
 */
function capabilityName(c: kplus.Capability): kplus.Capability {
  // Not a string (plain JS): kept as given, for the construct to refuse with its path (CKP830).
  return (typeof c === 'string' ? c.replace(/^CAP_/, '') : c) as kplus.Capability;
}

/** Options of {@link DevSecurity.sshdAsRoot}. */
export interface SshdAsRootOptions {
  /**
   * The developer logs in as an ordinary user and uses sudo: allows privilege escalation (setuid).
   * @default false
   */
  readonly sudo?: boolean;
  /**
   * Capabilities to add besides {@link SSHD_CAPABILITIES}, e.g. `SETFCAP` for installing packages that carry file capabilities.
   * @default - none
   */
  readonly addCapabilities?: kplus.Capability[];
}

const REASONS = {
  sshdRoot: 'sshd must start as root: it reads the host keys, binds the ssh port and switches to the user who logs in',
  devRootFs: 'a development box changes its own system (packages, /etc, /run/sshd); work that must survive a restart belongs on the workspace volume',
  sshdCaps: 'sshd needs these to bind the ssh port, chroot its privilege-separated child, switch to the login user, own the session pty and audit the login; all others stay dropped',
  sudo: 'the developer logs in as an ordinary user and runs sudo, a setuid program that no_new_privs (allowPrivilegeEscalation: false) would break',
  shellRoot: 'packages are installed with apt/dnf inside the pod (the seed\'s workflow), which needs root',
  shellRootFs: 'apt/dnf write /usr, /var and /etc; work that must survive a restart belongs on the workspace volume',
  shellCaps: 'package managers need the runtime\'s default capabilities (chown and fowner to unpack files, setuid/setgid for their sandbox user)',
};

/**
 * The security profile of a {@link DevContainer}, by name. Every way it departs from the restricted
 * Pod Security Standard is a {@link Relaxation} with a reason, written into the objects as the
 * suppressions of {@link RELAXATION_CHECKS}, so the YAML and `policy-check` show each one.
 */
export class DevSecurity {
  /** The library's restricted profile: non-root, read-only root filesystem (an emptyDir at /tmp), no capabilities. */
  public static restricted(runAs: RunAsProps = {}): DevSecurity {
    return new DevSecurity('restricted', [], runAs);
  }

  /**
   * For a box reached over ssh: sshd runs as root with the capabilities it needs (all others
   * dropped) on a writable root filesystem; with `sudo`, setuid programs work in the sessions.
   */
  public static sshdAsRoot(options: SshdAsRootOptions = {}): DevSecurity {
    const relaxations: RelaxationReason[] = [
      { relaxation: Relaxation.RUN_AS_ROOT, reason: REASONS.sshdRoot },
      { relaxation: Relaxation.WRITABLE_ROOT_FILESYSTEM, reason: REASONS.devRootFs },
      { relaxation: Relaxation.CAPABILITIES, reason: REASONS.sshdCaps + (options.addCapabilities?.length ? `; also ${options.addCapabilities.map(capabilityName).join(', ')}` : '') },
    ];
    if (options.sudo) relaxations.push({ relaxation: Relaxation.PRIVILEGE_ESCALATION, reason: REASONS.sudo });
    return new DevSecurity('sshdAsRoot', relaxations, {}, [...SSHD_CAPABILITIES, ...(options.addCapabilities ?? [])].map(capabilityName));
  }

  /**
   * For an interactive pod where packages are installed by hand (seed 003's `apt install`): root, a
   * writable root filesystem and the container runtime's default capabilities.
   */
  public static rootShell(): DevSecurity {
    return new DevSecurity('rootShell', [
      { relaxation: Relaxation.RUN_AS_ROOT, reason: REASONS.shellRoot },
      { relaxation: Relaxation.WRITABLE_ROOT_FILESYSTEM, reason: REASONS.shellRootFs },
      { relaxation: Relaxation.CAPABILITIES, reason: REASONS.shellCaps },
    ], {});
  }

  private constructor(
    /** The profile's name. */
    public readonly name: string,
    /** Every relaxation, with its reason. */
    public readonly relaxations: readonly RelaxationReason[],
    private readonly runAs: RunAsProps,
    /** Capabilities added back after dropping ALL; undefined keeps the runtime's default set. */
    private readonly addCapabilities?: readonly kplus.Capability[],
  ) {}

  /** True when the profile is the restricted one, with nothing relaxed. */
  public get isRestricted(): boolean {
    return this.relaxations.length === 0;
  }

  /** The suppressions the relaxations carry: one per check of {@link RELAXATION_CHECKS}, with the relaxation's reason. */
  public suppressions(): Suppression[] {
    return this.relaxations.flatMap(r => RELAXATION_CHECKS[r.relaxation].map(id => ({ id, reason: r.reason })));
  }

  /**
   * The pod-level props.
   * @param fsGroup the GID that owns mounted volumes (the workspace)
   */
  public podProps(fsGroup?: number): Pick<kplus.PodProps, 'securityContext' | 'automountServiceAccountToken'> {
    if (this.isRestricted) {
      const pod = restrictedPodProps(this.runAs);
      return fsGroup === undefined ? pod : { ...pod, securityContext: { ...pod.securityContext, fsGroup } };
    }
    return {
      securityContext: { ensureNonRoot: !this.has(Relaxation.RUN_AS_ROOT), user: this.user, group: this.user, fsGroup },
      // sshd and shells never call the API server; a mounted token is only something to steal.
      automountServiceAccountToken: false,
    };
  }

  /** The container security context, or undefined for the restricted one (addMainContainer's default). */
  public containerSecurity(): kplus.ContainerSecurityContextProps | undefined {
    if (this.isRestricted) return undefined;
    const restricted = restrictedContainerSecurity();
    return {
      ...restricted,
      ensureNonRoot: !this.has(Relaxation.RUN_AS_ROOT),
      user: this.user,
      group: this.user,
      readOnlyRootFilesystem: !this.has(Relaxation.WRITABLE_ROOT_FILESYSTEM),
      allowPrivilegeEscalation: this.has(Relaxation.PRIVILEGE_ESCALATION),
      capabilities: !this.has(Relaxation.CAPABILITIES) ? restricted.capabilities
        : this.addCapabilities ? { drop: [CAPABILITY_ALL], add: [...this.addCapabilities] } : undefined,
    };
  }

  private get user(): number {
    return this.has(Relaxation.RUN_AS_ROOT) ? 0 : DEFAULT_UID;
  }

  private has(r: Relaxation): boolean {
    return this.relaxations.some(x => x.relaxation === r);
  }
}
