import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GracefulWebApp, HealthCheck, kplus, SharedVolume } from '../lib';

/** Requests per second each client may make, and how many more it may queue. */
export const REQUEST_RATE = '1r/s';
export const REQUEST_BURST = 5;
/** Connections each client may hold open at once. */
export const CONNECTIONS_PER_CLIENT = 10;

/** The proxy's configuration: the seed's request limit, plus a connection limit and a health endpoint. */
export const PROXY_CONF = `upstream app {
    server 127.0.0.1:5000;
}

limit_req_zone $binary_remote_addr zone=per_client:10m rate=${REQUEST_RATE};
limit_conn_zone $binary_remote_addr zone=conn_per_client:10m;

server {
    listen 8080;
    server_name _;

    # Not proxied and not limited: the kubelet probes it every few seconds.
    location = /nginx-health {
        access_log off;
        return 200 "ok\\n";
    }

    location / {
        limit_req zone=per_client burst=${REQUEST_BURST};
        limit_req_status 429;
        limit_conn conn_per_client ${CONNECTIONS_PER_CLIENT};
        limit_conn_status 429;
        proxy_pass http://app;
    }
}
`;

/**
 * Seed 004 ("sidecar for rate and connection control"): a service that answers "hello, sidecar!" on
 * 127.0.0.1:5000, behind an nginx sidecar on 8080 that limits each client to 1 request/s (burst 5) and
 * 10 connections. The Service and the NetworkPolicy target the sidecar's port by name; the app binds
 * only localhost (as the seed's Flask app does), so nothing bypasses the limits even where
 * NetworkPolicies are not enforced, and its probes are exec probes (the kubelet probes the pod IP).
 *
 * The sidecar's preStop waits until the app has drained, so in-flight requests finish through it;
 * the grace period covers both. Images that really work under the restricted profile: Caddy as the
 * service (handles SIGTERM as PID 1, runs as any UID), nginx-unprivileged as the proxy.
 */
export class RateLimitedChart extends Chart {
  public readonly app: GracefulWebApp;

  constructor(scope: Construct, id = 'ratelimited') {
    super(scope, id, { namespace: 'ratelimited' });
    const proxyConfig = SharedVolume.configMap('proxy-config', { 'default.conf': PROXY_CONF });
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
      sidecars: [{
        name: 'ratelimit',
        image: 'nginxinc/nginx-unprivileged:1.25.3-alpine',
        ports: [{ number: 8080, name: 'proxy' }],
        mounts: [proxyConfig.at('/etc/nginx/conf.d', { readOnly: true })],
        readiness: HealthCheck.httpGet('/nginx-health', { port: 'proxy' }),
        resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } },
      }],
      targetPort: 'proxy',
      servicePort: 80,
      partOf: 'seed-004',
    });
  }
}
