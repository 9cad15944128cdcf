import { Duration } from 'cdk8s';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { actionFields, plusPort, PortRef, withActionFields } from './handler-extras';

/** Timing of one probe. Every field maps to the probe field of the same name. */
export interface ProbeTiming {
  /** @default Duration.seconds(0) - startup is covered by the startup probe */
  readonly initialDelay?: Duration;
  /** @default - 5s for readiness, 10s for liveness, 5s for startup */
  readonly period?: Duration;
  /** Must be shorter than `period` (rule CKP204). @default - 2s for readiness, 5s for liveness, 2s for startup */
  readonly timeout?: Duration;
  /** @default - 3 for readiness, 6 for liveness; startup: derived from the startup budget */
  readonly failureThreshold?: number;
  /** Must be 1 for liveness and startup (rule CKP202). @default 1 */
  readonly successThreshold?: number;
}

/** Options of an HTTP health check. */
export interface HttpHealthCheckOptions extends ProbeTiming {
  /**
   * The port, by number or by the name of a port the container declares (rule CKP203). A name keeps
   * the probe right when the port number changes.
   * @default - the container's served port
   */
  readonly port?: PortRef;
  /** @default kplus.ConnectionScheme.HTTP */
  readonly scheme?: kplus.ConnectionScheme;
  /**
   * Request headers, e.g. `{ Host: 'www.example.com' }` for a virtual host, in this order.
   * @default - none
   */
  readonly headers?: Record<string, string>;
}

/** Options of a TCP health check. */
export interface TcpHealthCheckOptions extends ProbeTiming {
  /**
   * The port, by number or by the name of a port the container declares (rule CKP203).
   * @default - the container's served port
   */
  readonly port?: PortRef;
}

type Handler =
  | { readonly type: 'http'; readonly path: string; readonly port?: PortRef; readonly scheme?: kplus.ConnectionScheme; readonly headers?: Record<string, string> }
  | { readonly type: 'tcp'; readonly port?: PortRef }
  | { readonly type: 'exec'; readonly command: string[] };

/** The role a probe plays, which sets its default timing. */
export type ProbeRole = 'readiness' | 'liveness' | 'startup';

const DEFAULTS: Record<ProbeRole, Required<Omit<ProbeTiming, 'initialDelay'>>> = {
  readiness: { period: Duration.seconds(5), timeout: Duration.seconds(2), failureThreshold: 3, successThreshold: 1 },
  // Lenient: a minute of failures before a restart, so a busy app is not killed for being slow.
  liveness: { period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 6, successThreshold: 1 },
  startup: { period: Duration.seconds(5), timeout: Duration.seconds(2), failureThreshold: 12, successThreshold: 1 },
};

/**
 * How to ask a container whether it is healthy: the handler and, optionally, the timing. The same
 * check can serve as readiness, liveness and startup probe; each role fills in its own default timing.
 */
export class HealthCheck {
  /** An HTTP GET; 200–399 is healthy. */
  public static httpGet(path: string, options: HttpHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck({ type: 'http', path, port: options.port, scheme: options.scheme, headers: options.headers }, options);
  }

  /** A TCP connect to the port. */
  public static tcpSocket(options: TcpHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck({ type: 'tcp', port: options.port }, options);
  }

  /** A command run in the container; exit 0 is healthy. */
  public static exec(command: string[], options: ProbeTiming = {}): HealthCheck {
    return new HealthCheck({ type: 'exec', command }, options);
  }

  private constructor(private readonly handler: Handler, public readonly timing: ProbeTiming) {}

  /** The same handler with other timing (the given fields win). */
  public withTiming(timing: ProbeTiming): HealthCheck {
    return new HealthCheck(this.handler, { ...this.timing, ...timing });
  }

  /** The port the handler targets, if it names one. */
  public get port(): PortRef | undefined {
    return this.handler.type === 'exec' ? undefined : this.handler.port;
  }

