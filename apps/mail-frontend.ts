import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GracefulWebApp, HealthCheck, kplus, ProxySidecar, SharedVolume } from '../lib';

const NAMESPACE = 'mail-frontend';
/** Caddy runs as any UID, handles SIGTERM as PID 1, and renders templates with sub-requests. */
const CADDY = 'caddy:2.7.6-alpine';
const PORT = 8080;
/** Where the frontend calls weather through its circuit breaker. */
const WEATHER_BREAKER_PORT = 9001;
const RESOURCES = { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } };
/** Caddy keeps state under XDG dirs; the root filesystem is read-only. */
const CADDY_ENV = { XDG_CONFIG_HOME: '/tmp/caddy/config', XDG_DATA_HOME: '/tmp/caddy/data' };

/** The seed's weather service answer. */
export const WEATHER = 'Pleasanton, CA\nSaturday 8:00 PM\nPartly Cloudy\n12 C\nPrecipitation: 9%\nHumidity: 74%\nWind: 14 km/h\n';
/** The seed's mail, as the list the frontend shows. */
export const MAIL = '<li>From: &lt;bob@example.com&gt; Subject: lunch at noon tomorrow</li><br/><li>From: &lt;alice@example.com&gt; Subject: compiler docs</li>\n';
/** What the frontend shows for a weather call that failed (the seed's `weather = "weather unavailable"`). */
export const WEATHER_UNAVAILABLE = 'weather unavailable';
/** What the frontend shows for the weather while the breaker is open: the seed's text, with 200 as the seed's breaker answers. */
export const WEATHER_FALLBACK = 'circuit breaker: service unavailable (tripped)';

/** A Service's fully qualified name in this chart's namespace: HAProxy's resolver applies no search list. */
function serviceHost(name: string): string {
  return `${name}.${NAMESPACE}.svc.cluster.local`;
}

/**
 * Seed 004 ("circuit breaker"): an email frontend renders the weather (an edge service) and the mail
 * (critical). The frontend calls mail directly and weather through an HAProxy circuit breaker in its
 * pod: a weather call costs at most 1s, and after a failure the breaker answers the seed's fallback
 * text at once for up to 30s instead of calling weather, so a slow weather service no longer makes
 * every page take 30s. NetworkPolicies allow exactly frontend → weather and frontend → mail.
 *
 * Differences from the seed, for the restricted profile and stock images: all three are Caddy (the
 * seed's Flask apps are custom images); weather and mail serve the seed's fixed answers from a
 * ConfigMap; the frontend is a Caddy template whose sub-requests reach weather through the breaker
 * (127.0.0.1:9001) and mail through its Service; mail is shown as the seed renders it (a list).
 */
export class MailFrontendChart extends Chart {
  public readonly frontend: GracefulWebApp;
  public readonly weather: GracefulWebApp;
  public readonly mail: GracefulWebApp;
  public readonly proxy: ProxySidecar;

  constructor(scope: Construct, id = 'mail-frontend') {
    super(scope, id, { namespace: NAMESPACE });
    // Only the frontend's pods may call the backends (ingress is from pods of this namespace).
    const fromFrontend = [kplus.Pods.select(this, 'FrontendPods', { labels: { 'app.kubernetes.io/instance': 'frontend' } })];
    this.weather = staticService(this, 'weather', WEATHER, fromFrontend);
    this.mail = staticService(this, 'mail', MAIL, fromFrontend);

    this.proxy = new ProxySidecar(this, 'Proxy', {
      breakers: [{
        name: 'weather',
        host: serviceHost('weather'),
        port: 80,
        listenPort: WEATHER_BREAKER_PORT,
        fallback: { status: 200, body: WEATHER_FALLBACK },
      }],
    });
    const caddyfile = SharedVolume.configMap('caddyfile', { Caddyfile: frontendCaddyfile(this.proxy.url('weather'), `http://${serviceHost('mail')}`) });
    this.frontend = new GracefulWebApp(this, 'frontend', {
      image: CADDY,
      args: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
      port: PORT,
      env: CADDY_ENV,
      config: { data: { 'index.html': FRONTEND_PAGE }, mountPath: '/srv', env: {} },
      mounts: [caddyfile.at('/etc/caddy', { readOnly: true })],
      // Its own endpoint: the page calls weather and mail, and a slow dependency must not make the frontend unready.
      readiness: HealthCheck.httpGet('/healthz', { port: 'http' }),
      drainTimeout: Duration.seconds(10),
      resources: RESOURCES,
      sidecars: [this.proxy.sidecar],
      servicePort: 80,
      egress: [this.weather, this.mail].map(dep => ({ peer: dep.deployment, ports: [kplus.NetworkPolicyPort.tcp(PORT)] })),
      partOf: 'seed-004',
    });
  }
}

/** Weather or mail: Caddy serving one fixed answer, reachable only from `from`. */
function staticService(scope: Construct, name: string, body: string, from: kplus.INetworkPolicyPeer[]): GracefulWebApp {
  return new GracefulWebApp(scope, name, {
    image: CADDY,
    args: ['caddy', 'file-server', '--listen', `:${PORT}`, '--root', '/srv'],
    port: PORT,
    env: CADDY_ENV,
    config: { data: { 'index.html': body }, mountPath: '/srv', env: {} },
    readiness: HealthCheck.httpGet('/', { port: 'http' }),
    drainTimeout: Duration.seconds(5),
    resources: RESOURCES,
    servicePort: 80,
    ingressFrom: from,
    partOf: 'seed-004',
  });
}

/** The seed's page; Caddy fills in weather and mail by sub-requests. */
const FRONTEND_PAGE = `<html>
<body>
  <h3>Weather</h3>
  <p>{{httpInclude "/weather"}}</p>
  <h3>Email</h3>
  <p>
    <ul>
      {{httpInclude "/mail"}}
    </ul>
  </p>
</body>
`;

/**
 * Routes: /weather through the breaker, /mail straight to mail, the page as a template. Mail is
 * critical, as in the seed: when it fails, the page fails.
 */
function frontendCaddyfile(weatherUrl: string, mailUrl: string): string {
  return `{
\tadmin off
\tauto_https off
\tpersist_config off
}

:${PORT} {
\thandle /healthz {
\t\trespond "ok" 200
\t}
\thandle /weather {
\t\trewrite * /
\t\treverse_proxy ${weatherUrl} {
\t\t\t# The calls that fail before the breaker trips (504 on its timeout, weather's 5xx): the seed's text.
\t\t\t# httpInclude fails the whole page on a status >= 400, so this answers 200.
\t\t\t@unavailable status 5xx
\t\t\thandle_response @unavailable {
\t\t\t\trespond "${WEATHER_UNAVAILABLE}" 200
\t\t\t}
\t\t}
\t}
\thandle /mail {
\t\trewrite * /
\t\treverse_proxy ${mailUrl} {
\t\t\theader_up Host {upstream_hostport}
\t\t}
\t}
\thandle {
\t\troot * /srv
\t\ttemplates
\t\tfile_server
\t}
}
`;
}
