import { BATCH_KINDS } from '../k8s';
import { Rule } from '../types';
import { jobSpecOf } from './job-spec';

export const jobDeadlineMissing: Rule = {
  id: 'CKP601',
  name: 'job-deadline-missing',
  level: 'error',
  summary: 'A Job (or a CronJob\'s job template) sets activeDeadlineSeconds.',
  why: 'Without a deadline nothing bounds a Job in wall time: a fast-failing container is recreated again and again (seed 004: '
    + 'hundreds of pods for one bad Job), and a hung one runs forever, holding its resources; under a CronJob with '
    + '`concurrencyPolicy: Forbid` a hung run also silently skips every later run.',
  fix: 'Set `activeDeadlineSeconds` to the longest the work may take, all retries included (BoundedJob requires `activeDeadline`).',
  kinds: BATCH_KINDS,
  check(obj) {
    const job = jobSpecOf(obj);
    if (!job) return [];
    const d = job.spec.activeDeadlineSeconds;
    if (d === undefined || d === null) {
      return [{ field: `${job.path}.activeDeadlineSeconds`, message: 'sets no activeDeadlineSeconds, so failing or hung pods are retried or kept without a time limit' }];
    }
    if (d === 0) return [{ field: `${job.path}.activeDeadlineSeconds`, value: d, message: 'activeDeadlineSeconds is 0, so the Job fails the moment it starts' }];
    return [];
  },
};
