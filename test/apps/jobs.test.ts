import { Testing } from 'cdk8s';
import { JobsChart } from '../../apps/jobs';

describe('apps/jobs (seed 004)', () => {
  const chart = new JobsChart(Testing.app());
  const out = Testing.synth(chart);
  const job = out.find(o => o.kind === 'Job');
  const cron = out.find(o => o.kind === 'CronJob');

  test('the migration is bounded: pinned image, 15 min deadline, 2 retries, exit code 2 never retried', () => {
    expect(job.spec.template.spec.containers[0].image).toBe('registry.example.com/shop/db-migrate:4.17.1');
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 900, backoffLimit: 2, ttlSecondsAfterFinished: 86400 });
    expect(job.spec.podFailurePolicy.rules).toContainEqual({ action: 'FailJob', onExitCodes: { containerName: 'db-migrate', operator: 'In', values: [2] }, onPodConditions: [] });
  });

  test('the nightly report: 02:30 Berlin time, never overlapping, bounded to an hour', () => {
    expect(cron.spec).toMatchObject({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 3600 });
    expect(cron.spec.jobTemplate.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 1 });
  });

  test('egress: Postgres for both, HTTPS only for the report', () => {
    const ports = (name: string) => out.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === name).spec.egress.flatMap((r: any) => r.ports.map((p: any) => p.port));
    expect(ports('db-migrate')).toEqual([53, 53, 5432]);
    expect(ports('nightly-report')).toEqual([53, 53, 5432, 443]);
  });

  test('no rule finding at all, suppressed or not', () => {
    expect([...chart.migration.rules.findings(), ...chart.report.rules.findings()]).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
