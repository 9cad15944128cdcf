import * as path from 'path';
import { Yaml } from 'cdk8s';
import { evaluate, RULES } from '../../lib/rules';
import { cronJobConcurrencyAllow } from '../../lib/rules/jobs/cronjob-concurrency-allow';
import { cronJobScheduleInvalid } from '../../lib/rules/jobs/cronjob-schedule-invalid';
import { cronJobStartingDeadlineTooShort } from '../../lib/rules/jobs/cronjob-starting-deadline-too-short';
import { cronJobTimeZoneInvalid } from '../../lib/rules/jobs/cronjob-time-zone-invalid';
import { jobBackoffLimitMissing } from '../../lib/rules/jobs/job-backoff-limit-missing';
import { jobContainerProbe } from '../../lib/rules/jobs/job-container-probe';
import { boundedRuntime, jobDeadlineBelowExpectedRuntime, parseDurationSeconds } from '../../lib/rules/jobs/job-deadline-below-expected-runtime';
import { jobDeadlineMissing } from '../../lib/rules/jobs/job-deadline-missing';
import { jobNumberInvalid } from '../../lib/rules/jobs/job-number-invalid';
import { jobParallelismExceedsCompletions } from '../../lib/rules/jobs/job-parallelism-exceeds-completions';
import { jobPodFailurePolicyInvalid } from '../../lib/rules/jobs/job-pod-failure-policy-invalid';
import { jobRestartPolicyInvalid } from '../../lib/rules/jobs/job-restart-policy-invalid';
import { jobTtlMissing } from '../../lib/rules/jobs/job-ttl-missing';
import { barePod } from '../../lib/rules/rollout/bare-pod';
import { container, cronJob, deployment, job } from './fixtures';

const ctx = { objects: [] };
const fixture = (name: string) => Yaml.load(path.join(__dirname, '..', 'fixtures', name));

/** A Job that follows every job practice, with `spec` overrides. */
function goodJob(spec: Record<string, any> = {}, podSpec: Record<string, any> = {}): any {
  const base = job(podSpec);
  return { ...base, spec: { ...base.spec, activeDeadlineSeconds: 600, backoffLimit: 2, ttlSecondsAfterFinished: 86400, ...spec } };
}

/** The ids of the rules that find something on `objects`. */
const ids = (objects: any[]) => [...new Set(evaluate(objects, { rules: RULES }).findings.map(f => f.rule.id))].sort();

describe('seed 004 fixtures', () => {
  test('the bad Job: no deadline (error), no backoffLimit, no ttl; unpinned image', () => {
    // Also: runs as root with a writable root filesystem (CKP705/706), setuid and capabilities kept (CKP707/708), no recommended labels (CKP804).
    expect(ids(fixture('seed-004-bad-job.yaml'))).toEqual(['CKP101', 'CKP401', 'CKP601', 'CKP602', 'CKP603', 'CKP705', 'CKP706', 'CKP707', 'CKP708', 'CKP804']);
  });
  test('the bound Job fixes the deadline only', () => {
    expect(ids(fixture('seed-004-bound-job.yaml'))).toEqual(['CKP101', 'CKP401', 'CKP602', 'CKP603', 'CKP705', 'CKP706', 'CKP707', 'CKP708', 'CKP804']);
  });
  test('the always Pod is a bare Pod', () => {
    const [pod] = fixture('seed-004-always-pod.yaml');
    expect(barePod.check(pod, ctx)[0].message).toMatch(/bare Pod/);
    expect(ids([pod])).toContain('CKP504');
  });
});

describe('CKP504 bare-pod', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container()] } };
  test('non-compliant: no owner', () => {
    expect(barePod.check(pod, ctx)).toHaveLength(1);
  });
  test('compliant: a Pod owned by a controller (exported from a cluster)', () => {
    const owned = { ...pod, metadata: { name: 'p', ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', controller: true }] } };
    expect(barePod.check(owned, ctx)).toEqual([]);
  });
  test('controllers are out of scope', () => {
    expect(evaluate([deployment()], { rules: [barePod] }).checked).toBe(0);
  });
});

describe('CKP601 job-deadline-missing', () => {
  test('compliant: Job and CronJob with a deadline', () => {
    expect(jobDeadlineMissing.check(goodJob(), ctx)).toEqual([]);
    expect(jobDeadlineMissing.check(cronJob(), ctx)).toEqual([]);
  });
  test('non-compliant: missing, on a Job and in a CronJob template', () => {
    expect(jobDeadlineMissing.check(job(), ctx)).toEqual([expect.objectContaining({ field: 'spec.activeDeadlineSeconds' })]);
    expect(jobDeadlineMissing.check(cronJob({}, { activeDeadlineSeconds: undefined }), ctx)[0].field).toBe('spec.jobTemplate.spec.activeDeadlineSeconds');
  });
  test('non-compliant: 0 fails the Job at once', () => {
    expect(jobDeadlineMissing.check(goodJob({ activeDeadlineSeconds: 0 }), ctx)[0].message).toMatch(/fails the moment it starts/);
  });
});

