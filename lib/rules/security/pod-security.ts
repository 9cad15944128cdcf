import { containersOf, podSpecOf } from '../k8s';
import { K8sObject } from '../types';

/** The Pod Security Standards levels, weakest last. */
export type PssLevel = 'restricted' | 'baseline' | 'privileged';
const ORDER: readonly PssLevel[] = ['restricted', 'baseline', 'privileged'];

/** True when `needed` is weaker than `allowed` (the namespace would reject the pod). */
export function exceedsLevel(needed: PssLevel, allowed: PssLevel): boolean {
  return ORDER.indexOf(needed) > ORDER.indexOf(allowed);
}

/** A control of the Pod Security Standards the pod fails, and the weakest level that allows it. */
export interface PssViolation {
  readonly field: string;
  /** What the pod does, e.g. `runs as root (runAsNonRoot is not true)`. */
  readonly control: string;
  /** The level the pod needs for this control. */
  readonly needs: PssLevel;
}

/** Capabilities the baseline level lets a container add (Kubernetes 1.27). */
const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/**
 * The controls of the Pod Security Standards (v1.27) an object's pod fails: baseline controls need
 * `privileged`, restricted controls need `baseline`. Covers the controls our constructs can touch
 * and the common host and privilege ones; not AppArmor, SELinux, /proc mount or sysctls.
 */
export function podSecurityViolations(obj: K8sObject): PssViolation[] {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  const spec = pod.spec;
  const out: PssViolation[] = [];
  const p = pod.path;
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[host] === true) out.push({ field: `${p}.${host}`, control: `shares the host's namespaces (${host})`, needs: 'privileged' });
  }
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: any, i: number) => {
    if (v?.hostPath) out.push({ field: `${p}.volumes[${i}].hostPath`, control: `mounts a hostPath volume ('${v.name}')`, needs: 'privileged' });
    else if (v && !RESTRICTED_VOLUMES.some(t => t in v)) out.push({ field: `${p}.volumes[${i}]`, control: `uses a volume type the restricted level does not allow ('${v.name}')`, needs: 'baseline' });
  });
  const podSc = spec.securityContext ?? {};
  const podSeccomp = podSc.seccompProfile?.type;
  for (const c of containersOf(obj)) {
    const sc = c.container.securityContext ?? {};
    const where = `container '${c.name}'`;
    if (sc.privileged === true) out.push({ field: `${c.path}.securityContext.privileged`, control: `${where} runs privileged`, needs: 'privileged' });
    const add: string[] = (sc.capabilities?.add ?? []).map((x: string) => String(x).replace(/^CAP_/, ''));
    const beyondBaseline = add.filter(x => !BASELINE_CAPS.has(x));
    if (beyondBaseline.length) out.push({ field: `${c.path}.securityContext.capabilities.add`, control: `${where} adds ${beyondBaseline.join(', ')}`, needs: 'privileged' });
    (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((port: any, i: number) => {
      if (port?.hostPort) out.push({ field: `${c.path}.ports[${i}].hostPort`, control: `${where} binds host port ${port.hostPort}`, needs: 'privileged' });
    });
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp === 'Unconfined') out.push({ field: `${c.path}.securityContext.seccompProfile`, control: `${where} runs without seccomp`, needs: 'privileged' });
    else if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push({ field: `${p}.securityContext.seccompProfile`, control: `${where} sets no seccomp profile`, needs: 'baseline' });
    if (sc.allowPrivilegeEscalation !== false) out.push({ field: `${c.path}.securityContext.allowPrivilegeEscalation`, control: `${where} allows privilege escalation (setuid programs such as sudo)`, needs: 'baseline' });
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    const uid = sc.runAsUser ?? podSc.runAsUser;
    if (nonRoot !== true || uid === 0) out.push({ field: `${c.path}.securityContext.runAsNonRoot`, control: `${where} may run as root`, needs: 'baseline' });
    const drop: string[] = (sc.capabilities?.drop ?? []).map(String);
    if (!drop.includes('ALL')) out.push({ field: `${c.path}.securityContext.capabilities.drop`, control: `${where} keeps the runtime's default capabilities (does not drop ALL)`, needs: 'baseline' });
    const beyondRestricted = add.filter(x => x !== 'NET_BIND_SERVICE' && BASELINE_CAPS.has(x));
    if (beyondRestricted.length) out.push({ field: `${c.path}.securityContext.capabilities.add`, control: `${where} adds ${beyondRestricted.join(', ')}`, needs: 'baseline' });
  }
  return out;
}

/** The weakest level any control needs: the level a namespace must allow for the pod. */
export function requiredLevel(violations: readonly PssViolation[]): PssLevel {
  return violations.reduce<PssLevel>((lvl, v) => (exceedsLevel(v.needs, lvl) ? v.needs : lvl), 'restricted');
}
