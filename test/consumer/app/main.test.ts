import 'cdk8s-patterns/jest';
import { MyChart } from './main';
import { Testing } from 'cdk8s';

describe('MyChart', () => {
  test('synthesizes the shop: web app, migration, nightly report, dev box', () => {
    const app = Testing.app();
    const chart = new MyChart(app, 'test-chart');
    const results = Testing.synth(chart);
    expect(results.map(o => o.kind).sort()).toEqual(expect.arrayContaining(['CronJob', 'Deployment', 'Job', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']));
    expect(results).toMatchSnapshot();
  });

  test('passes the rule pack and the Kubernetes 1.27 API server', () => {
    const chart = new MyChart(Testing.app(), 'test-chart');
    expect(chart).toPassRulePack();
    expect(chart).toBeValidKubernetes();
    expect(chart).toHaveQosClass('Guaranteed', { name: 'web' });
    expect(chart).toHaveQosClass('Burstable', { name: 'dev' });
    expect(chart).not.toHaveFinding('CKP201');
  });
});
