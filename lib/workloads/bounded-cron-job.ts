import { Cron, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternError } from '../errors';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { cronOf } from '../plus-gaps';
import { scheduleProblem, timeZoneProblem } from '../rules/cron';
import { CRONJOB_SYNC_SECONDS } from '../rules/jobs/cronjob-starting-deadline-too-short';
import { isNonNegativeInt } from '../rules/jobs/job-spec';
import { fmtSeconds } from '../rules/k8s';
import { validateBoundedCronJobProps } from '../validation/constructs';
import { BatchWorkloadProps, BoundedBatchWorkload } from './bounded-batch-workload';

/** The longest CronJob name: the controller appends an 11-character suffix to its Jobs' names. */
export const CRONJOB_NAME_MAX = 52;

/** Props of {@link BoundedCronJob}. */
export interface BoundedCronJobProps extends BatchWorkloadProps {
  /**
   * When to run, checked at synth as the API server parses it (rule CKP605): five fields
   * `minute hour day-of-month month day-of-week` (0–59, 0–23, 1–31, 1–12 or JAN–DEC, 0–6 or SUN–SAT, with
   * `*`, `?`, lists, ranges and `/steps`), a macro (`@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`), or
   * a cdk8s `Cron`. No `TZ=` prefix: use `timeZone`.
   */
  readonly schedule: string | Cron;
  /**
   * The IANA time zone the schedule is read in, e.g. `Europe/Berlin` (rule CKP606; GA in Kubernetes 1.27).
   * @default - the kube-controller-manager's time zone (usually UTC)
   */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the previous one is still active. Allow lets slow runs pile up
   * (rule CKP604: suppress it to use Allow).
   * @default kplus.ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: kplus.ConcurrencyPolicy;
  /**
   * How late a run may still start (controller downtime, or the previous run still active under Forbid);
   * later, it is skipped. At least 10s (rule CKP613).
   * @default Duration.minutes(5)
   */
  readonly startingDeadline?: Duration;
  /**
   * Finished successful Jobs kept (with their pods) for inspection; older ones are deleted.
   * @default 3
   */
  readonly successfulJobsRetained?: number;
  /**
   * Failed Jobs kept (with their pods) for inspection; older ones are deleted.
   * @default 1
   */
  readonly failedJobsRetained?: number;
  /**
   * Stop starting new runs (runs in progress continue).
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * Scheduled batch work with the bounds of {@link BoundedJob} on every run, no overlapping runs by default,
 * a schedule and time zone checked at synth, and history limits that clean up old runs.
 */
export class BoundedCronJob extends BoundedBatchWorkload<kplus.CronJob> {
  public readonly cronJob: kplus.CronJob;
  /** The schedule as written to the CronJob. */
  public readonly schedule: string;

  constructor(scope: Construct, id: string, props: BoundedCronJobProps) {
    // Read before the props are checked (super() checks them): a Cron, else whatever was given.
    const schedule = (props?.schedule instanceof Cron ? props.schedule.expressionString : props?.schedule) as string;
    super(scope, id, props, {
      constructType: 'BoundedCronJob',
      component: 'cronjob',
      validate: validateBoundedCronJobProps,
      maxNameLength: CRONJOB_NAME_MAX,
      create: (self, guard, common) => {
        const checked = checkCronProps(self, guard, schedule, props);
        return new kplus.CronJob(self, 'Resource', {
          ...common,
          ...checked,
          schedule: cronOf(schedule),
          timeZone: props.timeZone,
          successfulJobsRetained: props.successfulJobsRetained ?? 3,
          failedJobsRetained: props.failedJobsRetained ?? 1,
          suspend: props.suspend ?? false,
        });
      },
    });
    this.cronJob = this.workload;
    this.schedule = schedule;
  }
}

/** Checks the CronJob's own props through `guard`; returns the resolved concurrency policy and starting deadline. */
function checkCronProps(scope: Construct, guard: RuleGuard, schedule: string, props: BoundedCronJobProps): Pick<kplus.CronJobProps, 'concurrencyPolicy' | 'startingDeadline'> {
  const problem = scheduleProblem(schedule);
  if (problem) {
    guard.fail({ field: 'schedule', value: `'${schedule}'`, ruleId: 'CKP605', problem: problem.message, fix: problem.fix ?? 'write five fields `minute hour day-of-month month day-of-week` (0–59, 0–23, 1–31, 1–12 or JAN–DEC, 0–6 or SUN–SAT) or a macro such as @daily.' });
  }
  const tz = props.timeZone === undefined ? undefined : timeZoneProblem(props.timeZone);
  if (tz) {
    guard.fail({ field: 'timeZone', value: `'${props.timeZone}'`, ruleId: 'CKP606', problem: `timeZone '${props.timeZone}' ${tz}`, fix: 'use an IANA time zone name exactly as spelled there, e.g. \'Europe/Berlin\' or \'UTC\'.' });
  }
  const concurrencyPolicy = props.concurrencyPolicy ?? kplus.ConcurrencyPolicy.FORBID;
  if (concurrencyPolicy === kplus.ConcurrencyPolicy.ALLOW) {
    guard.fail({ field: 'concurrencyPolicy', value: concurrencyPolicy, ruleId: 'CKP604', problem: 'concurrencyPolicy Allow lets a slow run overlap the next one, and slow runs pile up', fix: 'use kplus.ConcurrencyPolicy.FORBID (the default) or REPLACE, or suppress CKP604 with the reason runs are independent.' });
  }
  for (const [field, value] of [['successfulJobsRetained', props.successfulJobsRetained], ['failedJobsRetained', props.failedJobsRetained]] as const) {
    if (value !== undefined && !isNonNegativeInt(value)) {
      guard.fail({ field, value: String(value), ruleId: 'CKP610', problem: `${field} (${value}) must be a whole number of at least 0`, fix: `set ${field} to 0 or more.` });
    }
  }
  const startingDeadline = props.startingDeadline ?? Duration.minutes(5);
  const seconds = startingDeadline.toSeconds();
  if (seconds < CRONJOB_SYNC_SECONDS) {
    // Not suppressible: cdk8s-plus-27 refuses such a CronJob outright.
    throw new PatternError({ construct: guard.constructType, path: scope.node.path, field: 'startingDeadline', value: fmtSeconds(seconds), ruleId: 'CKP613', problem: `startingDeadline (${fmtSeconds(seconds)}) is shorter than the controller's ${CRONJOB_SYNC_SECONDS}s check interval, so runs are missed`, fix: 'set startingDeadline to how late a run may still start, e.g. Duration.minutes(5), or leave it out.' });
  }
  return { concurrencyPolicy, startingDeadline };
}
