import { Rule } from '../types';

export const jobTtlMissing: Rule = {
  id: 'CKP603',
  name: 'job-ttl-missing',
  level: 'warning',
  summary: 'A Job sets ttlSecondsAfterFinished, so it and its pods are deleted some time after it finishes.',
  why: 'A finished Job and all its pods (one per failed attempt) stay until someone deletes them: they pile up in `kubectl get`, '
    + 'in etcd and in every controller\'s cache. CronJobs are exempt: their history limits clean up the Jobs they create.',
  fix: 'Set `ttlSecondsAfterFinished` long enough to read the logs of a failure (BoundedJob: 1 day by default).',
  kubeLinter: ['job-ttl-seconds-after-finished'],
  kinds: ['Job'],
  check(obj) {
    const ttl = obj.spec?.ttlSecondsAfterFinished;
    if (ttl !== undefined && ttl !== null) return [];
    return [{ field: 'spec.ttlSecondsAfterFinished', message: 'sets no ttlSecondsAfterFinished, so the finished Job and its pods are never cleaned up' }];
  },
};
