// The baseline: what a user would write instead of cdk8s-patterns. Laid out as `cdk8s init
// typescript-app` generates it (cdk8s.yaml, tsconfig.json, ts-node), with cdk8s-plus-27 and the
// httpserver service of apps/httpserver.ts done by hand, with the same practices as far as
// cdk8s-plus-27 allows. BENCH_N copies, in one chart (BENCH_LAYOUT=one) or one chart each (each).
import { Construct } from 'constructs';
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

export class HttpServer extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const config = new kplus.ConfigMap(this, 'Config', { data: { httpport: '8080', loglevel: 'debug' } });
    const deployment = new kplus.Deployment(this, 'Deployment', {
      replicas: 2,
      strategy: kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1), maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }),
      minReady: Duration.seconds(5),
      progressDeadline: Duration.seconds(600),
      terminationGracePeriod: Duration.seconds(30),
      dockerRegistryAuth: kplus.Secret.fromSecretName(this, 'PullSecret', 'cloudnative'),
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
    });
    const probe = (period: number, timeout: number, failures: number) => kplus.Probe.fromHttpGet('/healthz', {
      port: 8080, periodSeconds: Duration.seconds(period), timeoutSeconds: Duration.seconds(timeout), failureThreshold: failures,
    });
    const container = deployment.addContainer({
      name: 'httpserver',
      image: 'cloudnativestg1.azurecr.io/httpserver:1.1',
      ports: [{ number: 8080, name: 'http' }],
      readiness: probe(5, 2, 3),
      liveness: probe(10, 5, 6),
      startup: probe(5, 2, 12),
      lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', '5']) },
      resources: { cpu: { request: kplus.Cpu.millis(700), limit: kplus.Cpu.millis(700) }, memory: { request: Size.mebibytes(200), limit: Size.mebibytes(200) } },
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
      envVariables: {
        httpport: kplus.EnvValue.fromConfigMap(config, 'httpport'),
        loglevel: kplus.EnvValue.fromConfigMap(config, 'loglevel'),
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
        POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
      },
    });
    container.mount('/tmp', kplus.Volume.fromEmptyDir(this, 'Tmp', 'tmp', { sizeLimit: Size.mebibytes(64) }));
    deployment.exposeViaService({ ports: [{ port: 8080, targetPort: 8080 }] });
    new kplus.NetworkPolicy(this, 'NetworkPolicy', {
      selector: deployment,
      ingress: { rules: [{ peer: kplus.Pods.all(this, 'AnyPod', { namespaces: kplus.Namespaces.all(this, 'AnyNs') }), ports: [kplus.NetworkPolicyPort.tcp(8080)] }] },
      egress: { rules: [{ peer: kplus.Pods.all(this, 'AnyPod2', { namespaces: kplus.Namespaces.all(this, 'AnyNs2') }), ports: [kplus.NetworkPolicyPort.udp(53)] }] },
    });
    new kplus.k8s.KubePodDisruptionBudget(this, 'Pdb', { spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: deployment.matchLabels } } });
  }
}

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, count: number, props: ChartProps = { }) {
    super(scope, id, props);
    for (let i = 0; i < count; i++) new HttpServer(this, `httpserver${i}`);
  }
}

const app = new App();
const n = Number(process.env.BENCH_N ?? 1);
if (process.env.BENCH_LAYOUT === 'each') {
  for (let i = 0; i < n; i++) new MyChart(app, `httpserver${i}`, 1, { namespace: 'httpserver' });
} else {
  new MyChart(app, 'httpserver', n, { namespace: 'httpserver' });
}
app.synth();