  /**
   * The cdk8s-plus probe for a role, role defaults under the check's own timing. cdk8s-plus-27 has
   * no named ports or headers: those are written when the probe goes through `addMainContainer` or
   * the pod composition (`applyActionFields`); until then a named port renders as port 0.
   * @param defaultPort the port to probe when the check names none (the container's served port)
   */
  public toProbe(role: ProbeRole, defaultPort?: PortRef): kplus.Probe {
    const d = DEFAULTS[role];
    const t = this.timing;
    const opts = {
      initialDelaySeconds: t.initialDelay ?? Duration.seconds(0),
      periodSeconds: t.period ?? d.period,
      timeoutSeconds: t.timeout ?? d.timeout,
      failureThreshold: t.failureThreshold ?? d.failureThreshold,
      successThreshold: t.successThreshold ?? d.successThreshold,
    };
    const h = this.handler;
    switch (h.type) {
      case 'http': {
        const port = h.port ?? defaultPort;
        return withActionFields(kplus.Probe.fromHttpGet(h.path, { ...opts, port: plusPort(port), scheme: h.scheme }), actionFields('httpGet', port, h.headers));
      }
      case 'tcp': {
        const port = h.port ?? defaultPort;
        return withActionFields(kplus.Probe.fromTcpSocket({ ...opts, port: plusPort(port) }), actionFields('tcpSocket', port));
      }
      case 'exec': return kplus.Probe.fromCommand(h.command, opts);
    }
  }
}

/**
 * Fails through `guard` (CKP204) when a duration of the check is not a whole number of seconds:
 * probe fields count seconds, and cdk8s cannot render 500ms.
 * @param field the prop holding the check, for the message (`readiness`, `sidecars[0].liveness`)
 */
export function checkWholeSeconds(guard: RuleGuard, field: string, check: HealthCheck): void {
  const t = check.timing;
  for (const [name, d] of [['initialDelay', t.initialDelay], ['period', t.period], ['timeout', t.timeout]] as const) {
    if (d === undefined || Number.isInteger(d.toSeconds({ integral: false }))) continue;
    const shown = `${d.toMilliseconds({ integral: false })}ms`;
    guard.fail({
      field: `${field}.${name}`,
      value: shown,
      ruleId: 'CKP204',
      problem: `${field}.${name} (${shown}) is not a whole number of seconds: probe timing counts seconds`,
      fix: `use whole seconds, e.g. Duration.seconds(${Math.max(1, Math.round(d.toSeconds({ integral: false })))}).`,
    });
  }
}

/** Health checking of a serving container. */
export interface HealthProps {
  /** When the container may receive traffic. Required: without it rollouts drop requests (rule CKP201). */
  readonly readiness: HealthCheck;
  /**
   * When the container must be restarted.
   * @default - the readiness check with lenient liveness timing (period 10s, timeout 5s, 6 failures)
   */
  readonly liveness?: HealthCheck;
  /**
   * The longest the app may take to start. Becomes a startup probe (the readiness check, every 5s)
   * with failureThreshold = ceil(startupTimeout / 5s); liveness and readiness wait for it.
   * @default Duration.seconds(60)
   */
  readonly startupTimeout?: Duration;
}

/** The longest the startup probe lets a container take, after rounding to whole periods. */
export function startupSeconds(props: HealthProps): number {
  const period = DEFAULTS.startup.period.toSeconds();
  return period * Math.max(1, Math.ceil((props.startupTimeout ?? Duration.seconds(60)).toSeconds() / period));
}

/**
 * How long a rollout may make no progress by default: the larger of 600s and the startup budget plus
 * the readiness probe's first success plus minReady plus a minute (rule CKP502).
 */
export function defaultProgressDeadline(props: HealthProps, minReady: Duration): Duration {
  const t = props.readiness.timing;
  const readinessFirst = (t.initialDelay?.toSeconds() ?? 0) + (t.period ?? DEFAULTS.readiness.period).toSeconds();
  return Duration.seconds(Math.max(600, startupSeconds(props) + readinessFirst + minReady.toSeconds() + 60));
}

/** The three probes of a container serving `port`. */
export function buildProbes(props: HealthProps, port?: PortRef): { readiness: kplus.Probe; liveness: kplus.Probe; startup: kplus.Probe } {
  const startupTimeout = props.startupTimeout ?? Duration.seconds(60);
  const period = DEFAULTS.startup.period.toSeconds();
  return {
    readiness: props.readiness.toProbe('readiness', port),
    // The derived liveness keeps the handler but never the readiness timing: identical probes restart busy pods.
    liveness: (props.liveness ?? props.readiness.withTiming({ period: undefined, timeout: undefined, failureThreshold: undefined, successThreshold: undefined }))
      .toProbe('liveness', port),
    startup: props.readiness
      .withTiming({ initialDelay: undefined, period: Duration.seconds(period), timeout: undefined, failureThreshold: Math.max(1, Math.ceil(startupTimeout.toSeconds() / period)), successThreshold: 1 })
      .toProbe('startup', port),
  };
}