describe('CKP602 job-backoff-limit-missing', () => {
  test.each([0, 3])('compliant: %i', b => {
    expect(jobBackoffLimitMissing.check(goodJob({ backoffLimit: b }), ctx)).toEqual([]);
  });
  test('non-compliant: unset means 6 retries', () => {
    expect(jobBackoffLimitMissing.check(goodJob({ backoffLimit: undefined }), ctx)[0].message).toMatch(/retried 6 times/);
    expect(jobBackoffLimitMissing.level).toBe('warning');
  });
});

describe('CKP603 job-ttl-missing', () => {
  test('compliant: set (0 included)', () => {
    expect(jobTtlMissing.check(goodJob({ ttlSecondsAfterFinished: 0 }), ctx)).toEqual([]);
  });
  test('non-compliant: unset', () => {
    expect(jobTtlMissing.check(goodJob({ ttlSecondsAfterFinished: undefined }), ctx)).toHaveLength(1);
  });
  test('CronJobs are out of scope: their history limits clean up', () => {
    expect(evaluate([cronJob()], { rules: [jobTtlMissing] }).checked).toBe(0);
  });
});

describe('CKP604 cronjob-concurrency-allow', () => {
  test.each(['Forbid', 'Replace'])('compliant: %s', p => {
    expect(cronJobConcurrencyAllow.check(cronJob({ concurrencyPolicy: p }), ctx)).toEqual([]);
  });
  test.each([['Allow', /is Allow/], [undefined, /sets no concurrencyPolicy/]])('non-compliant: %p', (p, msg) => {
    expect(cronJobConcurrencyAllow.check(cronJob({ concurrencyPolicy: p }), ctx)[0].message).toMatch(msg);
  });
});

describe('CKP605 cronjob-schedule-invalid', () => {
  test.each(['0 2 * * *', '@daily', '*/15 9-17 * * MON-FRI'])('compliant: %s', s => {
    expect(cronJobScheduleInvalid.check(cronJob({ schedule: s }), ctx)).toEqual([]);
  });
  test('non-compliant: names the bad field', () => {
    const [v] = cronJobScheduleInvalid.check(cronJob({ schedule: '61 * * * *' }), ctx);
    expect(v).toMatchObject({ field: 'spec.schedule', value: '61 * * * *', message: "schedule '61 * * * *': minute '61' is out of range: 61 is not in 0–59" });
  });
  test('non-compliant: a TZ prefix, with its own fix', () => {
    const [v] = cronJobScheduleInvalid.check(cronJob({ schedule: 'TZ=Europe/Berlin 0 2 * * *' }), ctx);
    expect(v.fix).toMatch(/timeZone/);
  });
  test('non-compliant: missing', () => {
    expect(cronJobScheduleInvalid.check(cronJob({ schedule: undefined }), ctx)[0].message).toBe('has no schedule');
  });
});

describe('CKP606 cronjob-time-zone-invalid', () => {
  test.each([undefined, 'Europe/Berlin', 'UTC', 'Etc/GMT+5'])('compliant: %p', tz => {
    expect(cronJobTimeZoneInvalid.check(cronJob({ timeZone: tz }), ctx)).toEqual([]);
  });
  test.each([['Local', /local zone/], ['Europe/Berln', /not in the IANA/], ['europe/berlin', /spelled 'Europe\/Berlin'/], ['', /is empty/], ['UTC+2', /not in the IANA/], ['CET CEST', /not an IANA time zone name/]])('non-compliant: %p', (tz, msg) => {
    expect(cronJobTimeZoneInvalid.check(cronJob({ timeZone: tz }), ctx)[0].message).toMatch(msg);
  });
});

