import { configMapKeyInvalid } from '../../lib/rules/objects/configmap-key-invalid';
import { nodePortOutOfRange } from '../../lib/rules/objects/nodeport-out-of-range';
import { objectNameInvalid } from '../../lib/rules/objects/object-name-invalid';

const ctx = { objects: [] };

describe('CKP801 object-name-invalid', () => {
  test.each([['Deployment', 'web-1'], ['ConfigMap', 'a.b'], ['Service', 'web']])('compliant: %s %s', (kind, name) => {
    expect(objectNameInvalid.check({ kind, metadata: { name } }, ctx)).toEqual([]);
  });
  test.each([['Deployment', 'Web'], ['Service', '1web'], ['Service', 'a.b'], ['Deployment', ''], ['CronJob', 'x'.repeat(53)],
    ['ClusterRole', 'a/b'], ['RoleBinding', '..'], ['Role', 'x%y'], ['ServiceAccount', 'metallb-system:speaker']])('non-compliant: %s %p', (kind, name) => {
    expect(objectNameInvalid.check({ kind, metadata: { name } }, ctx)).toHaveLength(1);
  });
  test.each([['ClusterRole', 'system:aggregated-metrics-reader'], ['ClusterRoleBinding', 'resource-metrics:system:auth-delegator'],
    ['Role', 'metallb-system:speaker'], ['RoleBinding', 'Pod-Reader']])('compliant: RBAC names are path segments (%s %s)', (kind, name) => {
    expect(objectNameInvalid.check({ kind, metadata: { name } }, ctx)).toEqual([]);
  });
  test('compliant: only generateName (the API server makes the name); non-compliant: neither', () => {
    expect(objectNameInvalid.check({ kind: 'Job', metadata: { generateName: 'migrate-' } }, ctx)).toEqual([]);
    expect(objectNameInvalid.check({ kind: 'Job', metadata: {} }, ctx)[0].message).toBe('has no metadata.name');
  });
});

describe('CKP802 configmap-key-invalid', () => {
  test('compliant', () => {
    expect(configMapKeyInvalid.check({ kind: 'ConfigMap', data: { 'log.level': 'x', LOG_LEVEL: 'y', 'a-b': 'z' } }, ctx)).toEqual([]);
  });
  test.each(['', 'a b', '..', 'ü'])('non-compliant: %p', key => {
    expect(configMapKeyInvalid.check({ kind: 'ConfigMap', data: { [key]: 'v' } }, ctx)).toHaveLength(1);
  });
});

describe('CKP803 nodeport-out-of-range', () => {
  const svc = (type: string, nodePort: number) => ({ kind: 'Service', spec: { type, ports: [{ port: 81, targetPort: 80, nodePort }] } });
  test('compliant: seed 004, 30080 on a NodePort service', () => {
    expect(nodePortOutOfRange.check(svc('NodePort', 30080), ctx)).toEqual([]);
  });
  test.each([80, 40000])('non-compliant: %i', port => {
    expect(nodePortOutOfRange.check(svc('NodePort', port), ctx)[0].message).toMatch(/outside 30000–32767/);
  });
  test('non-compliant: nodePort on ClusterIP', () => {
    expect(nodePortOutOfRange.check(svc('ClusterIP', 30080), ctx)[0].message).toMatch(/on a ClusterIP Service/);
  });
});
