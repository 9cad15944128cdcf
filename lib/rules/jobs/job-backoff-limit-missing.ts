import { BATCH_KINDS } from '../k8s';
import { Rule } from '../types';
import { API_DEFAULT_BACKOFF_LIMIT, jobSpecOf } from './job-spec';

export const jobBackoffLimitMissing: Rule = {
  id: 'CKP602',
  name: 'job-backoff-limit-missing',
  level: 'warning',
  summary: 'A Job (or a CronJob\'s job template) sets backoffLimit.',
  why: `Left unset, backoffLimit is ${API_DEFAULT_BACKOFF_LIMIT}: a Job whose failure is certain (a bad config, a bad image) runs `
    + `${API_DEFAULT_BACKOFF_LIMIT + 1} times, with exponential delays that keep it alive for minutes, unless a deadline stops it first. `
    + 'The number of attempts is a decision about the work, not a default to inherit.',
  fix: 'Set `backoffLimit` to the retries the work deserves (0 for non-idempotent work, 1–3 for transient failures).',
  kinds: BATCH_KINDS,
  check(obj) {
    const job = jobSpecOf(obj);
    if (!job || (job.spec.backoffLimit !== undefined && job.spec.backoffLimit !== null)) return [];
    return [{ field: `${job.path}.backoffLimit`, message: `sets no backoffLimit, so a failing Job is retried ${API_DEFAULT_BACKOFF_LIMIT} times by default` }];
  },
};
