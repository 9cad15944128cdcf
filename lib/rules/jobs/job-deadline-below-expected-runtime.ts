import { BATCH_KINDS, fmtSeconds, podSpecOf } from '../k8s';
import { Rule } from '../types';
import { API_DEFAULT_BACKOFF_LIMIT, isNonNegativeInt, jobSpecOf } from './job-spec';

/** Where a Job or CronJob records how long one attempt is expected to take (`5m`, `1h30m`, `90s`). */
export const EXPECTED_RUNTIME_ANNOTATION = 'cdk8s-patterns/expected-runtime';

/** The wait before each retry: the Job controller's 10s doubling to 6 min; the kubelet's crash backoff caps at 5 min. */
const FIRST_RETRY_DELAY = 10;
const RETRY_DELAY_CAP = { Never: 360, OnFailure: 300 };

/** `1h30m5s`-style durations in whole seconds, or undefined. */
export function parseDurationSeconds(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The wall time `backoffLimit + 1` attempts of `expected` seconds need, with the retry delays between them. */
export function boundedRuntime(expected: number, backoffLimit: number, restartPolicy: string | undefined): { total: number; attempts: number; delays: number[] } {
  const cap = restartPolicy === 'OnFailure' ? RETRY_DELAY_CAP.OnFailure : RETRY_DELAY_CAP.Never;
  // In closed form past the first delays: backoffLimit may be as large as int32 (a manifest, a prop),
  // and one array entry per retry would exhaust memory.
  const shown = Math.min(backoffLimit, 16);
  const delays = Array.from({ length: shown }, (_, i) => Math.min(FIRST_RETRY_DELAY * 2 ** i, cap));
  const attempts = backoffLimit + 1;
  const total = expected * attempts + delays.reduce((a, b) => a + b, 0) + Math.max(0, backoffLimit - shown) * cap;
  return { total, attempts, delays };
}

/** The arithmetic, spelled out for messages. */
export function explainRuntime(expected: number, backoffLimit: number, restartPolicy: string | undefined): string {
  const r = boundedRuntime(expected, backoffLimit, restartPolicy);
  const delays = r.delays.length === 0 ? '' : ` + retry delays ${r.delays.length > 4 ? `(${r.delays.slice(0, 3).map(fmtSeconds).join(', ')}, ...)` : `(${r.delays.map(fmtSeconds).join(' + ')})`}`;
  return `expected runtime (${fmtSeconds(expected)}) × ${r.attempts} attempt${r.attempts === 1 ? '' : 's'} (backoffLimit ${backoffLimit} + 1)${delays} = ${fmtSeconds(r.total)}`;
}

export const jobDeadlineBelowExpectedRuntime: Rule = {
  id: 'CKP612',
  name: 'job-deadline-below-expected-runtime',
  level: 'error',
  summary: `A Job that declares its expected runtime (annotation \`${EXPECTED_RUNTIME_ANNOTATION}\`) has a deadline that fits every attempt.`,
  why: 'A deadline shorter than expected runtime × (backoffLimit + 1) plus the retry delays kills the last attempts before they '
    + 'can finish: the retries the Job was given are never really available, and a Job that would have succeeded on its last '
    + 'attempt fails with DeadlineExceeded.',
  fix: 'Raise activeDeadlineSeconds to at least the computed time, or lower backoffLimit.',
  kinds: BATCH_KINDS,
  appliesTo: obj => obj.metadata?.annotations?.[EXPECTED_RUNTIME_ANNOTATION] !== undefined,
  check(obj) {
    const text = obj.metadata!.annotations![EXPECTED_RUNTIME_ANNOTATION];
    const field = `metadata.annotations.${EXPECTED_RUNTIME_ANNOTATION}`;
    const expected = typeof text === 'string' ? parseDurationSeconds(text) : undefined;
    if (expected === undefined || expected === 0) {
      return [{ field, value: text, message: `${EXPECTED_RUNTIME_ANNOTATION} ${JSON.stringify(text)} is not a positive duration such as 5m or 1h30m` }];
    }
    const job = jobSpecOf(obj);
    const deadline = job?.spec.activeDeadlineSeconds;
    if (!job || !isNonNegativeInt(deadline)) return []; // CKP601 / CKP610
    const backoffLimit = isNonNegativeInt(job.spec.backoffLimit) ? job.spec.backoffLimit : API_DEFAULT_BACKOFF_LIMIT;
    const restartPolicy = podSpecOf(obj)?.spec.restartPolicy;
    const needed = boundedRuntime(expected, backoffLimit, restartPolicy).total;
    if (deadline >= needed) return [];
    return [{
      field: `${job.path}.activeDeadlineSeconds`,
      value: deadline,
      message: `activeDeadlineSeconds (${fmtSeconds(deadline)}) is shorter than ${explainRuntime(expected, backoffLimit, restartPolicy)}, so the last attempts are killed before they can finish`,
      fix: `raise activeDeadlineSeconds to at least ${fmtSeconds(needed)}, or lower backoffLimit.`,
    }];
  },
};
