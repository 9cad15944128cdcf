import { Testing } from 'cdk8s';
import { HttpServerChart } from '../../apps/httpserver';

describe('apps/httpserver (seed 001)', () => {
  const chart = new HttpServerChart(Testing.app());
  const out = Testing.synth(chart);
  const d = out.find(o => o.kind === 'Deployment');
  const c = d.spec.template.spec.containers[0];

  test('the seed settings', () => {
    expect(c.image).toBe('cloudnativestg1.azurecr.io/httpserver:1.1');
    expect(d.spec.template.spec.imagePullSecrets).toEqual([{ name: 'cloudnative' }]);
    expect(c.resources).toEqual({ limits: { cpu: '700m', memory: '200Mi' }, requests: { cpu: '700m', memory: '200Mi' } });
    expect(chart.app.qosClass).toBe('Guaranteed');
    expect(d.spec.replicas).toBe(2);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
    expect(out.find(o => o.kind === 'ConfigMap').data).toEqual({ httpport: '8080', loglevel: 'debug' });
  });

  test('no credentials in the output: the pull Secret is referenced, never created', () => {
    expect(out.map(o => o.kind)).not.toContain('Secret');
    expect(JSON.stringify(out)).not.toMatch(/dockerconfigjson|auths/);
  });

  test('no rule finding at all, suppressed or not', () => {
    expect(chart.app.rules.findings()).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
