import { ApiObject, Cron, Duration, Size, Testing } from 'cdk8s';
import { BoundedCronJob, BoundedCronJobProps, kplus, QosClass } from '../../lib';
import { chart } from '../util';

const base: BoundedCronJobProps = {
  image: 'registry.example/report:1.3.0',
  schedule: '0 2 * * *',
  activeDeadline: Duration.hours(1),
  resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256) } },
};

function synthCron(props: Partial<BoundedCronJobProps> = {}, id = 'report') {
  const c = chart();
  const cron = new BoundedCronJob(c, id, { ...base, ...props });
  return { c, cron, out: Testing.synth(c) };
}

const cronOf = (props: Partial<BoundedCronJobProps> = {}) => synthCron(props).out.find(o => o.kind === 'CronJob');

describe('BoundedCronJob defaults', () => {
  test('the CronJob is the default child', () => {
    const { cron } = synthCron();
    expect(ApiObject.of(cron).kind).toBe('CronJob');
    expect(cron.node.defaultChild).toBe(cron.cronJob);
  });

  test('objects: CronJob and NetworkPolicy', () => {
    expect(synthCron().out.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['CronJob/report', 'NetworkPolicy/report']);
  });

  test('no overlapping runs, a bounded late start, history limits instead of a TTL', () => {
    expect(cronOf().spec).toMatchObject({
      schedule: '0 2 * * *', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, suspend: false,
    });
    expect(cronOf().spec.timeZone).toBeUndefined();
  });

  test('every run has the job bounds of BoundedJob', () => {
    const job = cronOf({ nonRetryableExitCodes: [2] }).spec.jobTemplate.spec;
    expect(job).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 2 });
    expect(job.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.template.spec.restartPolicy).toBe('Never');
    expect(job.podFailurePolicy.rules.map((r: any) => r.action)).toEqual(['Ignore', 'FailJob']);
    expect(Object.keys(job.template.spec.containers[0]).filter(k => /Probe$/.test(k))).toEqual([]);
  });

  test('NetworkPolicy selects the runs\' pods and denies all ingress', () => {
    const { out } = synthCron();
    const cron = out.find(o => o.kind === 'CronJob');
    const np = out.find(o => o.kind === 'NetworkPolicy');
    expect(np.spec.podSelector.matchLabels['cdk8s.io/metadata.addr']).toBe(cron.spec.jobTemplate.spec.template.metadata.labels['cdk8s.io/metadata.addr']);
    expect(np.spec.ingress).toBeUndefined();
    expect(cron.metadata.annotations['polaris.fairwinds.com/missingNetworkPolicy-exempt']).toBe('true');
  });

  test('labels: component cronjob, instance = name', () => {
    expect(cronOf().metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': 'report', 'app.kubernetes.io/component': 'cronjob' });
  });

  test('no rule finding at all', () => {
    expect(synthCron().cron.rules.findings()).toEqual([]);
  });
});

describe('BoundedCronJob schedule and options', () => {
  test.each([['@daily', '@daily'], ['*/15 9-17 * * MON-FRI', '*/15 9-17 * * MON-FRI'], [Cron.schedule({ minute: '30', hour: '3' }), '30 3 * * *']])('schedule %p is written as %p', (schedule, written) => {
    const { cron, out } = synthCron({ schedule });
    expect(out[0].spec.schedule).toBe(written);
    expect(cron.schedule).toBe(written);
  });

  test('time zone, Replace, a later start, history and suspend as given', () => {
    expect(cronOf({
      timeZone: 'Europe/Berlin', concurrencyPolicy: kplus.ConcurrencyPolicy.REPLACE, startingDeadline: Duration.hours(1),
      successfulJobsRetained: 0, failedJobsRetained: 5, suspend: true,
    }).spec).toMatchObject({ timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 3600, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5, suspend: true });
  });

  test('a 52-character name is the longest allowed', () => {
    expect(() => synthCron({ name: 'r'.repeat(52) })).not.toThrow();
  });
});