describe('CKP607 job-container-probe', () => {
  test('compliant: no probes', () => {
    expect(jobContainerProbe.check(goodJob(), ctx)).toEqual([]);
  });
  test.each(['readinessProbe', 'livenessProbe', 'startupProbe'])('non-compliant: %s, on a Job and in a CronJob template', probe => {
    const c = container({ ports: undefined, lifecycle: undefined, readinessProbe: undefined, [probe]: { exec: { command: ['true'] } } });
    expect(jobContainerProbe.check(goodJob({}, { containers: [c] }), ctx)).toEqual([expect.objectContaining({ field: `spec.template.spec.containers[0].${probe}`, container: 'app' })]);
    const cj = cronJob();
    cj.spec.jobTemplate.spec.template.spec.containers = [c];
    expect(jobContainerProbe.check(cj, ctx)).toHaveLength(1);
  });
  test('long-running kinds are out of scope', () => {
    expect(evaluate([deployment()], { rules: [jobContainerProbe] }).checked).toBe(0);
  });
});

describe('CKP608 job-restart-policy-invalid', () => {
  test.each(['Never', 'OnFailure'])('compliant: %s', p => {
    expect(jobRestartPolicyInvalid.check(goodJob({}, { restartPolicy: p }), ctx)).toEqual([]);
  });
  test.each([[undefined, /defaults to Always/], ['Always', /not Never or OnFailure/]])('non-compliant: %p', (p, msg) => {
    expect(jobRestartPolicyInvalid.check(goodJob({}, { restartPolicy: p }), ctx)[0].message).toMatch(msg);
  });
  test('non-compliant: OnFailure with a podFailurePolicy', () => {
    const j = goodJob({ podFailurePolicy: { rules: [] } }, { restartPolicy: 'OnFailure' });
    expect(jobRestartPolicyInvalid.check(j, ctx)[0].message).toMatch(/must use Never/);
  });
});

describe('CKP609 job-pod-failure-policy-invalid', () => {
  const withRules = (...rules: any[]) => goodJob({ podFailurePolicy: { rules } });
  const failOn = (values: any, extra: object = {}) => ({ action: 'FailJob', onExitCodes: { operator: 'In', values, ...extra }, onPodConditions: [] });
  const ignoreDisruption = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
  test('compliant: ignore disruptions, fail on exit codes of a named container', () => {
    expect(jobPodFailurePolicyInvalid.check(withRules(ignoreDisruption, failOn([2, 3], { containerName: 'app' })), ctx)).toEqual([]);
  });
  test('Jobs without a podFailurePolicy are out of scope', () => {
    expect(jobPodFailurePolicyInvalid.appliesTo!(goodJob())).toBe(false);
  });
  test.each([
    ['exit code 0 with In', failOn([0, 2]), /exit code 0/],
    ['unsorted codes', failOn([3, 2]), /ascending order/],
    ['repeated codes', failOn([2, 2]), /without repeats/],
    ['no codes', failOn([]), /1 to 255/],
    ['unknown container', failOn([2], { containerName: 'nope' }), /not a container/],
    ['unknown action', { ...ignoreDisruption, action: 'FailIndex' }, /not one of FailJob, Ignore, Count/],
    ['both matchers', { ...failOn([2]), onPodConditions: ignoreDisruption.onPodConditions }, /exactly one/],
    ['neither matcher', { action: 'Ignore', onPodConditions: [] }, /exactly one/],
    ['bad status', { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'yes' }] }, /status "yes"/],
  ])('non-compliant: %s', (_, rule, msg) => {
    expect(jobPodFailurePolicyInvalid.check(withRules(rule), ctx).map(v => v.message).join('\n')).toMatch(msg);
  });
});

describe('CKP610 job-number-invalid', () => {
  test('compliant: whole numbers ≥ 0', () => {
    expect(jobNumberInvalid.check(goodJob({ backoffLimit: 0, completions: 3, parallelism: 0 }), ctx)).toEqual([]);
    expect(jobNumberInvalid.check(cronJob({ startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 0 }), ctx)).toEqual([]);
  });
  test('non-compliant: negative or fractional, on the Job and the CronJob', () => {
    expect(jobNumberInvalid.check(goodJob({ backoffLimit: -1, completions: 1.5 }), ctx).map(v => v.field)).toEqual(['spec.backoffLimit', 'spec.completions']);
    expect(jobNumberInvalid.check(cronJob({ failedJobsHistoryLimit: -1 }, { parallelism: -2 }), ctx).map(v => v.field))
      .toEqual(['spec.jobTemplate.spec.parallelism', 'spec.failedJobsHistoryLimit']);
  });
});

describe('CKP611 job-parallelism-exceeds-completions', () => {
  test.each([[5, 2], [2, 2], [undefined, 4]])('compliant: completions %p, parallelism %p', (c, p) => {
    expect(jobParallelismExceedsCompletions.check(goodJob({ completions: c, parallelism: p }), ctx)).toEqual([]);
  });
  test('non-compliant: more parallel pods than completions', () => {
    expect(jobParallelismExceedsCompletions.check(goodJob({ completions: 2, parallelism: 5 }), ctx)[0].message).toBe('parallelism (5) exceeds completions (2): at most 2 pods ever run at once');
  });
});

