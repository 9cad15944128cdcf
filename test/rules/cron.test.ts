import { scheduleProblem, SCHEDULE_MACROS, timeZoneProblem } from '../../lib/rules/cron';

describe('scheduleProblem: what the API server (robfig/cron v3 ParseStandard) accepts', () => {
  test.each([
    '* * * * *',
    '0 2 * * *',
    '  0 2 * * *  ', // surrounding whitespace is ignored for five fields
    '0\t2 * *\t*',
    '*/15 9-17 * * 1-5',
    '0 0 1,15 * *',
    '0 0 1,,15 * *', // empty list items are skipped
    '5/10 * * * *', // N/step means N-max/step
    '0 0 ? * ?',
    '0 0 * jan-MAR sun',
    '0 0 * Dec Sat',
    '0 0 31 12 6',
    '+5 * * * *', // Go's Atoi takes a sign
    '00 02 * * *',
    ...SCHEDULE_MACROS,
    '@every 1h30m',
    '@every 90s',
  ])('accepts %p', s => {
    expect(scheduleProblem(s)).toBeUndefined();
  });

  test.each([
    ['61 * * * *', 'minute', "schedule '61 * * * *': minute '61' is out of range: 61 is not in 0–59"],
    ['* * *', 'schedule', "schedule '* * *' has 3 fields, but needs 5: minute hour day-of-month month day-of-week"],
    ['0 0 * * * *', 'schedule', "schedule '0 0 * * * *' has 6 fields, but needs 5: minute hour day-of-month month day-of-week"],
    ['0 24 * * *', 'hour', "schedule '0 24 * * *': hour '24' is out of range: 24 is not in 0–23"],
    ['0 0 0 * *', 'day-of-month', "schedule '0 0 0 * *': day-of-month '0' is out of range: 0 is not in 1–31"],
    ['0 0 * 13 *', 'month', "schedule '0 0 * 13 *': month '13' is out of range: 13 is not in 1–12"],
    ['0 0 * * 7', 'day-of-week', "schedule '0 0 * * 7': day-of-week '7' is out of range: 7 is not in 0–6 (Sunday is 0: Kubernetes does not accept 7)"],
    ['0 0 * * MON-SUN', 'day-of-week', "schedule '0 0 * * MON-SUN': day-of-week 'MON-SUN' has range 1-0, which runs backwards (wrap-around ranges are not supported)"],
    ['0 0 * FOO *', 'month', "schedule '0 0 * FOO *': month 'FOO' contains 'FOO', which is not a number or a name (JAN–DEC)"],
    ['x * * * *', 'minute', "schedule 'x * * * *': minute 'x' contains 'x', which is not a number"],
    ['*/0 * * * *', 'minute', "schedule '*/0 * * * *': minute '*/0' has step 0 in '*/0': a step must be at least 1"],
    ['*/x * * * *', 'minute', "schedule '*/x * * * *': minute '*/x' has step 'x', which is not a number"],
    ['1/2/3 * * * *', 'minute', "schedule '1/2/3 * * * *': minute '1/2/3' has more than one '/' in '1/2/3'"],
    ['1-2-3 * * * *', 'minute', "schedule '1-2-3 * * * *': minute '1-2-3' has more than one '-' in '1-2-3'"],
    ['1- * * * *', 'minute', "schedule '1- * * * *': minute '1-' contains '', which is not a number"],
    ['0 0 * * 1,8', 'day-of-week', "schedule '0 0 * * 1,8': day-of-week '1,8' is out of range: 8 is not in 0–6 (Sunday is 0: Kubernetes does not accept 7)"],
    ['', 'schedule', 'schedule is empty'],
    ['@DAILY', 'schedule', "schedule '@DAILY' is not a macro Kubernetes knows (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>)"],
    ['@daily ', 'schedule', "schedule '@daily ' is not a macro Kubernetes knows (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>)"],
    ['@every day', 'schedule', "schedule '@every day': 'day' is not a duration such as 90m or 1h30m"],
    ['TZ=UTC 0 2 * * *', 'schedule', "schedule 'TZ=UTC 0 2 * * *' sets its time zone with TZ= or CRON_TZ=, which the API server rejects"],
    ['CRON_TZ=Europe/Berlin @daily', 'schedule', "schedule 'CRON_TZ=Europe/Berlin @daily' sets its time zone with TZ= or CRON_TZ=, which the API server rejects"],
  ])('rejects %p, naming the field', (s, field, message) => {
    expect(scheduleProblem(s)).toMatchObject({ field, message });
  });

  test('a TZ prefix comes with the fix: use timeZone', () => {
    expect(scheduleProblem('TZ=UTC 0 2 * * *')?.fix).toMatch(/timeZone/);
    expect(scheduleProblem('61 * * * *')?.fix).toBeUndefined();
  });
});

describe('timeZoneProblem', () => {
  test.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'Etc/GMT+5', 'Etc/UTC', 'Asia/Calcutta'])('accepts %p', tz => {
    expect(timeZoneProblem(tz)).toBeUndefined();
  });
  test.each([
    ['', 'is empty'],
    ['Local', "names the controller's own local zone, not an explicit one"],
    ['local', "names the controller's own local zone, not an explicit one"],
    ['Europe/Berln', 'is not in the IANA time zone database'],
    ['europe/berlin', "is spelled 'Europe/Berlin' in the time zone database (names are case-sensitive)"],
    ['Europe/../Berlin', 'is not an IANA time zone name (Area/City such as Europe/Berlin, or UTC)'],
    ['+01:00', 'is not an IANA time zone name (Area/City such as Europe/Berlin, or UTC)'],
    ['America/ThisNameIsTooLong', 'is not an IANA time zone name (Area/City such as Europe/Berlin, or UTC)'],
    ['Europe/', 'is not an IANA time zone name (Area/City such as Europe/Berlin, or UTC)'],
  ])('rejects %p', (tz, message) => {
    expect(timeZoneProblem(tz)).toBe(message);
  });
});
