import { BATCH_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { isNonNegativeInt, jobSpecOf } from './job-spec';

/** The Job spec fields that must be whole numbers ≥ 0. */
const JOB_FIELDS = ['activeDeadlineSeconds', 'backoffLimit', 'completions', 'parallelism', 'ttlSecondsAfterFinished'];
/** The CronJob spec fields that must be whole numbers ≥ 0. */
const CRONJOB_FIELDS = ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'];

export const jobNumberInvalid: Rule = {
  id: 'CKP610',
  name: 'job-number-invalid',
  level: 'error',
  summary: 'A Job\'s counts and durations (backoffLimit, completions, parallelism, deadlines, TTL, history limits) are whole numbers ≥ 0.',
  why: 'The API server rejects a negative or fractional count or number of seconds, so the apply fails.',
  fix: 'Use a whole number of at least 0 (for BoundedJob: a whole `backoffLimit`, `completions`, `parallelism`, and whole-second durations).',
  kinds: BATCH_KINDS,
  check(obj) {
    const out: Violation[] = [];
    const check = (spec: any, path: string, fields: string[]) => {
      for (const f of fields) {
        const v = spec?.[f];
        if (v !== undefined && v !== null && !isNonNegativeInt(v)) {
          out.push({ field: `${path}.${f}`, value: v, message: `${f} is ${JSON.stringify(v)}, but must be a whole number of at least 0` });
        }
      }
    };
    const job = jobSpecOf(obj);
    if (job) check(job.spec, job.path, JOB_FIELDS);
    if (obj.kind === 'CronJob') check(obj.spec, 'spec', CRONJOB_FIELDS);
    return out;
  },
};
