import { Duration } from 'cdk8s';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { fmtSeconds } from '../rules/k8s';

type PreStopKind =
  | { readonly type: 'sleep' }
  | { readonly type: 'http'; readonly path: string; readonly port?: number }
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
  public static httpGet(path: string, options: { port?: number } = {}): PreStop {
    return new PreStop({ type: 'http', path, port: options.port });
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
  readonly preStop?: kplus.Handler;
}

/**
 * Resolves the shutdown props, failing through `guard` when the grace period cannot cover them.
 * @param port the served port, the default target of `PreStop.httpGet`
 */
export function planShutdown(props: ShutdownProps, guard: RuleGuard, port?: number): ShutdownPlan {
  const preStopDelay = props.preStopDelay ?? Duration.seconds(5);
  const drainTimeout = props.drainTimeout ?? Duration.seconds(20);
  const needed = preStopDelay.toSeconds() + drainTimeout.toSeconds() + SHUTDOWN_MARGIN.toSeconds();
  const grace = props.terminationGracePeriod ?? Duration.seconds(needed);
  if (grace.toSeconds() < needed) {
    guard.fail({
      field: 'terminationGracePeriod',
      value: fmtSeconds(grace.toSeconds()),
      ruleId: 'CKP301',
      problem: `terminationGracePeriod (${fmtSeconds(grace.toSeconds())}) does not cover preStopDelay (${fmtSeconds(preStopDelay.toSeconds())}) + drainTimeout (${fmtSeconds(drainTimeout.toSeconds())}) + ${fmtSeconds(SHUTDOWN_MARGIN.toSeconds())} margin: the app is SIGKILLed mid-drain`,
      fix: `raise terminationGracePeriod to at least ${fmtSeconds(needed)}, or leave it out to have it computed.`,
    });
  }
  const kind = (props.preStop ?? PreStop.sleep()).kind;
  let preStop: kplus.Handler | undefined;
  switch (kind.type) {
    case 'sleep':
      preStop = kplus.Handler.fromCommand(['sleep', String(preStopDelay.toSeconds())]);
      break;
    case 'http':
      preStop = kplus.Handler.fromHttpGet(kind.path, { port: kind.port ?? port });
      break;
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
  return { preStopDelay, drainTimeout, terminationGracePeriod: grace, preStop };
}
