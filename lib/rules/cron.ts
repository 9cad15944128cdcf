/**
 * CronJob schedules and time zones, checked the way the Kubernetes 1.27 API server checks them:
 * schedules with robfig/cron v3 `ParseStandard` (pkg/apis/batch/validation), time zones with the
 * IANA naming rules plus a lookup in the time zone database. What passes here, the API accepts.
 */

/** What is wrong with a schedule: the schedule field at fault, its text, and why. */
export interface ScheduleProblem {
  /** `schedule`, or the cron field: `minute`, `hour`, `day-of-month`, `month`, `day-of-week`. */
  readonly field: string;
  /** The offending text. */
  readonly value: string;
  /** One sentence naming the value and the constraint it breaks. */
  readonly message: string;
  /** A fix specific to this problem. @default - the generic schedule fix */
  readonly fix?: string;
}

/** The macros Kubernetes accepts in place of five fields (besides `@every <duration>`). */
export const SCHEDULE_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Case-insensitive names for values min.. in order. */
  readonly names?: readonly string[];
  /** Said after an out-of-range value. */
  readonly hint?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The five fields in order. Day-of-week is 0–6: unlike Vixie cron, Kubernetes rejects 7 for Sunday. */
export const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, names: WEEKDAYS, hint: ' (Sunday is 0: Kubernetes does not accept 7)' },
];

// Go's time.ParseDuration: a signed sequence of decimal numbers with units, or a bare 0.
const GO_DURATION = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** Why Kubernetes rejects `schedule`, or undefined when it accepts it. */
export function scheduleProblem(schedule: string): ScheduleProblem | undefined {
  const whole = (message: string): ScheduleProblem => ({ field: 'schedule', value: schedule, message });
  if (schedule.length === 0) return whole('schedule is empty');
  // The API server rejects any "TZ" on create (it only tolerates one kept from an older object).
  if (schedule.includes('TZ')) {
    return { ...whole(`schedule '${schedule}' sets its time zone with TZ= or CRON_TZ=, which the API server rejects`), fix: 'remove the TZ=/CRON_TZ= prefix and set the time zone in `timeZone`.' };
  }
  if (schedule.startsWith('@')) {
    if ((SCHEDULE_MACROS as readonly string[]).includes(schedule)) return undefined;
    if (schedule.startsWith('@every ')) {
      const d = schedule.slice('@every '.length);
      return GO_DURATION.test(d) ? undefined : whole(`schedule '${schedule}': '${d}' is not a duration such as 90m or 1h30m`);
    }
    return whole(`schedule '${schedule}' is not a macro Kubernetes knows (${SCHEDULE_MACROS.join(', ')}, @every <duration>)`);
  }
  const fields = schedule.trim().split(/\s+/).filter(f => f !== '');
  if (fields.length !== CRON_FIELDS.length) {
    return whole(`schedule '${schedule}' has ${fields.length} field${fields.length === 1 ? '' : 's'}, but needs 5: ${CRON_FIELDS.map(f => f.name).join(' ')}`);
  }
  for (let i = 0; i < fields.length; i++) {
    const message = fieldProblem(fields[i], CRON_FIELDS[i]);
    if (message) return { field: CRON_FIELDS[i].name, value: fields[i], message: `schedule '${schedule}': ${CRON_FIELDS[i].name} '${fields[i]}' ${message}` };
  }
  return undefined;
}

