import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../../guard';
import * as kplus from '../../plus';
import { HealthCheck } from '../probes';
import { ResourcesProps } from '../resources';
import { DEFAULT_SIDECAR_DRAIN, SidecarProps } from '../sidecars';
import { SharedVolume } from '../volumes';
import { checkTime, checkWhole, PROXY_CONFIG_RULE } from './checks';
import { checkCircuitBreaker, CircuitBreakerProps, circuitBreakerSections, isIpAddress, RESOLVERS_NAME } from './circuit-breaker';
import { HaproxySection, haproxyTime, renderHaproxyConfig } from './haproxy-config';
import { checkRateLimit, RateLimitProps, rateLimiterSections } from './rate-limiter';

/**
 * The official HAProxy image, the 2.6 LTS release Debian 12 ships (the one CI checks the generated
 * configs with). It runs as user `haproxy` (UID 99), reads /usr/local/etc/haproxy/haproxy.cfg, writes
 * nothing to disk, and stops gracefully on its STOPSIGNAL (SIGUSR1).
 */
export const HAPROXY_IMAGE = 'haproxy:2.6.12-alpine';
/** Where the image reads its configuration; the generated config is mounted here. */
export const HAPROXY_CONFIG_DIR = '/usr/local/etc/haproxy';
/** The path the proxy's own readiness endpoint answers on. */
export const PROXY_HEALTH_PATH = '/healthz';
/** The name of the proxy's health port. */
export const PROXY_HEALTH_PORT_NAME = 'proxy-health';

/** Props of {@link ProxySidecar}. */
export interface ProxySidecarProps {
  /**
   * The container name (rule CKP807); its config volume is `<name>-config`.
   * @default 'proxy'
   */
  readonly name?: string;
  /**
   * Circuit breakers, one per edge dependency the app calls through the proxy.
   * @default - none
   */
  readonly breakers?: CircuitBreakerProps[];
  /**
   * A rate limiter in front of the app.
   * @default - none
   */
  readonly rateLimit?: RateLimitProps;
  /**
   * The port of the proxy's own readiness endpoint (`/healthz`), named `proxy-health`.
   * @default 8404
   */
  readonly healthPort?: number;
  /**
   * The HAProxy image; keep it on the 2.6 series the configs are checked with.
   * @default HAPROXY_IMAGE
   */
  readonly image?: string;
  /**
   * Requests and limits of the proxy container.
   * @default - 100m cpu and 64Mi memory requested (limits = requests)
   */
  readonly resources?: ResourcesProps;
  /**
   * How long the proxy may take to finish connections after its stop signal; also its
   * `hard-stop-after`, so it never outlives its share of the grace period.
   * @default Duration.seconds(5)
   */
  readonly drainTimeout?: Duration;
  /**
   * Connections the proxy holds at most (HAProxy `maxconn`), which bounds its memory.
   * @default 1000
   */
  readonly maxConnections?: number;
}

/**
 * An HAProxy sidecar that holds the pod's circuit breakers (the app calls its dependencies through
 * it) and its rate limiter (clients call the app through it). It makes no Kubernetes object itself:
 * pass {@link sidecar} to a workload's `sidecars`, which adds the container under the restricted
 * profile, the config ConfigMap, the probes and the shutdown ordering of every sidecar (CKP303).
 *
 * ```ts
 * const proxy = new ProxySidecar(this, 'Proxy', { breakers: [{ name: 'weather', host: 'weather.ns.svc.cluster.local', port: 80, listenPort: 9001 }] });
 * new GracefulWebApp(this, 'frontend', { ..., sidecars: [proxy.sidecar], env: { WEATHER_URL: proxy.url('weather') } });
 * ```
 */
export class ProxySidecar extends Construct {
  /** The generated HAProxy configuration. */
  public readonly config: string;
  /** The container to add to a workload's `sidecars`. */
  public readonly sidecar: SidecarProps;
  /** The ConfigMap volume holding `haproxy.cfg`. */
  public readonly configVolume: SharedVolume;
  /** The name of the port clients reach the rate limiter on, when there is one. */
  public readonly portName?: string;
  /** Where its prop checks fail (CKP310, CKP311) and their suppressions. */
  public readonly rules: RuleGuard;
  private readonly breakers: readonly CircuitBreakerProps[];

