import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../plus';
import { CAPABILITY_ALL, setPodSeccompRuntimeDefault } from '../plus-gaps';

/** The identity a restricted container runs as. */
export interface RunAsProps {
  /**
   * The UID the containers run as (non-zero: the restricted Pod Security Standard).
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * The GID the containers run as, also the pod's fsGroup (volumes are group-writable).
   * @default 10001
   */
  readonly runAsGroup?: number;
}

/** Default UID/GID: above the range distributions use for system users. */
export const DEFAULT_UID = 10001;

/**
 * The container security context of the restricted Pod Security Standard: non-root with an explicit
 * UID/GID, no privilege escalation, every capability dropped, read-only root filesystem.
 */
export function restrictedContainerSecurity(props: RunAsProps = {}): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: props.runAsUser ?? DEFAULT_UID,
    group: props.runAsGroup ?? DEFAULT_UID,
    privileged: false,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: [CAPABILITY_ALL] },
  };
}

/** The pod-level part: non-root, fsGroup, no service account token. */
export function restrictedPodProps(props: RunAsProps = {}): Pick<kplus.PodProps, 'securityContext' | 'automountServiceAccountToken'> {
  return {
    securityContext: {
      ensureNonRoot: true,
      user: props.runAsUser ?? DEFAULT_UID,
      group: props.runAsGroup ?? DEFAULT_UID,
      fsGroup: props.runAsGroup ?? DEFAULT_UID,
    },
    // Most apps never call the API server; a mounted token is only something to steal.
    automountServiceAccountToken: false,
  };
}

/**
 * Finishes a restricted workload: seccomp RuntimeDefault on the pod, and a size-limited emptyDir at
 * /tmp in `container`, since the root filesystem is read-only and apps still write temp files.
 */
export function applyRestrictedPod(scope: Construct, workload: kplus.Workload, container: kplus.Container, tmpSize?: Size): void {
  setPodSeccompRuntimeDefault(workload);
  container.mount('/tmp', kplus.Volume.fromEmptyDir(scope, 'Tmp', 'tmp', { sizeLimit: tmpSize ?? Size.mebibytes(64) }));
}
