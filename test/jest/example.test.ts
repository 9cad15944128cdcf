// The README's "Testing your charts" example, with the package imports made relative (test/jest/readme.test.ts
// holds the two to the same text).
import '../../lib/jest';
import { Chart, Size, Testing } from 'cdk8s';
import { GracefulWebApp, HealthCheck, kplus } from '../../lib';

function shop(): Chart {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new GracefulWebApp(chart, 'web', {
    image: 'registry.example.com/shop/web:1.4.2',
    port: 8080,
    readiness: HealthCheck.httpGet('/healthz'),
    resources: { requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(256) } },
  });
  return chart;
}

describe('shop', () => {
  test('passes the rule pack and the Kubernetes 1.27 API server', () => {
    const chart = shop();
    expect(chart).toPassRulePack();                       // errors fail; { level: 'warning' } for lint --strict
    expect(chart).toBeValidKubernetes();                  // schema (unknown fields rejected) + API-server rules
    expect(chart).toHaveQosClass('Guaranteed', { name: 'web' });
  });

  test('a plain cdk8s-plus Deployment without a readiness probe is reported', () => {
    const chart = new Chart(Testing.app(), 'legacy');
    new kplus.Deployment(chart, 'api', { containers: [{ image: 'registry.example.com/shop/api:2.0.1', portNumber: 8080 }] });
    expect(chart).toHaveFinding('CKP201', { level: 'error' });
    expect(chart).not.toPassRulePack();
  });

  test('hand-written objects too', () => {
    const typo = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80, targtPort: 8080 }] } };
    expect([typo]).not.toBeValidKubernetes();
    expect(Testing.synth(shop())).not.toHaveFinding('CKP201');
  });
});
