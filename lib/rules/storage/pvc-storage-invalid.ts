import { parseQuantity } from '../k8s';
import { Rule, Violation } from '../types';

export const pvcStorageInvalid: Rule = {
  id: 'CKP903',
  name: 'pvc-storage-invalid',
  level: 'error',
  summary: 'A PersistentVolumeClaim (or a StatefulSet\'s claim template) requests a storage size greater than zero.',
  why: 'The API server rejects a claim without `resources.requests.storage` or with a size of 0, so the claim is never created '
    + 'and every pod that mounts it stays Pending.',
  fix: 'Request the space the volume needs, e.g. `storage: 10Gi`.',
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  check(obj) {
    const claims: { spec: any; path: string }[] = obj.kind === 'PersistentVolumeClaim'
      ? [{ spec: obj.spec, path: 'spec' }]
      : (Array.isArray(obj.spec?.volumeClaimTemplates) ? obj.spec.volumeClaimTemplates : [])
        .map((t: any, i: number) => ({ spec: t?.spec, path: `spec.volumeClaimTemplates[${i}].spec` }));
    const out: Violation[] = [];
    for (const { spec, path } of claims) {
      const field = `${path}.resources.requests.storage`;
      const storage = spec?.resources?.requests?.storage;
      const bytes = parseQuantity(storage);
      if (storage === undefined) out.push({ field, message: 'requests no storage size' });
      else if (bytes === undefined || !(bytes > 0)) out.push({ field, value: storage, message: `requests storage ${JSON.stringify(storage)}, which is not a size greater than zero` });
    }
    return out;
  },
};
