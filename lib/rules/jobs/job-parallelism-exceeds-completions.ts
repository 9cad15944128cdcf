import { BATCH_KINDS } from '../k8s';
import { Rule } from '../types';
import { isNonNegativeInt, jobSpecOf } from './job-spec';

export const jobParallelismExceedsCompletions: Rule = {
  id: 'CKP611',
  name: 'job-parallelism-exceeds-completions',
  level: 'warning',
  summary: 'A Job with a fixed completion count runs no more pods in parallel than it has completions.',
  why: 'With `completions` set, the controller never runs more pods than completions remain: parallelism above completions '
    + 'reserves nothing and promises a speed-up that cannot happen, which hides a mistake in one of the two numbers.',
  fix: 'Lower `parallelism` to at most `completions`, or leave `completions` out for a work-queue Job whose pods decide when the work is done.',
  kinds: BATCH_KINDS,
  check(obj) {
    const job = jobSpecOf(obj);
    const completions = job?.spec.completions;
    const parallelism = job?.spec.parallelism;
    if (!job || !isNonNegativeInt(completions) || !isNonNegativeInt(parallelism) || parallelism <= completions) return [];
    return [{
      field: `${job.path}.parallelism`,
      value: parallelism,
      message: `parallelism (${parallelism}) exceeds completions (${completions}): at most ${completions} pod${completions === 1 ? '' : 's'} ever run at once`,
    }];
  },
};
