import { Duration } from 'cdk8s';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { fmtSeconds } from '../rules/k8s';
import { actionFields, plusPort, PortRef, withActionFields } from './handler-extras';
import { shellJoin } from './lifecycle';

type PreStopKind =
  | { readonly type: 'sleep' }
  | { readonly type: 'http'; readonly path: string; readonly port?: PortRef }
  | { readonly type: 'exec'; readonly command: readonly string[]; readonly maxDuration: Duration }
  | { readonly type: 'none' };

/**
 * What holds the container between "pod is terminating" and SIGTERM, so that endpoints are
 * removed from every node before the app stops accepting connections.
 */
export class PreStop {
  /** `exec: [sleep, <preStopDelay>]`. Needs a `sleep` binary in the image (busybox, coreutils). */
  public static sleep(): PreStop {
    return new PreStop({ type: 'sleep' });
  }

  /**
   * An HTTP GET to the app itself, for images without a shell or `sleep`. The app should answer
   * after waiting `preStopDelay` (the hook blocks SIGTERM until it returns).
   */
  public static httpGet(path: string, options: { port?: PortRef } = {}): PreStop {
    return new PreStop({ type: 'http', path, port: options.port });
  }

  /**
   * Your command (e.g. deregister from a service registry), then the `preStopDelay` sleep:
   * `sh -c '<command>; sleep <preStopDelay>'`. The command composes with the delay and never replaces
   * it; it runs first so that nothing new is routed to the pod while it waits. Needs `sh` and `sleep`
   * in the image.
   * @param options.maxDuration the longest the command takes, added to the grace period (not enforced:
   *   a slower command delays SIGTERM and eats into the drain). Default 5s.
   */
  public static exec(command: string[], options: { maxDuration?: Duration } = {}): PreStop {
    return new PreStop({ type: 'exec', command: [...command], maxDuration: options.maxDuration ?? Duration.seconds(5) });
  }

  /**
   * No hook: SIGTERM arrives while endpoints still point at the pod. Requires suppressing CKP302
   * with a reason (e.g. the app keeps serving for a while after SIGTERM by itself).
   */
  public static none(): PreStop {
    return new PreStop({ type: 'none' });
  }

  private constructor(public readonly kind: PreStopKind) {}
}

/** How a container stops gracefully. */
export interface ShutdownProps {
  /**
   * How long the preStop hook waits before SIGTERM, for kube-proxy and load balancers to stop sending
   * new connections to the pod.
   * @default Duration.seconds(5)
   */
  readonly preStopDelay?: Duration;
  /**
   * How long the app needs after SIGTERM to finish in-flight work and exit.
   * @default Duration.seconds(20)
   */
  readonly drainTimeout?: Duration;
  /**
   * The pod's terminationGracePeriodSeconds: must cover preStopDelay + drainTimeout + a 5s margin
   * (rule CKP301).
   * @default - preStopDelay + drainTimeout + 5s
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * The preStop hook.
   * @default PreStop.sleep()
   */
  readonly preStop?: PreStop;
}

/** Slack between the end of the drain and SIGKILL. */
export const SHUTDOWN_MARGIN = Duration.seconds(5);

/** The resolved shutdown: the grace period and the hook. */
export interface ShutdownPlan {
  readonly preStopDelay: Duration;
  readonly drainTimeout: Duration;
  readonly terminationGracePeriod: Duration;
  /** The longest from pod deletion until the app has exited: its preStop hook plus drainTimeout. */
  readonly appStop: Duration;
  readonly preStop?: kplus.Handler;
}

/** A container that stops only after the app has exited (a sidecar), with its own drain. */
export interface StopsAfterApp {
  /** The container name, for messages. */
  readonly name: string;
  /** How long it needs after SIGTERM. */
  readonly drainTimeout: Duration;
}

/**
 * Resolves the shutdown props, failing through `guard` when the grace period cannot cover them.
 * @param port the served port, the default target of `PreStop.httpGet`
 * @param after containers that get SIGTERM only once the app has exited (sidecars): the grace period
 *   covers the longest of their drains too
 */
export function planShutdown(props: ShutdownProps, guard: RuleGuard, port?: PortRef, after: readonly StopsAfterApp[] = []): ShutdownPlan {
  const preStopDelay = props.preStopDelay ?? Duration.seconds(5);
  const drainTimeout = props.drainTimeout ?? Duration.seconds(20);
  const kind = (props.preStop ?? PreStop.sleep()).kind;
  const command = kind.type === 'exec' ? kind.maxDuration.toSeconds() : 0;
  const appStop = command + preStopDelay.toSeconds() + drainTimeout.toSeconds();
  const last = after.reduce<StopsAfterApp | undefined>((a, b) => (a && a.drainTimeout.toSeconds() >= b.drainTimeout.toSeconds() ? a : b), undefined);
  const needed = appStop + (last?.drainTimeout.toSeconds() ?? 0) + SHUTDOWN_MARGIN.toSeconds();
  const grace = props.terminationGracePeriod ?? Duration.seconds(needed);
  if (grace.toSeconds() < needed) {
    const parts = [
      ...(kind.type === 'exec' ? [`the preStop command (${fmtSeconds(command)})`] : []),
      `preStopDelay (${fmtSeconds(preStopDelay.toSeconds())})`,
      `drainTimeout (${fmtSeconds(drainTimeout.toSeconds())})`,
      ...(last ? [`sidecar '${last.name}' drainTimeout (${fmtSeconds(last.drainTimeout.toSeconds())})`] : []),
      `${fmtSeconds(SHUTDOWN_MARGIN.toSeconds())} margin`,
    ];
    guard.fail({
      field: 'terminationGracePeriod',
      value: fmtSeconds(grace.toSeconds()),
      ruleId: 'CKP301',
      problem: `terminationGracePeriod (${fmtSeconds(grace.toSeconds())}) does not cover ${parts.join(' + ')}: the ${last ? 'pod' : 'app'} is SIGKILLed mid-drain`,
      fix: `raise terminationGracePeriod to at least ${fmtSeconds(needed)}, or leave it out to have it computed.`,
    });
  }
  let preStop: kplus.Handler | undefined;
  switch (kind.type) {
    case 'sleep':
      preStop = kplus.Handler.fromCommand(['sleep', String(preStopDelay.toSeconds())]);
      break;
    case 'exec':
      preStop = kplus.Handler.fromCommand(['sh', '-c', `${shellJoin(kind.command)}; sleep ${preStopDelay.toSeconds()}`]);
      break;
    case 'http': {
      const target = kind.port ?? port;
      preStop = withActionFields(kplus.Handler.fromHttpGet(kind.path, { port: plusPort(target) }), actionFields('httpGet', target));
      break;
    }
    case 'none':
      guard.fail({
        field: 'preStop',
        value: 'PreStop.none()',
        ruleId: 'CKP302',
        problem: 'has no preStop hook: SIGTERM arrives while Services still route new connections to the pod, so they fail during every rollout',
        fix: 'use PreStop.sleep() or PreStop.httpGet(...), or suppress CKP302 with the reason the app tolerates it.',
      });
      break;
  }
  return { preStopDelay, drainTimeout, terminationGracePeriod: grace, appStop: Duration.seconds(appStop), preStop };
}
