import { scheduleProblem } from '../cron';
import { Rule } from '../types';

export const cronJobScheduleInvalid: Rule = {
  id: 'CKP605',
  name: 'cronjob-schedule-invalid',
  level: 'error',
  summary: 'A CronJob\'s schedule is five cron fields or a macro, as Kubernetes parses them.',
  why: 'The API server rejects a schedule it cannot parse (a 61st minute, a missing field, a time zone prefix), so the apply '
    + 'fails; a schedule that is valid cron elsewhere (day-of-week 7, `TZ=` prefixes) is not necessarily valid here.',
  fix: 'Write `minute hour day-of-month month day-of-week` (0–59, 0–23, 1–31, 1–12 or JAN–DEC, 0–6 or SUN–SAT; `*`, lists, '
    + 'ranges and `/steps`) or a macro such as `@daily`; put the time zone in `timeZone`.',
  kinds: ['CronJob'],
  check(obj) {
    const schedule = obj.spec?.schedule;
    if (typeof schedule !== 'string') {
      return [{ field: 'spec.schedule', value: schedule, message: 'has no schedule' }];
    }
    const problem = scheduleProblem(schedule);
    if (!problem) return [];
    return [{ field: 'spec.schedule', value: schedule, message: problem.message, fix: problem.fix }];
  },
};
