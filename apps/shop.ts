import { App, Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GracefulWebApp, HealthCheck, HouseDefaults, kplus, SecureNamespace } from '../lib';

/** What differs between the shop's environments; everything else is one definition. */
export interface ShopEnvironment {
  /** `staging` or `production`: the namespace is `shop-<name>`. */
  readonly name: string;
  /** Host names the Ingress routes, all covered by `tlsSecret`. */
  readonly hosts: string[];
  /** The TLS Secret (issued by cert-manager from the Ingress annotation). */
  readonly tlsSecret: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** The namespace's total cpu and memory requests. */
  readonly quota: { readonly cpu: kplus.Cpu; readonly memory: Size; readonly pods: number };
}

/** The two environments of the shop: same app, different size and hosts. */
export const SHOP_ENVIRONMENTS: readonly ShopEnvironment[] = [
  { name: 'staging', hosts: ['shop.staging.example.com'], tlsSecret: 'shop-staging-tls', minReplicas: 2, maxReplicas: 4, quota: { cpu: kplus.Cpu.units(4), memory: Size.gibibytes(4), pods: 20 } },
  { name: 'production', hosts: ['shop.example.com', 'www.shop.example.com'], tlsSecret: 'shop-tls', minReplicas: 3, maxReplicas: 12, quota: { cpu: kplus.Cpu.units(16), memory: Size.gibibytes(16), pods: 60 } },
];

/**
 * A production service as a platform team ships it on day one: a namespace with the restricted Pod
 * Security Standard, default-deny networking, container defaults and a quota; house defaults (pull
 * secret, priority class, part-of, team labels, ingress class) set once for the chart; a web app that
 * autoscales on CPU behind an Ingress with TLS, exposes a metrics port to Prometheus only and reads
 * its database password from a Secret by name, and may reach only DNS and the database. One chart (one file in dist/) per environment.
 */
export class ShopChart extends Chart {
  public readonly secureNamespace: SecureNamespace;
  public readonly web: GracefulWebApp;

  constructor(scope: Construct, env: ShopEnvironment) {
    const namespace = `shop-${env.name}`;
    super(scope, namespace, { namespace });
    HouseDefaults.set(this, {
      // Created out of band (kubectl create secret docker-registry): no credentials in dist/.
      imagePullSecrets: ['registry-pull'],
      priorityClassName: 'shop-critical',
      partOf: 'shop',
      labels: { 'example.com/team': 'shop', 'example.com/environment': env.name },
      ingressClassName: 'nginx',
    });
    this.secureNamespace = new SecureNamespace(this, 'Namespace', {
      name: namespace,
      quota: { requestsCpu: env.quota.cpu, requestsMemory: env.quota.memory, pods: env.quota.pods },
    });
    const prometheus = kplus.Pods.select(this, 'Prometheus', {
      labels: { 'app.kubernetes.io/name': 'prometheus' },
      namespaces: kplus.Namespaces.select(this, 'Monitoring', { names: ['monitoring'] }),
    });
    const database = kplus.Pods.select(this, 'Database', { labels: { 'app.kubernetes.io/name': 'postgres', 'app.kubernetes.io/part-of': 'shop' } });
    const shopPods = kplus.Pods.select(this, 'ShopPods', { labels: { 'app.kubernetes.io/part-of': 'shop' } });
    this.web = new GracefulWebApp(this, 'web', {
      image: 'registry.example.com/shop/web:2.4.1',
      port: 8080,
      ports: [{ name: 'metrics', port: 9090, ingressFrom: [prometheus] }],
      readiness: HealthCheck.httpGet('/healthz'),
      config: { logLevel: env.name === 'production' ? 'info' : 'debug', data: { SHOP_ENV: env.name } },
      secretEnv: { DATABASE_PASSWORD: { secret: 'shop-db', key: 'password' } },
      resources: { requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(256) } },
      autoscaling: { minReplicas: env.minReplicas, maxReplicas: env.maxReplicas, cpuUtilization: 70, scaleDownStabilization: Duration.minutes(10) },
      // Other shop services call it directly; the ingress controller is admitted because of `ingress`.
      ingressFrom: [shopPods],
      egress: [{ peer: database, ports: [kplus.NetworkPolicyPort.tcp(5432)] }],
      ingress: { hosts: env.hosts, tlsSecret: env.tlsSecret, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
      podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
    });
  }
}

/** Adds one {@link ShopChart} per environment. */
export function addShopCharts(app: App): ShopChart[] {
  return SHOP_ENVIRONMENTS.map(env => new ShopChart(app, env));
}
