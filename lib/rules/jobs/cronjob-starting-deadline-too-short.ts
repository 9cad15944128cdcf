import { Rule } from '../types';

/** The CronJob controller checks its schedules about this often. */
export const CRONJOB_SYNC_SECONDS = 10;

export const cronJobStartingDeadlineTooShort: Rule = {
  id: 'CKP613',
  name: 'cronjob-starting-deadline-too-short',
  level: 'warning',
  summary: `A CronJob's startingDeadlineSeconds, when set, is at least ${CRONJOB_SYNC_SECONDS}s.`,
  why: `The CronJob controller looks at its schedules about every ${CRONJOB_SYNC_SECONDS} seconds; a shorter starting deadline `
    + 'makes it miss runs it found a few seconds late, so the job silently runs less often than scheduled, or never.',
  fix: 'Set `startingDeadlineSeconds` to how late a run may still start (minutes, not seconds), or leave it out.',
  kinds: ['CronJob'],
  check(obj) {
    const d = obj.spec?.startingDeadlineSeconds;
    if (typeof d !== 'number' || d < 0 || d >= CRONJOB_SYNC_SECONDS) return [];
    return [{ field: 'spec.startingDeadlineSeconds', value: d, message: `startingDeadlineSeconds (${d}s) is shorter than the controller's ${CRONJOB_SYNC_SECONDS}s check interval, so runs are missed` }];
  },
};
