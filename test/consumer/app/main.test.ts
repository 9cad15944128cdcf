import { MyChart } from './main';
import { Testing } from 'cdk8s';

describe('MyChart', () => {
  test('synthesizes the shop: web app, migration, nightly report, dev box', () => {
    const app = Testing.app();
    const chart = new MyChart(app, 'test-chart');
    const results = Testing.synth(chart);
    expect(results.map(o => o.kind).sort()).toEqual(expect.arrayContaining(['CronJob', 'Deployment', 'Job', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']));
    expect(chart.web.qosClass).toBe('Guaranteed');
    expect(results).toMatchSnapshot();
  });
});
