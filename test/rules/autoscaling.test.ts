import { hpaReplicasInvalid } from '../../lib/rules/autoscaling/hpa-replicas-invalid';
import { hpaResourceRequestMissing } from '../../lib/rules/autoscaling/hpa-resource-request-missing';
import { hpaTargetSetsReplicas } from '../../lib/rules/autoscaling/hpa-target-sets-replicas';
import { pdbBlocksAllDisruption } from '../../lib/rules/autoscaling/pdb-blocks-all-disruption';
import { pdbSpecInvalid } from '../../lib/rules/autoscaling/pdb-spec-invalid';
import { container, deployment } from './fixtures';

const hpa = (spec: Record<string, any> = {}) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, ...spec },
});
const pdb = (spec: Record<string, any>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
const unscaled = () => { const d = deployment(); delete d.spec.replicas; return d; };

describe('CKP505 hpa-target-sets-replicas', () => {
  test('non-compliant: the HPA\'s target writes replicas', () => {
    const d = deployment();
    const v = hpaTargetSetsReplicas.check(d, { objects: [d, hpa()] });
    expect(v).toHaveLength(1);
    expect(v[0].field).toBe('spec.replicas');
    expect(v[0].message).toMatch(/HorizontalPodAutoscaler 'web' scales this Deployment/);
  });
  test('compliant: no replicas, or no HPA, or an HPA in another namespace', () => {
    const d = unscaled();
    expect(hpaTargetSetsReplicas.appliesTo!(d)).toBe(false);
    expect(hpaTargetSetsReplicas.check(deployment(), { objects: [deployment()] })).toEqual([]);
    const other = { ...hpa(), metadata: { name: 'web', namespace: 'other' } };
    expect(hpaTargetSetsReplicas.check(deployment(), { objects: [other] })).toEqual([]);
  });
});

describe('CKP506 hpa-replicas-invalid', () => {
  test.each([
    [{ minReplicas: 0 }, /minReplicas is 0/],
    [{ minReplicas: 4, maxReplicas: 3 }, /maxReplicas \(3\) is below minReplicas \(4\)/],
    [{ maxReplicas: 0 }, /maxReplicas is 0/],
    [{ minReplicas: 1.5 }, /minReplicas is 1.5/],
  ])('non-compliant: %j', (spec, message) => {
    expect(hpaReplicasInvalid.check(hpa(spec), { objects: [] })[0].message).toMatch(message);
  });
  test('compliant: 2..5, and no minReplicas (defaults to 1)', () => {
    expect(hpaReplicasInvalid.check(hpa(), { objects: [] })).toEqual([]);
    expect(hpaReplicasInvalid.check(hpa({ minReplicas: undefined }), { objects: [] })).toEqual([]);
  });
});

describe('CKP507 pdb-blocks-all-disruption', () => {
  test('non-compliant: minAvailable equals the HPA\'s minReplicas', () => {
    const d = unscaled();
    const p = pdb({ minAvailable: 2 });
    const v = pdbBlocksAllDisruption.check(p, { objects: [d, hpa(), p] });
    expect(v[0].message).toMatch(/lets no pod be evicted at 2 replica\(s\) \(HorizontalPodAutoscaler 'web' minReplicas\)/);
  });
  test('non-compliant: minAvailable 50% of 1 replica rounds up to 1', () => {
    const d = deployment({}, { replicas: 1 });
    const p = pdb({ minAvailable: '50%' });
    expect(pdbBlocksAllDisruption.check(p, { objects: [d, p] })[0].message).toMatch(/at 1 replica\(s\) \(Deployment 'web' replicas\)/);
  });
  test.each([{ maxUnavailable: 0 }, { maxUnavailable: '0%' }, { minAvailable: '100%' }])('non-compliant on its own: %j', spec => {
    expect(pdbBlocksAllDisruption.check(pdb(spec), { objects: [] })[0].message).toMatch(/no pod can ever be evicted/);
  });
  test('compliant: maxUnavailable 1, and minAvailable below the floor', () => {
    const d = deployment({}, { replicas: 3 });
    expect(pdbBlocksAllDisruption.check(pdb({ maxUnavailable: 1 }), { objects: [d] })).toEqual([]);
    expect(pdbBlocksAllDisruption.check(pdb({ minAvailable: 2 }), { objects: [d] })).toEqual([]);
  });
});

describe('CKP508 hpa-resource-request-missing', () => {
  const memoryOnly = container({ resources: { requests: { memory: '64Mi' }, limits: { memory: '64Mi' } } });
  test('non-compliant: cpu utilization, a container without a cpu request', () => {
    const d = deployment({ containers: [container(), { ...memoryOnly, name: 'proxy' }] });
    const h = hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] });
    const v = hpaResourceRequestMissing.check(h, { objects: [d, h] });
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ container: 'proxy', field: 'spec.metrics[0]' });
  });
  test('no metrics means 80% cpu', () => {
    const d = deployment({ containers: [memoryOnly] });
    expect(hpaResourceRequestMissing.check(hpa(), { objects: [d] })[0].message).toMatch(/requests no cpu/);
  });
  test('compliant: every container requests it; AverageValue targets need no request', () => {
    const d = deployment({ containers: [memoryOnly] });
    const h = hpa({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } }, { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }] });
    expect(hpaResourceRequestMissing.check(h, { objects: [d] })).toEqual([]);
  });
});

describe('CKP509 pdb-spec-invalid', () => {
  test('non-compliant: both fields', () => {
    expect(pdbSpecInvalid.check(pdb({ minAvailable: 1, maxUnavailable: 1 }), { objects: [] })[0].message).toMatch(/both minAvailable and maxUnavailable/);
  });
  test.each([-1, '1', '120%', 1.5])('non-compliant amount %p', v => {
    expect(pdbSpecInvalid.check(pdb({ maxUnavailable: v }), { objects: [] })[0].field).toBe('spec.maxUnavailable');
  });
  test('compliant', () => {
    expect(pdbSpecInvalid.check(pdb({ maxUnavailable: '25%' }), { objects: [] })).toEqual([]);
  });
});