describe('BoundedCronJob bad input fails with the rule id, field and fix', () => {
  const fails = (props: Partial<BoundedCronJobProps>, pattern: RegExp) => expect(() => synthCron(props)).toThrow(pattern);

  test("schedule '61 * * * *' names the minute", () => fails({ schedule: '61 * * * *' },
    /^BoundedCronJob 'test\/report': schedule '61 \* \* \* \*': minute '61' is out of range: 61 is not in 0–59 \[CKP605\]\. Fix: write five fields/));
  test("schedule '* * *' counts the fields", () => fails({ schedule: '* * *' }, /schedule '\* \* \*' has 3 fields, but needs 5: minute hour day-of-month month day-of-week \[CKP605\]/));
  test('a Cron with a bad part', () => fails({ schedule: Cron.schedule({ hour: '25' }) }, /hour '25' is out of range.*\[CKP605\]/));
  test('a TZ prefix points to timeZone', () => fails({ schedule: 'CRON_TZ=Europe/Berlin 0 2 * * *' }, /sets its time zone with TZ= or CRON_TZ=.*\[CKP605\]\. Fix: remove the TZ=\/CRON_TZ= prefix and set the time zone in `timeZone`/));
  test('an unknown time zone', () => fails({ timeZone: 'Europe/Berln' }, /timeZone 'Europe\/Berln' is not in the IANA time zone database \[CKP606\]/));
  test('a wrongly cased time zone', () => fails({ timeZone: 'europe/berlin' }, /is spelled 'Europe\/Berlin'.*\[CKP606\]/));
  test('a name over 52 characters', () => fails({ name: 'r'.repeat(53) }, /name 'r{53}' is 53 characters long \(at most 52\) \[CKP801\]\. Fix: pass `name` as a DNS-1123 label of at most 52 characters/));
  test('a construct id over 52 characters', () => {
    expect(() => synthCron({}, 'nightly-report-generation-for-the-finance-department-q')).toThrow(/is 54 characters long \(at most 52\) \[CKP801\]/);
  });
  test('concurrencyPolicy Allow', () => fails({ concurrencyPolicy: kplus.ConcurrencyPolicy.ALLOW }, /concurrencyPolicy Allow lets a slow run overlap the next one.*\[CKP604\]/));
  test('startingDeadline under 10s, as a PatternError before cdk8s-plus refuses it', () => fails({ startingDeadline: Duration.seconds(5) }, /startingDeadline \(5s\) is shorter than the controller's 10s check interval.*\[CKP613\]/));
  test('negative history', () => fails({ failedJobsRetained: -1 }, /failedJobsRetained \(-1\) must be a whole number of at least 0 \[CKP610\]/));
  test('the shared job bounds: expectedRuntime arithmetic', () => fails(
    { expectedRuntime: Duration.minutes(30), activeDeadline: Duration.hours(1) },
    /activeDeadline \(3600s\) is shorter than expected runtime \(30m\) × 3 attempts.*\[CKP612\]/));
  test('the shared job bounds: no activeDeadline', () => fails({ activeDeadline: undefined }, /has no activeDeadline.*\[CKP601\]/));
});

describe('BoundedCronJob suppressions', () => {
  test('Allow, for independent runs: written into the CronJob, the finding suppressed', () => {
    const reason = 'each run exports a different hour of data: overlapping runs are independent';
    const { out, cron } = synthCron({ concurrencyPolicy: kplus.ConcurrencyPolicy.ALLOW, suppressions: [{ id: 'CKP604', reason }] });
    expect(out[0].spec.concurrencyPolicy).toBe('Allow');
    expect(out[0].metadata.annotations['cdk8s-patterns/suppress.CKP604']).toBe(reason);
    expect(cron.rules.findings().map(f => [f.rule.id, f.suppressed?.reason])).toEqual([['CKP604', reason]]);
  });
});

test('snapshot: all defaults', () => {
  expect(synthCron().out).toMatchSnapshot();
});

test('qosClass is computed from the job template: Guaranteed by default, Burstable with higher limits', () => {
  expect(synthCron().cron.qosClass).toBe('Guaranteed');
  const burst = synthCron({ qos: QosClass.BURSTABLE, resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) }, limits: { memory: Size.mebibytes(128) } } });
  expect(burst.cron.qosClass).toBe('Burstable');
});
