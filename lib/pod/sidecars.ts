import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { addSpecContainer, ContainerSpecProps } from './extra-container';
import { LifecycleProps, shellJoin } from './lifecycle';
import { buildProbes, checkWholeSeconds, HealthCheck } from './probes';
import { RunAsProps } from './security';
import { StopsAfterApp } from './shutdown';
import { PodVolumes } from './volumes';

/**
 * A sidecar: a container beside the app for the pod's whole life, e.g. a rate-limiting proxy in front
 * of it. Kubernetes 1.27 has no native sidecars, so it is a regular container: its resources count
 * in the pod's QoS class, its probes gate the pod's readiness, and it must outlive the app on
 * shutdown: its preStop waits until the app has drained (rule CKP303), then it gets SIGTERM.
 */
export interface SidecarProps extends ContainerSpecProps, LifecycleProps {
  /**
   * Ports it serves. Containers of a pod share one network namespace: no two may declare the same
   * port and protocol (rule CKP806).
   * @default - none
   */
  readonly ports?: kplus.ContainerPort[];
  /**
   * When it is ready; the pod gets traffic only when every container is ready. Also the default
   * liveness check and the startup probe, as for the app.
   */
  readonly readiness: HealthCheck;
  /**
   * When it must be restarted.
   * @default - the readiness check with lenient liveness timing (period 10s, timeout 5s, 6 failures)
   */
  readonly liveness?: HealthCheck;
  /**
   * The longest it may take to start (a startup probe, every 5s).
   * @default Duration.seconds(60)
   */
  readonly startupTimeout?: Duration;
  /**
   * How long it needs after SIGTERM to exit; added to the pod's terminationGracePeriod after the app's
   * own shutdown.
   * @default Duration.seconds(5)
   */
  readonly drainTimeout?: Duration;
  /**
   * A command run when the pod stops, once the app has drained and before SIGTERM:
   * `sh -c 'sleep <app stop>; <command>'` (needs `sh` in the image). It adds to the wait, never
   * replaces it; it must finish within `drainTimeout`.
   * @default - none: the preStop only waits (`sleep <app stop>`)
   */
  readonly preStopCommand?: string[];
}

/** The default drainTimeout of a sidecar. */
export const DEFAULT_SIDECAR_DRAIN = Duration.seconds(5);

/** What the grace period must cover for these sidecars, which stop after the app. */
export function sidecarStops(sidecars: readonly SidecarProps[] = []): StopsAfterApp[] {
  return sidecars.map(s => ({ name: s.name, drainTimeout: s.drainTimeout ?? DEFAULT_SIDECAR_DRAIN }));
}

/**
 * A sidecar's preStop: wait until the app has stopped, then run `command` if any. Without an app to
 * outlive (`appStop` undefined) only the command runs.
 */
export function sidecarPreStop(appStop: Duration | undefined, command?: readonly string[]): kplus.Handler | undefined {
  if (appStop === undefined) return command ? kplus.Handler.fromCommand([...command]) : undefined;
  const wait = String(appStop.toSeconds());
  return command
    ? kplus.Handler.fromCommand(['sh', '-c', `sleep ${wait}; ${shellJoin(command)}`])
    : kplus.Handler.fromCommand(['sleep', wait]);
}

/** Adds one sidecar to `workload`, after the app container. */
export function addSidecar(scope: Construct, workload: kplus.Workload, guard: RuleGuard, spec: SidecarProps, opts: { field: string; volumes: PodVolumes; runAs: RunAsProps; appStop?: Duration }): kplus.Container {
  checkWholeSeconds(guard, `${opts.field}.readiness`, spec.readiness);
  if (spec.liveness) checkWholeSeconds(guard, `${opts.field}.liveness`, spec.liveness);
  const port = spec.ports?.[0]?.number;
  const probes = buildProbes(spec, port);
  const preStop = sidecarPreStop(opts.appStop, spec.preStopCommand);
  const postStart = spec.postStart?.toHandler(port);
  return addSpecContainer(scope, workload, spec, {
    init: false,
    field: opts.field,
    volumes: opts.volumes,
    runAs: opts.runAs,
    ports: spec.ports,
    readiness: probes.readiness,
    liveness: probes.liveness,
    startup: probes.startup,
    lifecycle: preStop || postStart ? { preStop, postStart } : undefined,
  });
}
