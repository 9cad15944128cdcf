import { Duration } from 'cdk8s';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { setJobCompletions, setPodFailurePolicy } from '../plus-gaps';
import { fmtSeconds } from '../rules/k8s';
import { boundedRuntime, EXPECTED_RUNTIME_ANNOTATION, explainRuntime } from '../rules/jobs/job-deadline-below-expected-runtime';
import { isNonNegativeInt } from '../rules/jobs/job-spec';

/** How long and how often batch work may run: what {@link BoundedJob} and {@link BoundedCronJob} share. */
export interface JobBoundsProps {
  /**
   * The longest a Job may run, every attempt and retry delay included; then Kubernetes stops its pods
   * and marks it failed (`activeDeadlineSeconds`). Required: without it a failing or hung Job has no
   * limit in wall time (rule CKP601).
   */
  readonly activeDeadline: Duration;
  /**
   * Retries after the first failed attempt before the Job is marked failed. A whole number ≥ 0 (rule CKP610).
   * @default 2
   */
  readonly backoffLimit?: number;
  /**
   * How long one attempt normally takes. When given, `activeDeadline` must fit every attempt:
   * expectedRuntime × (backoffLimit + 1) plus the retry delays (10s, 20s, 40s, ...) (rule CKP612). Recorded
   * on the object as the `cdk8s-patterns/expected-runtime` annotation.
   * @default - not declared, not checked
   */
  readonly expectedRuntime?: Duration;
  /**
   * `Never`: every attempt is a new pod, so failed pods stay inspectable and podFailurePolicy applies.
   * `OnFailure`: the container restarts in the same pod (no podFailurePolicy). `Always` is not valid for Jobs (rule CKP608).
   * @default kplus.RestartPolicy.NEVER
   */
  readonly restartPolicy?: kplus.RestartPolicy;
  /**
   * Exit codes (1–255) of the main container that retrying cannot fix, such as a configuration error:
   * the first such exit fails the Job at once (podFailurePolicy `FailJob`). Needs restartPolicy Never.
   * @default - none: every failure is retried up to backoffLimit
   */
  readonly nonRetryableExitCodes?: number[];
  /**
   * Pods stopped by a disruption (preemption, node drain, eviction; condition `DisruptionTarget`) do not
   * count against backoffLimit (podFailurePolicy `Ignore`). Needs restartPolicy Never.
   * @default - true with restartPolicy Never, false with OnFailure
   */
  readonly ignoreDisruptions?: boolean;
  /**
   * Successful pods needed for the Job to complete (`completions`).
   * @default - not written: 1
   */
  readonly completions?: number;
  /**
   * Pods run at once (`parallelism`). With `completions` set it must not exceed them (rule CKP611).
   * @default - not written: 1
   */
  readonly parallelism?: number;
}

/** The resolved bounds: what goes into the cdk8s-plus Job or CronJob props, and the rest. */
export interface JobBounds {
  /** Undefined only when CKP601 is suppressed. */
  readonly activeDeadline?: Duration;
  readonly backoffLimit: number;
  readonly restartPolicy: kplus.RestartPolicy;
  readonly ignoreDisruptions: boolean;
  /** Sorted, without repeats. */
  readonly nonRetryableExitCodes: number[];
}

/** The default retries: one transient failure and one more, never the API's 6. */
export const DEFAULT_BACKOFF_LIMIT = 2;

/**
 * Resolves and checks the job bounds, failing through `guard` (each check with its rule id) on what the
 * API server would reject or what defeats the bounds.
 */
