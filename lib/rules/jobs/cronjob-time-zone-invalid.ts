import { timeZoneProblem } from '../cron';
import { Rule } from '../types';

export const cronJobTimeZoneInvalid: Rule = {
  id: 'CKP606',
  name: 'cronjob-time-zone-invalid',
  level: 'error',
  summary: 'A CronJob\'s timeZone, when set, is an IANA time zone name the cluster can load.',
  why: 'The API server rejects a time zone that is not in the IANA database (`Europe/Berlin`, `UTC`), is misspelled or '
    + 'wrongly cased (`europe/berlin`), or is `Local`, so the apply fails.',
  fix: 'Use a name from the IANA time zone database exactly as spelled there, e.g. `Europe/Berlin`, `America/New_York`, `UTC`; '
    + 'or leave timeZone out to use the controller\'s zone.',
  kinds: ['CronJob'],
  check(obj) {
    const tz = obj.spec?.timeZone;
    if (tz === undefined || tz === null) return [];
    const problem = typeof tz === 'string' ? timeZoneProblem(tz) : 'is not a string';
    return problem ? [{ field: 'spec.timeZone', value: tz, message: `timeZone ${JSON.stringify(tz)} ${problem}` }] : [];
  },
};