/** Why one field is invalid: a comma-separated list of `*`, `?`, `N`, `N-M`, each with an optional `/step`. */
function fieldProblem(text: string, f: CronField): string | undefined {
  // robfig/cron skips empty list items ("1,,2" is 1,2).
  for (const expr of text.split(',').filter(e => e !== '')) {
    const rangeAndStep = expr.split('/');
    if (rangeAndStep.length > 2) return `has more than one '/' in '${expr}'`;
    const lowHigh = rangeAndStep[0].split('-');
    let start: number;
    let end: number;
    if (lowHigh[0] === '*' || lowHigh[0] === '?') {
      [start, end] = [f.min, f.max];
    } else {
      if (lowHigh.length > 2) return `has more than one '-' in '${expr}'`;
      const parsed = lowHigh.map(v => parseValue(v, f));
      const bad = parsed.findIndex(v => v === undefined);
      if (bad >= 0) return `contains '${lowHigh[bad]}', which is not a number${f.names ? ` or a name (${f.names[0].toUpperCase()}–${f.names[f.names.length - 1].toUpperCase()})` : ''}`;
      start = parsed[0]!;
      end = parsed[parsed.length - 1]!;
    }
    if (rangeAndStep.length === 2) {
      const step = parseValue(rangeAndStep[1]);
      if (step === undefined) return `has step '${rangeAndStep[1]}', which is not a number`;
      if (step === 0) return `has step 0 in '${expr}': a step must be at least 1`;
      // "N/step" means "N-max/step".
      if (lowHigh.length === 1) end = f.max;
    }
    for (const v of [start, end]) {
      if (v < f.min || v > f.max) return `is out of range: ${v} is not in ${f.min}–${f.max}${f.hint ?? ''}`;
    }
    if (start > end) return `has range ${start}-${end}, which runs backwards (wrap-around ranges are not supported)`;
  }
  return undefined;
}

/** A non-negative integer (Go's strconv.Atoi accepts a leading '+'), or a field name. */
function parseValue(text: string, f?: CronField): number | undefined {
  const named = f?.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return f!.min + named;
  return /^\+?\d+$/.test(text) ? Number(text) : undefined;
}

// The API server's check of each '/'-separated part of a time zone name (IANA naming rules, plus
// digits and '+' for legacy names such as Etc/GMT+5).
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** Intl's name for a time zone, or undefined when it has none; remembered, as creating a formatter takes ~0.1 ms. */
function canonicalZone(timeZone: string): string | undefined {
  if (!ZONES.has(timeZone)) {
    let known: string | undefined;
    // A canonical name (most names in use) is its own canonical form: the list of them costs ~2 ms;
    // a DateTimeFormat loads ICU's locale data (~25 ms the first time in a process).
    if (canonicalZones().has(timeZone)) {
      known = timeZone;
    } else {
      try {
        known = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
      } catch {
        known = undefined;
      }
    }
    ZONES.set(timeZone, known);
  }
  return ZONES.get(timeZone);
}

const ZONES = new Map<string, string | undefined>();
let CANONICAL_ZONES: ReadonlySet<string> | undefined;
/** The runtime's canonical time zone names (ECMA-402 AvailableCanonicalTimeZones). */
function canonicalZones(): ReadonlySet<string> {
  // Intl.supportedValuesOf is ES2022 (Node.js 18 has it); typed here for older TypeScript libs.
  const intl = Intl as { supportedValuesOf?: (key: 'timeZone') => string[] };
  CANONICAL_ZONES ??= new Set(intl.supportedValuesOf?.('timeZone') ?? []);
  return CANONICAL_ZONES;
}

/**
 * Why Kubernetes rejects `timeZone`, or undefined when it is an IANA time zone name the cluster can
 * load (`Europe/Berlin`, `UTC`, `Etc/GMT+5`). Existence is checked against this Node.js runtime's
 * time zone database, the same IANA data the controller loads.
 */
export function timeZoneProblem(timeZone: string): string | undefined {
  if (timeZone.length === 0) return 'is empty';
  if (timeZone.toLowerCase() === 'local') return 'names the controller\'s own local zone, not an explicit one';
  const parts = timeZone.split('/');
  if (parts.some(p => p === '.' || p === '..' || p.startsWith('-') || !TZ_PART.test(p) || !/^[A-Za-z]/.test(p))) {
    return 'is not an IANA time zone name (Area/City such as Europe/Berlin, or UTC)';
  }
  const known = canonicalZone(timeZone);
  if (known === undefined) return 'is not in the IANA time zone database';
  // Intl ignores case; the controller's lookup does not.
  if (known !== timeZone && known.toLowerCase() === timeZone.toLowerCase()) return `is spelled '${known}' in the time zone database (names are case-sensitive)`;
  return undefined;
}
