import { App, Chart, Duration, Testing } from 'cdk8s';
import { BoundedJob, GracefulWebApp, HouseDefaults } from '../../lib';
import { webBase } from './web-app-helpers';

function setup() {
  const app = Testing.app();
  HouseDefaults.set(app, {
    imagePullSecrets: ['registry-pull'],
    partOf: 'shop',
    labels: { team: 'platform', 'example.com/env': 'any' },
    scheduling: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
  });
  const chart = new Chart(app, 'prod', { namespace: 'shop' });
  HouseDefaults.set(chart, {
    priorityClassName: 'shop-critical',
    labels: { 'example.com/env': 'production' },
    scheduling: { nodeSelector: { pool: 'web' } },
    ingressClassName: 'nginx',
  });
  return { app, chart };
}

describe('HouseDefaults', () => {
  test('every construct below gets them; the nearest scope wins; maps merge key by key', () => {
    const { chart } = setup();
    new GracefulWebApp(chart, 'web', { ...webBase, ingress: { hosts: ['shop.example.com'], tlsSecret: 'shop-tls' } });
    new BoundedJob(chart, 'migrate', { image: webBase.image, resources: webBase.resources, activeDeadline: Duration.minutes(5) });
    const out = Testing.synth(chart);
    for (const kind of ['Deployment', 'Job']) {
      const w = out.find(o => o.kind === kind);
      const pod = w.spec.template.spec;
      expect(pod.imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
      expect(pod.priorityClassName).toBe('shop-critical');
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'web' });
      expect(w.metadata.labels).toMatchObject({ 'team': 'platform', 'example.com/env': 'production', 'app.kubernetes.io/part-of': 'shop' });
    }
    expect(out.find(o => o.kind === 'Ingress').spec.ingressClassName).toBe('nginx');
  });

  test('a prop given on the construct wins over every default', () => {
    const { chart } = setup();
    new GracefulWebApp(chart, 'web', {
      ...webBase, imagePullSecrets: [], priorityClassName: 'batch-low', partOf: 'checkout', labels: { team: 'payments' },
      scheduling: { nodeSelector: { pool: 'gpu' } }, ingress: { hosts: ['a.example.com'], tlsSecret: 'a-tls', className: 'traefik' },
    });
    const out = Testing.synth(chart);
    const d = out.find(o => o.kind === 'Deployment');
    expect(d.spec.template.spec.imagePullSecrets).toBeUndefined();
    expect(d.spec.template.spec.priorityClassName).toBe('batch-low');
    expect(d.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'gpu' });
    expect(d.metadata.labels).toMatchObject({ 'team': 'payments', 'example.com/env': 'production', 'app.kubernetes.io/part-of': 'checkout' });
    expect(out.find(o => o.kind === 'Ingress').spec.ingressClassName).toBe('traefik');
  });

  test('constructs outside the scope are untouched', () => {
    const app = new App();
    const other = new Chart(app, 'other');
    const mine = new Chart(app, 'mine');
    HouseDefaults.set(mine, { priorityClassName: 'x' });
    new GracefulWebApp(other, 'web', webBase);
    expect(Testing.synth(other).find(o => o.kind === 'Deployment').spec.template.spec.priorityClassName).toBeUndefined();
  });

  test('set after constructs exist, or twice, fails with CKP847', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new GracefulWebApp(chart, 'web', webBase);
    expect(() => HouseDefaults.set(chart, { partOf: 'x' })).toThrow(/already has constructs.*\[CKP847\]/);
    const fresh = new Chart(app, 'd');
    HouseDefaults.set(fresh, { partOf: 'x' });
    expect(() => HouseDefaults.set(fresh, { partOf: 'y' })).toThrow(/set twice.*\[CKP847\]/);
  });

  test('defaults are validated like props: a bad house label fails in the construct that uses it', () => {
    const app = Testing.app();
    HouseDefaults.set(app, { labels: { 'bad key': 'x' } });
    const chart = new Chart(app, 'c');
    expect(() => new GracefulWebApp(chart, 'web', webBase)).toThrow(/\[CKP840\]/);
  });
});
