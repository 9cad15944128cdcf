import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { GracefulWebApp, HealthCheck, kplus, PostStart, PreStop, ResourcesProps, SharedVolume } from '../lib';

/** The official nginx image runs as root on port 80; this build of it runs as any UID on 8080. */
const NGINX = 'nginxinc/nginx-unprivileged:1.25.3-alpine';
const BUSYBOX = 'busybox:1.36.1';
const INIT_RESOURCES: ResourcesProps = { requests: { cpu: kplus.Cpu.millis(50), memory: Size.mebibytes(32) } };

/**
 * Seed 002 (day-4 notes): the `myserver-myapp-frontend` nginx in namespace `myserver`. Two init
 * containers, in order, write the pages into a shared emptyDir and then make them read-only; nginx
 * serves them read-only. httpGet readiness on /index.html and tcpSocket liveness, both on the named
 * port; NodePort 81 → 8080 on 30080; postStart/preStop hooks that register with and deregister from a
 * service registry, with a grace period computed to cover them.
 *
 * Differences from the seed, for the restricted profile: nginx-unprivileged on 8080 instead of nginx
 * on 80 (non-root cannot bind below 1024); busybox instead of centos for the first init container;
 * the second one sets permissions with chmod (as the seed's command does) since every container runs
 * as the same non-root UID and owns the files already; the registry hooks write to a log in /tmp, a
 * stand-in for a registry API that a real deployment would call (a failing postStart kills the container).
 */
export class FrontendChart extends Chart {
  public readonly app: GracefulWebApp;

  constructor(scope: Construct, id = 'frontend') {
    super(scope, id, { namespace: 'myserver' });
    const pages = SharedVolume.emptyDir('web-data', { sizeLimit: Size.mebibytes(16) });
    this.app = new GracefulWebApp(this, 'myserver-myapp-frontend', {
      image: NGINX,
      port: 8080,
      initContainers: [
        {
          name: 'init-web-data',
          image: BUSYBOX,
          command: ['sh', '-c', 'for i in $(seq 1 10); do echo "<h1>$i web page at $(date +%Y%m%d%H%M%S)</h1>" >> /data/nginx/html/myserver/index.html; sleep 1; done'],
          mounts: [pages.at('/data/nginx/html/myserver')],
          resources: INIT_RESOURCES,
        },
        {
          name: 'change-data-owner',
          image: BUSYBOX,
          // The volume's root belongs to the kubelet; the pages inside belong to our UID.
          command: ['sh', '-c', 'chmod -R a=rX /data/nginx/html/myserver/*'],
          mounts: [pages.at('/data/nginx/html/myserver')],
          resources: INIT_RESOURCES,
        },
      ],
      mounts: [pages.at('/usr/share/nginx/html/myserver', { readOnly: true })],
      readiness: HealthCheck.httpGet('/index.html', { port: 'http', period: Duration.seconds(3), timeout: Duration.seconds(1) }),
      liveness: HealthCheck.tcpSocket({ port: 'http' }),
      postStart: PostStart.exec(['sh', '-c', 'echo "$(date -u) registered $HOSTNAME" >> /tmp/registry.log']),
      preStop: PreStop.exec(['sh', '-c', 'echo "$(date -u) deregistered $HOSTNAME" >> /tmp/registry.log']),
      drainTimeout: Duration.seconds(10),
      resources: { requests: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(128) } },
      serviceType: kplus.ServiceType.NODE_PORT,
      servicePort: 81,
      targetPort: 'http',
      nodePort: 30080,
      partOf: 'myserver',
    });
  }
}