  constructor(scope: Construct, id: string, props: ProxySidecarProps) {
    super(scope, id);
    this.rules = new RuleGuard(this, 'ProxySidecar');
    const name = props.name ?? 'proxy';
    this.breakers = props.breakers ?? [];
    const healthPort = props.healthPort ?? 8404;
    const drain = props.drainTimeout ?? DEFAULT_SIDECAR_DRAIN;
    this.check(props, healthPort, drain);

    this.config = haproxyConfig(this.breakers, props.rateLimit, { healthPort, drain, maxConnections: props.maxConnections ?? 1000 });
    this.configVolume = SharedVolume.configMap(`${name}-config`, { 'haproxy.cfg': this.config });
    this.portName = props.rateLimit ? props.rateLimit.portName ?? 'proxy' : undefined;
    const ports: kplus.ContainerPort[] = [
      ...(props.rateLimit ? [{ number: props.rateLimit.port, name: this.portName }] : []),
      { number: healthPort, name: PROXY_HEALTH_PORT_NAME },
    ];
    this.sidecar = {
      name,
      image: props.image ?? HAPROXY_IMAGE,
      // The image's entrypoint adds master-worker mode and foreground logging (-W -db).
      args: ['haproxy', '-f', `${HAPROXY_CONFIG_DIR}/haproxy.cfg`],
      ports,
      mounts: [this.configVolume.at(HAPROXY_CONFIG_DIR, { readOnly: true })],
      readiness: HealthCheck.httpGet(PROXY_HEALTH_PATH, { port: PROXY_HEALTH_PORT_NAME }),
      resources: props.resources ?? { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } },
      drainTimeout: drain,
    };
  }

  /** The URL the app calls instead of the breaker's dependency: `http://127.0.0.1:<listenPort>`. */
  public url(breaker: string): string {
    const b = this.breakers.find(x => x.name === breaker);
    if (!b) {
      this.rules.fail({ field: 'breakers', value: `'${breaker}'`, ruleId: PROXY_CONFIG_RULE, problem: `url('${breaker}') names no breaker (breakers: ${this.breakers.map(x => `'${x.name}'`).join(', ') || 'none'})`, fix: 'call url() with the name of one of the breakers.' });
    }
    return `http://127.0.0.1:${b?.listenPort}`;
  }

  private check(props: ProxySidecarProps, healthPort: number, drain: Duration): void {
    const g = this.rules;
    if (this.breakers.length === 0 && !props.rateLimit) {
      g.fail({ field: 'breakers', value: '[]', ruleId: PROXY_CONFIG_RULE, problem: 'a proxy with no breaker and no rate limit does nothing', fix: 'give it `breakers`, a `rateLimit`, or both.' });
    }
    checkWhole(g, 'healthPort', healthPort, 1024, 65535, 'a port a non-root proxy can bind');
    checkTime(g, 'drainTimeout', drain);
    checkWhole(g, 'maxConnections', props.maxConnections ?? 1000, 1, 1_000_000, 'connections the proxy holds at most');
    const listeners: { field: string; port: number }[] = [{ field: 'healthPort', port: healthPort }];
    if (props.rateLimit) {
      checkRateLimit(g, 'rateLimit', props.rateLimit);
      listeners.push({ field: 'rateLimit.port', port: props.rateLimit.port });
    }
    const names = new Set<string>();
    this.breakers.forEach((b, i) => {
      const field = `breakers[${i}]`;
      checkCircuitBreaker(g, field, b);
      if (names.has(b.name)) {
        g.fail({ field: `${field}.name`, value: `'${b.name}'`, ruleId: PROXY_CONFIG_RULE, problem: `two breakers are named '${b.name}'`, fix: 'name each breaker after its own dependency.' });
      }
      names.add(b.name);
      listeners.push({ field: `${field}.listenPort`, port: b.listenPort });
    });
    // Every listener shares the pod's network namespace; HAProxy would bind a port twice (SO_REUSEPORT)
    // and split the connections between two unrelated frontends.
    const seen = new Map<number, string>();
    for (const l of listeners) {
      const other = seen.get(l.port);
      if (other !== undefined) {
        g.fail({ field: l.field, value: String(l.port), ruleId: PROXY_CONFIG_RULE, problem: `${l.field} (${l.port}) is also ${other}: one port cannot serve two listeners`, fix: `give ${l.field} a free port, e.g. ${Math.max(...listeners.map(x => x.port)) + 1}.` });
      }
      seen.set(l.port, l.field);
    }
  }
}

/** Options of the proxy as a whole. */
interface ProxyGlobals {
  readonly healthPort: number;
  readonly drain: Duration;
  readonly maxConnections: number;
}

/** The whole HAProxy configuration for these breakers and this rate limiter: the one code path. */
export function haproxyConfig(breakers: readonly CircuitBreakerProps[], rateLimit: RateLimitProps | undefined, g: ProxyGlobals): string {
  const sections: HaproxySection[] = [
    {
      heading: 'global',
      comment: 'Generated by cdk8s-patterns (ProxySidecar); checked with `haproxy -c` in its tests.',
      lines: [
        // One thread: a sidecar gets a fraction of a CPU, and one thread keeps the breaker's health
        // state and the rate counters in one place.
        'nbthread 1',
        `maxconn ${g.maxConnections}`,
        `hard-stop-after ${haproxyTime(g.drain)}`,
        'log stdout format raw local0 info',
      ],
    },
    {
      heading: 'defaults',
      lines: [
        'mode http',
        'log global',
        'option httplog',
        'timeout connect 1000ms',
        'timeout client 30000ms',
        'timeout server 30000ms',
        'timeout http-request 10000ms',
      ],
    },
  ];
  if (breakers.some(b => !isIpAddress(b.host))) {
    sections.push({
      heading: `resolvers ${RESOLVERS_NAME}`,
      comment: 'The pod\'s nameservers, so a dependency\'s address follows its Service.',
      lines: ['parse-resolv-conf', 'hold valid 10s'],
    });
  }
  sections.push({
    heading: 'frontend health',
    comment: 'The proxy\'s own readiness, on its own port: never limited, never proxied.',
    lines: [
      `bind *:${g.healthPort}`,
      // The kubelet probes it every few seconds: keep those out of the access log.
      'http-request set-log-level silent',
      `http-request return status 200 content-type text/plain string ok if { path ${PROXY_HEALTH_PATH} }`,
      'http-request return status 404 content-type text/plain string "not found"',
    ],
  });
  if (rateLimit) sections.push(...rateLimiterSections(rateLimit));
  for (const b of breakers) sections.push(...circuitBreakerSections(b));
  return renderHaproxyConfig(sections);
}
