import { Testing } from 'cdk8s';
import { MailFrontendChart, WEATHER_FALLBACK } from '../../apps/mail-frontend';

describe('apps/mail-frontend (seed 004: a circuit breaker in front of an edge service)', () => {
  const chart = new MailFrontendChart(Testing.app());
  const out = Testing.synth(chart);
  const find = (kind: string, name: string) => out.find(o => o.kind === kind && o.metadata.name === name);
  const frontend = find('Deployment', 'frontend').spec.template.spec;
  const [app, proxy] = frontend.containers;
  const addr = (name: string) => find('Deployment', name).spec.selector.matchLabels;

  test('three apps, each with its Deployment, Service, NetworkPolicy and PodDisruptionBudget', () => {
    for (const name of ['frontend', 'weather', 'mail']) {
      for (const kind of ['Deployment', 'Service', 'NetworkPolicy', 'PodDisruptionBudget']) expect(find(kind, name)).toBeDefined();
      expect(find('Service', name).spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
    }
  });

  test('the frontend calls weather through the breaker in its pod and mail directly', () => {
    const caddyfile = find('ConfigMap', 'frontend-caddyfile').data.Caddyfile;
    expect(caddyfile).toContain('reverse_proxy http://127.0.0.1:9001 {');
    // A call that fails before the trip shows the seed's text instead of failing the page.
    expect(caddyfile).toMatch(/@unavailable status 5xx\n\t+handle_response @unavailable \{\n\t+respond "weather unavailable" 200/);
    expect(caddyfile).toContain('reverse_proxy http://mail.mail-frontend.svc.cluster.local');
    expect(app.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http', scheme: 'HTTP' });
    expect(proxy.name).toBe('proxy');
    expect(proxy.image).toBe('haproxy:2.6.12-alpine');
  });

  test('the breaker: 1 s timeout, trips on the first failure for 30 s, answers the seed\'s text meanwhile', () => {
    const conf = find('ConfigMap', 'frontend-proxy-config').data['haproxy.cfg'];
    expect(conf).toBe(chart.proxy.config);
    expect(conf).toContain('bind 127.0.0.1:9001');
    expect(conf).toContain('timeout server 1000ms');
    expect(conf).toContain('server weather weather.mail-frontend.svc.cluster.local:80 check inter 30000ms fastinter 30000ms downinter 30000ms rise 1 fall 1 observe layer7 error-limit 1 on-error mark-down');
    expect(conf).toContain(`http-request return status 200 content-type "text/plain; charset=utf-8" string "${WEATHER_FALLBACK}" if { nbsrv(breaker-weather) lt 1 }`);
  });

  test('NetworkPolicies allow exactly frontend → weather and frontend → mail, on the pods\' port', () => {
    const egress = find('NetworkPolicy', 'frontend').spec.egress;
    expect(egress.slice(1)).toEqual(['weather', 'mail'].map(name => ({
      ports: [{ port: 8080, protocol: 'TCP' }],
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mail-frontend' } }, podSelector: { matchLabels: addr(name) } }],
    })));
    for (const name of ['weather', 'mail']) {
      const policy = find('NetworkPolicy', name).spec;
      expect(policy.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'frontend' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
      // DNS only: the backends call nobody.
      expect(policy.egress).toHaveLength(1);
      expect(policy.egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
    }
    expect(find('Deployment', 'frontend').spec.template.metadata.labels['app.kubernetes.io/instance']).toBe('frontend');
  });

  test('the proxy outlives the frontend on shutdown and is probed on its own port', () => {
    expect(app.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(proxy.lifecycle.preStop.exec.command).toEqual(['sleep', '15']);
    expect(frontend.terminationGracePeriodSeconds).toBe(15 + 5 + 5);
    expect(proxy.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'proxy-health', scheme: 'HTTP' });
    expect(proxy.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  test('no rule finding at all, suppressed or not', () => {
    for (const a of [chart.frontend, chart.weather, chart.mail]) expect(a.rules.findings()).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
