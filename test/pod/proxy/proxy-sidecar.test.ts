import { Duration, Testing } from 'cdk8s';
import { CircuitBreakerProps } from '../../../lib/pod/proxy/circuit-breaker';
import { haproxyQuote, renderHaproxyConfig } from '../../../lib/pod/proxy/haproxy-config';
import { HAPROXY_IMAGE, ProxySidecar, ProxySidecarProps } from '../../../lib/pod/proxy/proxy-sidecar';
import { GracefulWebApp, HealthCheck, kplus } from '../../../lib';
import { Size } from 'cdk8s';

const WEATHER: CircuitBreakerProps = { name: 'weather', host: 'weather.ns.svc.cluster.local', port: 80, listenPort: 9001 };
const make = (props: ProxySidecarProps) => new ProxySidecar(Testing.chart(), 'Proxy', props);

describe('ProxySidecar', () => {
  test('defaults follow the seed: 1 s timeout, trip on the first failure, checks every 30 s, 503 fallback', () => {
    const p = make({ breakers: [WEATHER] });
    expect(p.config).toContain('    timeout server 1000ms\n');
    expect(p.config).toContain('    timeout connect 1000ms\n');
    expect(p.config).toContain('check inter 30000ms fastinter 30000ms downinter 30000ms rise 1 fall 1 observe layer7 error-limit 1 on-error mark-down resolvers pod-dns init-addr libc,none');
    expect(p.config).toContain('http-request return status 503 content-type "text/plain; charset=utf-8" string "weather unavailable (circuit open)" if { nbsrv(breaker-weather) lt 1 }');
    expect(p.config).toContain('    retries 0\n');
    expect(p.config).toContain('resolvers pod-dns\n    parse-resolv-conf\n');
    expect(p.url('weather')).toBe('http://127.0.0.1:9001');
  });

  test('the sidecar: pinned unprivileged image, its config mounted read-only, readiness on its own port', () => {
    const p = make({ breakers: [WEATHER], drainTimeout: Duration.seconds(7) });
    expect(p.sidecar).toMatchObject({ name: 'proxy', image: HAPROXY_IMAGE, args: ['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'], drainTimeout: Duration.seconds(7) });
    expect(p.sidecar.ports).toEqual([{ number: 8404, name: 'proxy-health' }]);
    expect(p.sidecar.mounts).toEqual([{ volume: p.configVolume, path: '/usr/local/etc/haproxy', readOnly: true }]);
    expect(p.configVolume.source).toEqual({ type: 'configMap', data: { 'haproxy.cfg': p.config } });
    expect(p.config).toContain('hard-stop-after 7000ms');
    expect(p.portName).toBeUndefined();
  });

  test('an IP host needs no resolver; an IPv6 one is bracketed', () => {
    const p = make({ breakers: [{ ...WEATHER, host: 'fd00::1', port: 8080 }] });
    expect(p.config).not.toContain('resolvers');
    expect(p.config).toContain('server weather [fd00::1]:8080 check');
    expect(p.config).toContain('http-request set-header Host [fd00::1]:8080');
  });

  test('an empty fallback body is a bare status (HAProxy refuses an empty string)', () => {
    expect(make({ breakers: [{ ...WEATHER, fallback: { status: 204, body: '' } }] }).config).toContain('http-request return status 204 if { nbsrv(breaker-weather) lt 1 }');
  });

  test('in a GracefulWebApp: the proxy outlives the app and declares its ports', () => {
    const chart = Testing.chart();
    const p = new ProxySidecar(chart, 'Proxy', { rateLimit: { port: 8080, appPort: 5000, requests: 10 } });
    new GracefulWebApp(chart, 'web', {
      image: 'caddy:2.7.6-alpine', port: 5000, readiness: HealthCheck.tcpSocket(), sidecars: [p.sidecar], targetPort: p.portName,
      resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } },
    });
    const d = Testing.synth(chart).find(o => o.kind === 'Deployment');
    const proxy = d.spec.template.spec.containers[1];
    expect(proxy.ports).toEqual([{ containerPort: 8080, name: 'proxy' }, { containerPort: 8404, name: 'proxy-health' }]);
    expect(proxy.lifecycle.preStop.exec.command).toEqual(['sleep', d.spec.template.metadata.annotations['cdk8s-patterns/app-stop-seconds']]);
  });

  test.each<[string, ProxySidecarProps, RegExp]>([
    ['no breaker and no rate limit', {}, /a proxy with no breaker and no rate limit does nothing \[CKP311\]/],
    ['a bare Service name', { breakers: [{ ...WEATHER, host: 'weather' }] }, /host 'weather' is a bare name.*\[CKP311\].*weather\.<namespace>\.svc\.cluster\.local/],
    ['a host with a blank', { breakers: [{ ...WEATHER, host: 'a b.c' }] }, /breakers\[0\]\.host "a b\.c" must be non-empty, without blanks.*\[CKP311\]/],
    ['a zero timeout', { breakers: [{ ...WEATHER, timeout: Duration.millis(0) }] }, /breakers\[0\]\.timeout \(0ms\) must be a positive whole number of milliseconds.*\[CKP310\]/],
    ['a trip no longer than the timeout', { breakers: [{ ...WEATHER, timeout: Duration.seconds(2), tripDuration: Duration.seconds(2) }] }, /tripDuration \(2000ms\) must be longer than timeout \(2000ms\).*\[CKP310\]/],
    ['zero failures', { breakers: [{ ...WEATHER, failures: 0 }] }, /breakers\[0\]\.failures \(0\) must be a whole number from 1 to 1000.*\[CKP311\]/],
    ['a fallback status HAProxy cannot return', { breakers: [{ ...WEATHER, fallback: { status: 100 } }] }, /breakers\[0\]\.fallback\.status \(100\) must be a whole number from 200 to 599.*\[CKP311\]/],
    ['a content type on two lines', { breakers: [{ ...WEATHER, fallback: { contentType: 'text/plain\r\nX-Evil: 1' } }] }, /fallback\.contentType "text\/plain\\r\\nX-Evil: 1" must be non-empty, on one line \[CKP311\]/],
    ['a privileged listen port', { breakers: [{ ...WEATHER, listenPort: 80 }] }, /breakers\[0\]\.listenPort \(80\) must be a whole number from 1024 to 65535.*\[CKP311\]/],
    ['a relative check path', { breakers: [{ ...WEATHER, checkPath: 'health' }] }, /checkPath "health" must start with '\/'.*\[CKP311\]/],
    ['two breakers of one name', { breakers: [WEATHER, { ...WEATHER, listenPort: 9002 }] }, /two breakers are named 'weather' \[CKP311\]/],
    ['two listeners on one port', { breakers: [WEATHER], rateLimit: { port: 9001, appPort: 5000, requests: 1 } }, /breakers\[0\]\.listenPort \(9001\) is also rateLimit\.port.*\[CKP311\]/],
    ['the health port reused', { breakers: [{ ...WEATHER, listenPort: 8404 }] }, /listenPort \(8404\) is also healthPort.*\[CKP311\]/],
    ['a fractional rate', { rateLimit: { port: 8080, appPort: 5000, requests: 0.5 } }, /rateLimit\.requests \(0\.5\) must be a whole number.*\[CKP311\]/],
    ['a zero window', { rateLimit: { port: 8080, appPort: 5000, requests: 1, per: Duration.millis(0) } }, /rateLimit\.per \(0ms\).*\[CKP310\]/],
    ['a deny status that is no error', { rateLimit: { port: 8080, appPort: 5000, requests: 1, status: 200 } }, /rateLimit\.status \(200\) must be a whole number from 400 to 599.*\[CKP311\]/],
  ])('fails on %s', (_, props, message) => {
    expect(() => make(props)).toThrow(message);
    expect(() => make(props)).toThrow(/^ProxySidecar 'test\/Proxy': /);
  });

  test('url() of an unknown breaker fails with the names it has', () => {
    expect(() => make({ breakers: [WEATHER] }).url('mail')).toThrow(/url\('mail'\) names no breaker \(breakers: 'weather'\) \[CKP311\]/);
  });
});

