// A user's cdk8s app: `cdk8s init typescript-app`, then `npm install cdk8s-patterns cdk8s-plus-27`.
// Everything but this file and main.test.ts is the template's own (package.json's versions, tsconfig,
// cdk8s.yaml, jest.config.js); scripts/test-consumer.js installs the packed library into a copy of it.
import { Construct } from 'constructs';
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import { BoundedCronJob, BoundedJob, DevContainer, DevSecurity, GracefulWebApp, HealthCheck, kplus } from 'cdk8s-patterns';

export class MyChart extends Chart {
  public readonly web: GracefulWebApp;
  public readonly migrate: BoundedJob;

  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);

    this.web = new GracefulWebApp(this, 'web', {
      image: 'registry.example.com/shop/web:2.4.1',
      port: 8080,
      readiness: HealthCheck.httpGet('/healthz'),
      resources: { requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(256) } },
      config: { logLevel: 'info' },
      replicas: 2,
    });

    this.migrate = new BoundedJob(this, 'db-migrate', {
      image: 'registry.example.com/shop/db-migrate:4.17.1',
      args: ['up'],
      resources: { requests: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(256) } },
      activeDeadline: Duration.minutes(15),
      expectedRuntime: Duration.minutes(3),
      nonRetryableExitCodes: [2],
    });

    new BoundedCronJob(this, 'nightly-report', {
      image: 'registry.example.com/shop/report:1.9.0',
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      activeDeadline: Duration.hours(1),
      resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(512) } },
    });

    new DevContainer(this, 'dev', {
      image: 'ubuntu:22.04',
      interactive: true,
      security: DevSecurity.rootShell(),
      lang: 'C.UTF-8',
      resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(256) }, limits: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(1) } },
    });
  }
}

const app = new App();
new MyChart(app, 'my-app');
app.synth();
