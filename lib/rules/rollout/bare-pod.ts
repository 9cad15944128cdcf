import { Rule } from '../types';

export const barePod: Rule = {
  id: 'CKP504',
  name: 'bare-pod',
  level: 'warning',
  summary: 'Pods are created by a controller (Deployment, StatefulSet, DaemonSet, Job), not written as bare Pods.',
  why: 'Nothing recreates a bare Pod: when its node fails, is drained or is upgraded, or the pod is evicted, it is gone for '
    + 'good, and nothing rolls it out again when its spec changes. Seed 004\'s Pods run this way.',
  fix: 'Wrap the pod spec in a Deployment (long-running), a Job (run to completion) or a DaemonSet (one per node).',
  kinds: ['Pod'],
  check(obj) {
    const owners = obj.metadata?.ownerReferences;
    if (Array.isArray(owners) && owners.some((o: any) => o?.controller === true)) return [];
    return [{ field: 'kind', value: 'Pod', message: 'is a bare Pod: no controller recreates it when its node fails or it is evicted' }];
  },
};
