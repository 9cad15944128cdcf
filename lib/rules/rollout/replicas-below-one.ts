import { Rule } from '../types';

export const replicasBelowOne: Rule = {
  id: 'CKP503',
  name: 'replicas-below-one',
  level: 'error',
  summary: 'A Deployment, StatefulSet or ReplicaSet in a manifest runs at least one replica.',
  why: 'Negative replicas are rejected by the API server; zero replicas serve nothing, and a PodDisruptionBudget or Service '
    + 'in front of them hides that the workload is gone.',
  fix: 'Set replicas to 1 or more (2 or more for a service that must survive a node drain), or delete the workload.',
  kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  check(obj) {
    const r = obj.spec?.replicas;
    if (r === undefined || (typeof r === 'number' && Number.isInteger(r) && r >= 1)) return [];
    return [{ field: 'spec.replicas', value: r, message: `replicas is ${JSON.stringify(r)}, but must be a whole number of at least 1` }];
  },
};
