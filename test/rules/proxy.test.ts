import { Duration, Size, Testing } from 'cdk8s';
import { GracefulWebApp, HealthCheck, kplus, SharedVolume } from '../../lib';
import { ProxySidecar } from '../../lib/pod/proxy/proxy-sidecar';
import { proxyConfigInvalid } from '../../lib/rules/proxy/proxy-config-invalid';
import { proxyTimeoutMissing } from '../../lib/rules/proxy/proxy-timeout-missing';
import { splitWords } from '../../lib/rules/proxy/haproxy-text';

const ctx = { objects: [] };
const configMap = (cfg: string) => ({ kind: 'ConfigMap', metadata: { name: 'proxy' }, data: { 'haproxy.cfg': cfg } });
const generated = new ProxySidecar(Testing.chart(), 'Proxy', {
  breakers: [{ name: 'weather', host: '127.0.0.1', port: 80, listenPort: 9001 }, { name: 'maps', host: 'maps.example.com', port: 443, listenPort: 9002, timeout: Duration.millis(300) }],
  rateLimit: { port: 8080, appPort: 5000, requests: 10 },
}).config;

const BASE = `defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 1s

frontend web  # the entry
    bind *:8080
    default_backend app

backend app
    server app 127.0.0.1:5000 check fall 3 rise 2
`;

describe('splitWords', () => {
  test('blanks split, quotes and backslashes protect, an unquoted # starts a comment', () => {
    expect(splitWords('  http-request return status 503 string "a # b \\" c" if { path /x } # comment')).toEqual(['http-request', 'return', 'status', '503', 'string', '"a # b \\" c"', 'if', '{', 'path', '/x', '}']);
    expect(splitWords('acl a path /a#b')).toEqual(['acl', 'a', 'path', '/a#b']);
  });
});

describe('CKP310 proxy-timeout-missing', () => {
  test('compliant: every config ProxySidecar generates, and timeouts from defaults', () => {
    expect(proxyTimeoutMissing.check(configMap(generated), ctx)).toEqual([]);
    expect(proxyTimeoutMissing.check(configMap(BASE), ctx)).toEqual([]);
  });
  test('not applicable: a ConfigMap that is no HAProxy config', () => {
    expect(proxyTimeoutMissing.appliesTo!({ kind: 'ConfigMap', data: { 'default.conf': 'server {\n    listen 8080;\n}\n' } })).toBe(false);
    expect(proxyTimeoutMissing.appliesTo!(configMap(BASE))).toBe(true);
  });
  test('non-compliant: no server timeout anywhere', () => {
    const [v, ...rest] = proxyTimeoutMissing.check(configMap(BASE.replace('    timeout server 1s\n', '')), ctx);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ field: 'data["haproxy.cfg"]', value: 'timeout server' });
    expect(v.message).toBe('haproxy.cfg line 10: backend \'app\' has no `timeout server` (or sets it to 0), so it may wait forever');
  });
  test('non-compliant: a timeout of 0 is none, and a proxy may override its defaults with it', () => {
    const found = proxyTimeoutMissing.check(configMap(BASE.replace('    default_backend app\n', '    timeout client 0\n    default_backend app\n')), ctx);
    expect(found.map(f => f.message)).toEqual(['haproxy.cfg line 7: frontend \'web\' has no `timeout client` (or sets it to 0), so it may wait forever']);
  });
  test('non-compliant: a listen section needs all three', () => {
    const found = proxyTimeoutMissing.check(configMap('listen all\n    bind :80\n    server a 10.0.0.1:80\n'), ctx);
    expect(found[0].value).toBe('timeout client, timeout connect, timeout server');
  });
});

describe('CKP311 proxy-config-invalid', () => {
  test('compliant: every config ProxySidecar generates', () => {
    expect(proxyConfigInvalid.check(configMap(generated), ctx)).toEqual([]);
    expect(proxyConfigInvalid.check(configMap(BASE), ctx)).toEqual([]);
  });
  test('non-compliant: two frontends on one port (a wildcard overlaps any address)', () => {
    const cfg = `${BASE}\nfrontend other\n    bind 127.0.0.1:8080\n    default_backend app\n`;
    expect(proxyConfigInvalid.check(configMap(cfg), ctx).map(f => f.message)).toEqual([
      'haproxy.cfg line 15: frontend \'other\' binds port 8080, which frontend \'web\' (line 8) binds too: connections would be split between them',
    ]);
    expect(proxyConfigInvalid.check(configMap(cfg.replace('127.0.0.1:8080', '127.0.0.1:8081')), ctx)).toEqual([]);
  });
  test.each([
    ['a port out of range', BASE.replace('*:8080', '*:70000'), /binds port 70000, outside 1–65535/],
    ['fall 0', BASE.replace('fall 3', 'fall 0'), /sets fall to "0", which must be a whole number of at least 1/],
    ['a global maxconn that is no number', `global\n    maxconn lots\n${BASE}`, /global sets maxconn to "lots"/],
    ['a return status below 200', BASE.replace('    default_backend app\n', '    http-request return status 100\n'), /status 100 is not a status HAProxy can send/],
    ['a deny status above 599', BASE.replace('    default_backend app\n', '    http-request deny deny_status 600\n'), /deny_status 600 is not a status/],
  ])('non-compliant: %s', (_, cfg, message) => {
    const found = proxyConfigInvalid.check(configMap(cfg), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
  });
});

describe('the proxy rules in a construct', () => {
  test('a hand-written HAProxy config without a server timeout fails synth with CKP310, naming the line', () => {
    const chart = Testing.chart();
    const cfg = SharedVolume.configMap('proxy-config', { 'haproxy.cfg': BASE.replace('    timeout server 1s\n', '') });
    new GracefulWebApp(chart, 'web', {
      image: 'caddy:2.7.6-alpine', port: 8080, readiness: HealthCheck.tcpSocket(),
      resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } },
      sidecars: [{ name: 'proxy', image: 'haproxy:2.6.12-alpine', readiness: HealthCheck.tcpSocket({ port: 8081 }), ports: [{ number: 8081 }], mounts: [cfg.at('/usr/local/etc/haproxy')], resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } } }],
    });
    expect(() => Testing.synth(chart)).toThrow(/ConfigMap 'web-proxy-config': haproxy\.cfg line 10: backend 'app' has no `timeout server`.*\[CKP310\]/);
  });
});
