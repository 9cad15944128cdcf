import { Duration, Testing } from 'cdk8s';
import { BoundedCronJob } from '../../lib';
import { serviceAccountTokenMounted } from '../../lib/rules/security/service-account-token-mounted';
import { deployment } from '../rules/fixtures';
import { chart } from '../util';
import { ruleIdOf, synthWebApp, webBase } from './web-app-helpers';

const REASON = 'the app lists Endpoints to find its peers (read-only Role on endpoints)';

describe('serviceAccount', () => {
  test('default: no serviceAccountName, no token (unchanged)', () => {
    const pod = synthWebApp().of('Deployment').spec.template.spec;
    expect(pod.serviceAccountName).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('an existing ServiceAccount by name, still no token', () => {
    const { of, out } = synthWebApp({ serviceAccount: { name: 'shop-reader' } });
    const pod = of('Deployment').spec.template.spec;
    expect(pod.serviceAccountName).toBe('shop-reader');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(out.map(o => o.kind)).not.toContain('ServiceAccount');
  });

  test('create: a ServiceAccount named after the instance, without a token, labelled', () => {
    const { of, app } = synthWebApp({ serviceAccount: { create: true } });
    const sa = of('ServiceAccount');
    expect(sa.metadata.name).toBe('web');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.metadata.labels['app.kubernetes.io/instance']).toBe('web');
    expect(of('Deployment').spec.template.spec.serviceAccountName).toBe('web');
    expect(app.serviceAccount).toBeDefined();
  });

  test('a token only with CKP730 suppressed: the reason is on the workload, for us and for Polaris', () => {
    expect(ruleIdOf(() => synthWebApp({ serviceAccount: { name: 'peers', mountToken: true } }))).toBe('CKP730');
    const { of, app } = synthWebApp({ serviceAccount: { name: 'peers', mountToken: true }, suppressions: [{ id: 'CKP730', reason: REASON }] });
    const d = of('Deployment');
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(d.metadata.annotations['cdk8s-patterns/suppress.CKP730']).toBe(REASON);
    expect(d.metadata.annotations['polaris.fairwinds.com/automountServiceAccountToken-exempt-reason']).toBe(REASON);
    expect(app.rules.findings().filter(f => f.rule.id === 'CKP730').every(f => f.suppressed)).toBe(true);
  });

  test('batch constructs take it', () => {
    const c = chart();
    new BoundedCronJob(c, 'report', { image: webBase.image, resources: webBase.resources, schedule: '@daily', activeDeadline: Duration.minutes(10), serviceAccount: { name: 'reporter' } });
    expect(Testing.synth(c).find(o => o.kind === 'CronJob').spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('reporter');
  });

  test('refused: a name no ServiceAccount can have', () => {
    expect(ruleIdOf(() => synthWebApp({ serviceAccount: { name: 'Shop_Reader' } }))).toBe('CKP826');
  });
});

describe('CKP730 service-account-token-mounted', () => {
  test('a pod that asks for a token without a reason', () => {
    const d = deployment({ automountServiceAccountToken: true, serviceAccountName: 'x' });
    expect(serviceAccountTokenMounted.check(d, { objects: [] })[0].message).toMatch(/ServiceAccount 'x' without a recorded reason/);
  });
  test('out of scope: false or unset (Polaris judges unset)', () => {
    expect(serviceAccountTokenMounted.check(deployment({ automountServiceAccountToken: false }), { objects: [] })).toEqual([]);
    expect(serviceAccountTokenMounted.check(deployment(), { objects: [] })).toEqual([]);
  });
});
