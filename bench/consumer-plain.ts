// The consumer bench's baseline: test/consumer/app's chart written with plain cdk8s-plus-27 — the
// same objects (web Deployment + Service + NetworkPolicy + PDB + ConfigMap, a Job, a CronJob, a dev
// Deployment), the same template, the same `npx cdk8s synth` (ts-node type-checks). Not compiled
// here: bench/consumer.ts copies it into the installed fixture as main.ts.
import { Construct } from 'constructs';
import { App, Chart, ChartProps, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

const resources = (cpu: number, mib: number): kplus.ContainerResources => ({
  cpu: { request: kplus.Cpu.millis(cpu), limit: kplus.Cpu.millis(cpu) },
  memory: { request: Size.mebibytes(mib), limit: Size.mebibytes(mib) },
});
const security = { ensureNonRoot: true, user: 10001, group: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false };

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);

    const config = new kplus.ConfigMap(this, 'web-config', { data: { LOG_LEVEL: 'info' } });
    const web = new kplus.Deployment(this, 'web', {
      replicas: 2,
      strategy: kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1), maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }),
      terminationGracePeriod: Duration.seconds(40),
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
    });
    const probe = (period: number) => kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(period) });
    web.addContainer({
      name: 'web', image: 'registry.example.com/shop/web:2.4.1', ports: [{ number: 8080, name: 'http' }],
      readiness: probe(5), liveness: probe(10), startup: probe(5),
      lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', '5']) },
      resources: resources(250, 256), securityContext: security,
      envVariables: { LOG_LEVEL: kplus.EnvValue.fromConfigMap(config, 'LOG_LEVEL') },
    });
    web.exposeViaService({ ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
    new kplus.NetworkPolicy(this, 'web-policy', { selector: web });
    new kplus.k8s.KubePodDisruptionBudget(this, 'web-pdb', { spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: web.matchLabels } } });

    const job = new kplus.Job(this, 'db-migrate', { activeDeadline: Duration.minutes(15), backoffLimit: 2, ttlAfterFinished: Duration.days(1), securityContext: { ensureNonRoot: true, user: 10001 } });
    job.addContainer({ image: 'registry.example.com/shop/db-migrate:4.17.1', args: ['up'], resources: resources(200, 256), securityContext: security });
    new kplus.NetworkPolicy(this, 'db-migrate-policy', { selector: job });

    const cron = new kplus.CronJob(this, 'nightly-report', {
      schedule: Cron.schedule({ minute: '30', hour: '2' }), timeZone: 'Europe/Berlin', activeDeadline: Duration.hours(1),
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID, backoffLimit: 2, securityContext: { ensureNonRoot: true, user: 10001 },
    });
    cron.addContainer({ image: 'registry.example.com/shop/report:1.9.0', resources: resources(500, 512), securityContext: security });

    const dev = new kplus.Deployment(this, 'dev', { replicas: 1, strategy: kplus.DeploymentStrategy.recreate(), securityContext: { ensureNonRoot: false } });
    dev.addContainer({ image: 'ubuntu:22.04', securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
      resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } },
      envVariables: { LANG: kplus.EnvValue.fromValue('C.UTF-8') } });
  }
}

const app = new App();
new MyChart(app, 'my-app');
app.synth();
