import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { BoundedCronJob, BoundedJob, kplus } from '../lib';

/**
 * Seed 004 ("unbounded fast-failing jobs"), done right: a database migration that cannot retry forever
 * and stops at once on a configuration error, and a nightly report that never overlaps itself.
 */
export class JobsChart extends Chart {
  public readonly migration: BoundedJob;
  public readonly report: BoundedCronJob;

  constructor(scope: Construct, id = 'jobs') {
    super(scope, id, { namespace: 'shop' });
    const postgres = kplus.Pods.select(this, 'Postgres', { labels: { 'app.kubernetes.io/name': 'postgres' } });
    const toPostgres = { peer: postgres, ports: [kplus.NetworkPolicyPort.tcp(5432)] };

    this.migration = new BoundedJob(this, 'db-migrate', {
      image: 'registry.example.com/shop/db-migrate:4.17.1',
      args: ['up'],
      config: { data: { DB_HOST: 'postgres.shop.svc', DB_NAME: 'shop' }, logLevel: 'info' },
      resources: { requests: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(256) } },
      // 3 attempts of about 3 minutes each, plus retry delays, fit well inside 15 minutes.
      expectedRuntime: Duration.minutes(3),
      activeDeadline: Duration.minutes(15),
      backoffLimit: 2,
      // Exit code 2: the migration files or the config are wrong; a retry would fail the same way.
      nonRetryableExitCodes: [2],
      egress: [toPostgres],
      partOf: 'shop',
      component: 'migration',
    });

    this.report = new BoundedCronJob(this, 'nightly-report', {
      image: 'registry.example.com/shop/report:1.9.0',
      args: ['--period', 'yesterday'],
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      // A run delayed by a controller restart or a slow previous run may start up to an hour late.
      startingDeadline: Duration.hours(1),
      expectedRuntime: Duration.minutes(20),
      activeDeadline: Duration.hours(1),
      backoffLimit: 1,
      config: { data: { DB_HOST: 'postgres.shop.svc', REPORT_BUCKET: 'shop-reports' } },
      resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(512) } },
      // The database, and the object store the report is uploaded to over HTTPS.
      egress: [toPostgres, { peer: kplus.NetworkPolicyIpBlock.anyIpv4(this, 'Internet'), ports: [kplus.NetworkPolicyPort.tcp(443)] }],
      partOf: 'shop',
      component: 'reporting',
    });
  }
}
