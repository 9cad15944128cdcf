import { recommendedLabelsMissing as rule } from '../../lib/rules/objects/recommended-labels-missing';
import { deployment, LABELS } from './fixtures';

const ctx = { objects: [] };

describe('CKP804 recommended-labels-missing', () => {
  test('is info, for the kinds an app is made of, not cluster scaffolding (issue 15)', () => {
    expect(rule.level).toBe('info');
    expect(rule.kinds).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ConfigMap', 'Ingress']));
    for (const k of ['CustomResourceDefinition', 'Namespace', 'ServiceAccount', 'ClusterRole', 'ServiceMonitor']) expect(rule.kinds).not.toContain(k);
  });
  test('compliant: object and pod template labelled', () => {
    expect(rule.check(deployment(), ctx)).toEqual([]);
    expect(rule.check({ kind: 'ConfigMap', metadata: { name: 'c', labels: LABELS } }, ctx)).toEqual([]);
  });
  test('non-compliant: an object without labels', () => {
    expect(rule.check({ kind: 'Service', metadata: { name: 's' } }, ctx)).toEqual([
      { field: 'metadata.labels', message: 'has no app.kubernetes.io/name, app.kubernetes.io/instance labels' },
    ]);
  });
  test('non-compliant: a pod template without them, even when the workload has them', () => {
    const d = deployment();
    d.spec.template.metadata.labels = { app: 'web', 'app.kubernetes.io/name': 'web' };
    expect(rule.check(d, ctx)).toEqual([{ field: 'spec.template.metadata.labels', message: 'pod template has no app.kubernetes.io/instance label' }]);
  });
  test('a Pod is checked once, on its own labels', () => {
    expect(rule.check({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }, ctx)).toHaveLength(1);
  });
});
