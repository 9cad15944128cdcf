import { Testing } from 'cdk8s';
import { RateLimitedChart } from '../../apps/ratelimited';

describe('apps/ratelimited (seed 004: a rate-limiting sidecar)', () => {
  const chart = new RateLimitedChart(Testing.app());
  const out = Testing.synth(chart);
  const d = out.find(o => o.kind === 'Deployment');
  const pod = d.spec.template.spec;
  const [app, proxy] = pod.containers;

  test('the app listens on localhost only and is probed from inside', () => {
    expect(app.args).toEqual(['caddy', 'file-server', '--listen', '127.0.0.1:5000', '--root', '/srv']);
    expect(app.readinessProbe.exec.command).toEqual(['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:5000/']);
    expect(out.find(o => o.metadata.name === 'ratelimited-config').data).toEqual({ 'index.html': 'hello, sidecar!\n' });
  });

  test('the request and connection limits live in a generated HAProxy config the sidecar mounts', () => {
    const conf = out.find(o => o.metadata.name === 'ratelimited-ratelimit-config').data['haproxy.cfg'];
    expect(conf).toBe(chart.proxy.config);
    expect(conf).toContain('store http_req_rate(5000ms),conn_cur');
    expect(conf).toContain('http-request deny deny_status 429 if { sc_http_req_rate(0) gt 5 }');
    expect(conf).toContain('http-request deny deny_status 429 if { sc_conn_cur(0) gt 10 }');
    expect(conf).toContain('server app 127.0.0.1:5000');
    expect(proxy.image).toBe('haproxy:2.6.12-alpine');
    expect(proxy.args).toEqual(['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg']);
    expect(proxy.volumeMounts).toContainEqual({ mountPath: '/usr/local/etc/haproxy', name: 'ratelimit-config', readOnly: true });
    expect(d.spec.template.metadata.annotations['cdk8s-patterns/volumes-checksum']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the proxy is probed on its own port, not through the limit', () => {
    expect(proxy.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'proxy-health', scheme: 'HTTP' });
    expect(proxy.ports).toContainEqual({ containerPort: 8404, name: 'proxy-health' });
  });

  test('the Service and the NetworkPolicy target the sidecar port, never the app', () => {
    expect(out.find(o => o.kind === 'Service').spec.ports).toEqual([{ name: 'proxy', port: 80, targetPort: 'proxy' }]);
    expect(proxy.ports).toEqual([{ containerPort: 8080, name: 'proxy' }, { containerPort: 8404, name: 'proxy-health' }]);
    const ingressPorts = out.find(o => o.kind === 'NetworkPolicy').spec.ingress.flatMap((r: any) => r.ports.map((p: any) => p.port));
    expect(new Set(ingressPorts)).toEqual(new Set([8080]));
  });

  test('the sidecar outlives the app: its preStop waits for the app preStop + drain; the grace period covers its drain', () => {
    expect(app.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(proxy.lifecycle.preStop.exec.command).toEqual(['sleep', '15']);
    expect(pod.terminationGracePeriodSeconds).toBe(15 + 5 + 5);
    expect(d.spec.template.metadata.annotations).toMatchObject({ 'cdk8s-patterns/app-container': 'ratelimited', 'cdk8s-patterns/app-stop-seconds': '15' });
  });

  test('the sidecar counts in the Guaranteed QoS class', () => {
    expect(proxy.resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } });
    expect(chart.app.qosClass).toBe('Guaranteed');
  });

  test('no rule finding at all, suppressed or not', () => {
    expect(chart.app.rules.findings()).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
