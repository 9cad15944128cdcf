import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GracefulWebApp, HealthCheck, kplus, ProxySidecar } from '../lib';

/**
 * Requests each client may make per window: 5 per 5 s is the seed's 1 request/s on average, with
 * bursts of up to 5 (nginx's `burst=5` queued them; HAProxy counts them, and rejects beyond).
 */
export const REQUEST_LIMIT = { requests: 5, per: Duration.seconds(5) };
/** Connections each client may hold open at once. */
export const CONNECTIONS_PER_CLIENT = 10;

/**
 * Seed 004 ("sidecar for rate and connection control"): a service that answers "hello, sidecar!" on
 * 127.0.0.1:5000, behind an HAProxy sidecar on 8080 that limits each client to 5 requests per 5 s and
 * 10 connections, answering 429 beyond. The Service and the NetworkPolicy target the sidecar's port by
 * name; the app binds only localhost (as the seed's Flask app does), so nothing bypasses the limits
 * even where NetworkPolicies are not enforced, and its probes are exec probes (the kubelet probes the
 * pod IP).
 *
 * The proxy is the library's {@link ProxySidecar}, the one that also runs circuit breakers (see
 * apps/mail-frontend.ts): one generator writes both configs and CI checks both with the real HAProxy.
 * The seed used nginx; open-source nginx has no circuit breaker (it never marks the only server of an
 * upstream as failed), so both patterns moved to HAProxy rather than keeping two proxies.
 *
 * The sidecar's preStop waits until the app has drained, so in-flight requests finish through it;
 * the grace period covers both. Caddy as the service: it handles SIGTERM as PID 1 and runs as any UID.
 */
export class RateLimitedChart extends Chart {
  public readonly app: GracefulWebApp;
  public readonly proxy: ProxySidecar;

  constructor(scope: Construct, id = 'ratelimited') {
    super(scope, id, { namespace: 'ratelimited' });
    this.proxy = new ProxySidecar(this, 'Proxy', {
      name: 'ratelimit',
      rateLimit: { port: 8080, appPort: 5000, ...REQUEST_LIMIT, connectionsPerClient: CONNECTIONS_PER_CLIENT },
    });
    this.app = new GracefulWebApp(this, 'ratelimited', {
      image: 'caddy:2.7.6-alpine',
      args: ['caddy', 'file-server', '--listen', '127.0.0.1:5000', '--root', '/srv'],
      port: 5000,
      // Caddy keeps state under XDG dirs; the root filesystem is read-only.
      env: { XDG_CONFIG_HOME: '/tmp/caddy/config', XDG_DATA_HOME: '/tmp/caddy/data' },
      config: { data: { 'index.html': 'hello, sidecar!\n' }, mountPath: '/srv', env: {} },
      readiness: HealthCheck.exec(['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:5000/']),
      drainTimeout: Duration.seconds(10),
      resources: { requests: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(128) } },
      sidecars: [this.proxy.sidecar],
      targetPort: this.proxy.portName,
      servicePort: 80,
      partOf: 'seed-004',
    });
  }
}