describe('the HAProxy config generator', () => {
  test('quotes any text HAProxy can read back', () => {
    expect(haproxyQuote('a "b" \\c $d\n\t\r\x01')).toBe('"a \\"b\\" \\\\c \\$d\\n\\t\\r\\x01"');
  });

  test('renders sections in order, indented, one blank line apart', () => {
    expect(renderHaproxyConfig([{ heading: 'global', comment: 'why', lines: ['nbthread 1'] }, { heading: 'defaults', lines: ['mode http'] }]))
      .toBe('# why\nglobal\n    nbthread 1\n\ndefaults\n    mode http\n');
  });

  test('the rate limiter counts per client over its window and rejects beyond, before the app', () => {
    const config = make({ rateLimit: { port: 8080, appPort: 5000, requests: 5, per: Duration.seconds(5), connectionsPerClient: 3, status: 503 } }).config;
    expect(config).toContain('frontend ratelimit\n    bind *:8080\n    stick-table type ipv6 size 100k expire 10000ms store http_req_rate(5000ms),conn_cur\n    tcp-request connection track-sc0 src\n'
      + '    http-request deny deny_status 503 if { sc_conn_cur(0) gt 3 }\n    http-request deny deny_status 503 if { sc_http_req_rate(0) gt 5 }\n    default_backend app\n');
    expect(config).toContain('backend app\n    timeout connect 1000ms\n    timeout server 30000ms\n    server app 127.0.0.1:5000\n');
  });
});
