import { Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GracefulWebApp, GracefulWebAppProps, HealthCheck, kplus } from '../lib';

/** The httpserver's props (also what bench/scale.ts multiplies). */
export const HTTPSERVER: GracefulWebAppProps = {
  image: 'cloudnativestg1.azurecr.io/httpserver:1.1',
  // The Secret is created out of band (kubectl create secret docker-registry): no credentials in dist/.
  imagePullSecrets: ['cloudnative'],
  port: 8080,
  readiness: HealthCheck.httpGet('/healthz'),
  config: { logLevel: 'debug', logLevelKey: 'loglevel', data: { httpport: '8080' } },
  resources: { requests: { cpu: kplus.Cpu.millis(700), memory: Size.mebibytes(200) } },
  replicas: 2,
  partOf: 'cncamp',
};

/**
 * Seed 001: the httpserver homework, done right. A private-registry image pinned to 1.1, /healthz
 * probes, log level and port in a ConfigMap, Downward API env, Guaranteed 700m / 200Mi, 2 replicas.
 */
export class HttpServerChart extends Chart {
  public readonly app: GracefulWebApp;

  constructor(scope: Construct, id = 'httpserver') {
    super(scope, id, { namespace: 'httpserver' });
    this.app = new GracefulWebApp(this, 'httpserver', HTTPSERVER);
  }
}
