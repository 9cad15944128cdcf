import { pvcStorageInvalid } from '../../lib/rules/storage/pvc-storage-invalid';

const ctx = { objects: [] };
const pvc = (requests?: Record<string, unknown>) => ({ kind: 'PersistentVolumeClaim', metadata: { name: 'w' }, spec: { accessModes: ['ReadWriteOnce'], resources: requests ? { requests } : undefined } });

describe('CKP903 pvc-storage-invalid', () => {
  test('compliant: a positive size', () => {
    expect(pvcStorageInvalid.check(pvc({ storage: '20Gi' }), ctx)).toEqual([]);
  });
  test.each(['0', '0Gi', '-1Gi', 'lots'])('non-compliant: storage %s', storage => {
    expect(pvcStorageInvalid.check(pvc({ storage }), ctx)).toEqual([expect.objectContaining({ field: 'spec.resources.requests.storage', value: storage })]);
  });
  test('non-compliant: no size at all', () => {
    expect(pvcStorageInvalid.check(pvc(), ctx)[0].message).toBe('requests no storage size');
  });
  test('StatefulSet claim templates', () => {
    const sts = { kind: 'StatefulSet', metadata: { name: 'db' }, spec: { volumeClaimTemplates: [{ spec: { resources: { requests: { storage: '10Gi' } } } }, { spec: { resources: { requests: { storage: '0' } } } }] } };
    expect(pvcStorageInvalid.check(sts, ctx).map(v => v.field)).toEqual(['spec.volumeClaimTemplates[1].spec.resources.requests.storage']);
  });
});