export function resolveJobBounds(props: JobBoundsProps, guard: RuleGuard): JobBounds {
  // Probes are not props of batch constructs; catch them when passed anyway (plain JS, casts).
  const probes = ['readiness', 'liveness', 'startup', 'startupTimeout'].filter(p => (props as any)[p] !== undefined);
  if (probes.length > 0) {
    guard.fail({ field: probes[0], value: probes.join(', '), ruleId: 'CKP607', problem: `sets ${probes.join(', ')}, but a Job's container runs to completion and serves nothing: probes only kill work in progress`, fix: 'remove the probe props; activeDeadline bounds a hung Job.' });
  }
  const deadline = props.activeDeadline;
  if (deadline === undefined || deadline.toSeconds() < 1) {
    guard.fail({ field: 'activeDeadline', value: deadline ? fmtSeconds(deadline.toSeconds()) : 'undefined', ruleId: 'CKP601', problem: deadline ? `activeDeadline (${fmtSeconds(deadline.toSeconds())}) must be at least 1s` : 'has no activeDeadline, so a failing or hung Job runs without a time limit', fix: 'set activeDeadline to the longest the work may take, retries included, e.g. Duration.minutes(30).' });
  }
  const backoffLimit = props.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  for (const [field, value] of [['backoffLimit', backoffLimit], ['completions', props.completions], ['parallelism', props.parallelism]] as const) {
    if (value !== undefined && !isNonNegativeInt(value)) {
      guard.fail({ field, value: String(value), ruleId: 'CKP610', problem: `${field} (${value}) must be a whole number of at least 0`, fix: `set ${field} to 0 or more${field === 'backoffLimit' ? ' (0: no retries)' : ''}.` });
    }
  }
  if (props.completions !== undefined && props.parallelism !== undefined && props.parallelism > props.completions) {
    guard.fail({ field: 'parallelism', value: String(props.parallelism), ruleId: 'CKP611', problem: `parallelism (${props.parallelism}) exceeds completions (${props.completions}): at most ${props.completions} pods ever run at once`, fix: 'lower parallelism to at most completions, or leave completions out for a work queue.' });
  }
  const restartPolicy = props.restartPolicy ?? kplus.RestartPolicy.NEVER;
  if (restartPolicy === kplus.RestartPolicy.ALWAYS) {
    guard.fail({ field: 'restartPolicy', value: restartPolicy, ruleId: 'CKP608', problem: 'restartPolicy Always is not valid for a Job: the API server rejects it', fix: 'use kplus.RestartPolicy.NEVER (the default) or ON_FAILURE.' });
  }
  const codes = [...new Set(props.nonRetryableExitCodes ?? [])].sort((a, b) => a - b);
  const badCode = codes.find(c => !Number.isInteger(c) || c < 1 || c > 255);
  if (badCode !== undefined) {
    guard.fail({ field: 'nonRetryableExitCodes', value: String(badCode), ruleId: 'CKP609', problem: `exit code ${badCode} is not a failure exit code (1–255)`, fix: 'list the exit codes from 1 to 255 that mean retrying cannot help.' });
  }
  const never = restartPolicy === kplus.RestartPolicy.NEVER;
  const ignoreDisruptions = props.ignoreDisruptions ?? never;
  if (!never && (codes.length > 0 || ignoreDisruptions)) {
    guard.fail({ field: 'restartPolicy', value: restartPolicy, ruleId: 'CKP608', problem: `restartPolicy ${restartPolicy} cannot be combined with ${codes.length > 0 ? 'nonRetryableExitCodes' : 'ignoreDisruptions'}: a podFailurePolicy needs restartPolicy Never`, fix: 'use restartPolicy Never, or drop nonRetryableExitCodes and ignoreDisruptions.' });
  }
  if (props.expectedRuntime && deadline) {
    const expected = props.expectedRuntime.toSeconds();
    const needed = boundedRuntime(expected, backoffLimit, restartPolicy).total;
    if (deadline.toSeconds() < needed) {
      guard.fail({
        field: 'activeDeadline',
        value: fmtSeconds(deadline.toSeconds()),
        ruleId: 'CKP612',
        problem: `activeDeadline (${fmtSeconds(deadline.toSeconds())}) is shorter than ${explainRuntime(expected, backoffLimit, restartPolicy)}: the last attempts are killed before they can finish`,
        fix: `raise activeDeadline to at least ${fmtSeconds(needed)}, or lower backoffLimit.`,
      });
    }
  }
  return { activeDeadline: deadline, backoffLimit, restartPolicy, ignoreDisruptions, nonRetryableExitCodes: codes };
}

/**
 * Writes what cdk8s-plus-27 cannot express of the bounds into a Job or CronJob: the podFailurePolicy
 * (disruptions ignored first: a disrupted pod is never the work's fault, whatever its exit code; then the
 * non-retryable exit codes of `container`), completions, parallelism and the expected-runtime annotation.
 */
export function applyJobFields(workload: kplus.Job | kplus.CronJob, container: string, bounds: JobBounds, props: JobBoundsProps): void {
  const rules: kplus.k8s.PodFailurePolicyRule[] = [];
  if (bounds.ignoreDisruptions) rules.push({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
  if (bounds.nonRetryableExitCodes.length > 0) {
    rules.push({ action: 'FailJob', onExitCodes: { containerName: container, operator: 'In', values: bounds.nonRetryableExitCodes }, onPodConditions: [] });
  }
  if (rules.length > 0) setPodFailurePolicy(workload, { rules });
  setJobCompletions(workload, { completions: props.completions, parallelism: props.parallelism });
  if (props.expectedRuntime) workload.metadata.addAnnotation(EXPECTED_RUNTIME_ANNOTATION, fmtSeconds(props.expectedRuntime.toSeconds()));
}