describe('CKP612 job-deadline-below-expected-runtime', () => {
  const declared = (runtime: string, spec: Record<string, any>, restartPolicy = 'Never') => {
    const j = goodJob(spec, { restartPolicy });
    return { ...j, metadata: { ...j.metadata, annotations: { 'cdk8s-patterns/expected-runtime': runtime } } };
  };
  test('compliant: 5m × 3 attempts + 10s + 20s = 15m30s fits 15m30s', () => {
    expect(jobDeadlineBelowExpectedRuntime.check(declared('5m', { activeDeadlineSeconds: 930, backoffLimit: 2 }), ctx)).toEqual([]);
  });
  test('non-compliant: the arithmetic is in the message', () => {
    const [v] = jobDeadlineBelowExpectedRuntime.check(declared('5m', { activeDeadlineSeconds: 900, backoffLimit: 2 }), ctx);
    expect(v.message).toBe('activeDeadlineSeconds (15m) is shorter than expected runtime (5m) × 3 attempts (backoffLimit 2 + 1) + retry delays (10s + 20s) = 15m30s, so the last attempts are killed before they can finish');
    expect(v.fix).toBe('raise activeDeadlineSeconds to at least 15m30s, or lower backoffLimit.');
  });
  test('unset backoffLimit counts as 6; delays cap at 6 min (5 min with OnFailure)', () => {
    // 60s × 7 + 10+20+40+80+160+320 = 1050s
    expect(jobDeadlineBelowExpectedRuntime.check(declared('1m', { activeDeadlineSeconds: 1050, backoffLimit: undefined }), ctx)).toEqual([]);
    expect(jobDeadlineBelowExpectedRuntime.check(declared('1m', { activeDeadlineSeconds: 1049, backoffLimit: undefined }), ctx)).toHaveLength(1);
    // 8 retries: 10, 20, 40, 80, 160, 320, then 360 (Job controller) or 300 (kubelet, OnFailure; also caps the 320)
    expect(boundedRuntime(1, 8, 'Never')).toEqual({ attempts: 9, delays: [10, 20, 40, 80, 160, 320, 360, 360], total: 9 + 1350 });
    expect(boundedRuntime(1, 8, 'OnFailure').total).toBe(9 + 10 + 20 + 40 + 80 + 160 + 300 * 3);
    expect(boundedRuntime(60, 0, 'Never')).toEqual({ attempts: 1, delays: [], total: 60 });
  });
  test('non-compliant: an annotation that is not a duration', () => {
    expect(jobDeadlineBelowExpectedRuntime.check(declared('soon', {}), ctx)[0].message).toMatch(/not a positive duration/);
  });
  test('objects without the annotation are out of scope', () => {
    expect(jobDeadlineBelowExpectedRuntime.appliesTo!(goodJob())).toBe(false);
  });
  test.each([['90s', 90], ['1h30m', 5400], ['5400s', 5400], ['2m5s', 125], ['', undefined], ['5 min', undefined]])('parseDurationSeconds(%p) = %p', (text, s) => {
    expect(parseDurationSeconds(text)).toBe(s);
  });
});

describe('CKP613 cronjob-starting-deadline-too-short', () => {
  test.each([undefined, 10, 300])('compliant: %p', d => {
    expect(cronJobStartingDeadlineTooShort.check(cronJob({ startingDeadlineSeconds: d }), ctx)).toEqual([]);
  });
  test('non-compliant: 5s', () => {
    expect(cronJobStartingDeadlineTooShort.check(cronJob({ startingDeadlineSeconds: 5 }), ctx)[0].message).toMatch(/shorter than the controller's 10s/);
  });
});

describe('CKP614 job-container-serves-port', () => {
  const { jobContainerServesPort } = require('../../lib/rules/jobs/job-container-serves-port');
  const jobWith = (containers: any[]) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers } } } });
  test('compliant: a batch container serves nothing', () => {
    expect(jobContainerServesPort.check(jobWith([{ name: 'main', image: 'x:1' }]), { objects: [] })).toEqual([]);
  });
  test('non-compliant: a proxy sidecar with a port', () => {
    const v = jobContainerServesPort.check(jobWith([{ name: 'main', image: 'x:1' }, { name: 'proxy', image: 'y:1', ports: [{ containerPort: 9901 }] }]), { objects: [] });
    expect(v).toEqual([expect.objectContaining({ container: 'proxy', field: 'spec.template.spec.containers[1].ports' })]);
  });
});
