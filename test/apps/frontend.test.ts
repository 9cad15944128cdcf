import { Testing } from 'cdk8s';
import { FrontendChart } from '../../apps/frontend';

describe('apps/frontend (seed 002: init containers, probes, hooks, NodePort)', () => {
  const chart = new FrontendChart(Testing.app());
  const out = Testing.synth(chart);
  const d = out.find(o => o.kind === 'Deployment');
  const pod = d.spec.template.spec;
  const [nginx] = pod.containers;

  test('myserver-myapp-frontend in namespace myserver, pinned nginx running as non-root', () => {
    expect(d.metadata).toMatchObject({ name: 'myserver-myapp-frontend', namespace: 'myserver' });
    expect(nginx.image).toBe('nginxinc/nginx-unprivileged:1.25.3-alpine');
    expect(nginx.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
  });

  test('two init containers, in order, fill the shared emptyDir that nginx serves read-only', () => {
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['init-web-data', 'change-data-owner']);
    expect(pod.initContainers[0].command[2]).toMatch(/for i in \$\(seq 1 10\).*>> \/data\/nginx\/html\/myserver\/index\.html/);
    expect(pod.initContainers[1].command[2]).toMatch(/^chmod -R a=rX \/data\/nginx\/html\/myserver\/\*$/);
    for (const init of pod.initContainers) expect(init.volumeMounts).toContainEqual({ mountPath: '/data/nginx/html/myserver', name: 'web-data' });
    expect(nginx.volumeMounts).toContainEqual({ mountPath: '/usr/share/nginx/html/myserver', name: 'web-data', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'web-data', emptyDir: { sizeLimit: '16Mi' } });
    expect(chart.app.qosClass).toBe('Guaranteed');
  });

  test('httpGet readiness on /index.html and tcpSocket liveness, both on the named port', () => {
    expect(nginx.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(nginx.readinessProbe).toEqual({ httpGet: { path: '/index.html', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 3, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(nginx.livenessProbe).toMatchObject({ tcpSocket: { port: 'http' }, successThreshold: 1 });
  });

  test('registry hooks: postStart registers; preStop deregisters, then waits; the grace period covers both and the drain', () => {
    expect(nginx.lifecycle.postStart.exec.command).toEqual(['sh', '-c', 'echo "$(date -u) registered $HOSTNAME" >> /tmp/registry.log']);
    expect(nginx.lifecycle.preStop.exec.command).toEqual(['sh', '-c', `sh -c 'echo "$(date -u) deregistered $HOSTNAME" >> /tmp/registry.log'; sleep 5`]);
    expect(pod.terminationGracePeriodSeconds).toBe(5 + 5 + 10 + 5);
  });

  test('NodePort 81 → the named port on 30080', () => {
    const svc = out.find(o => o.kind === 'Service');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 81, targetPort: 'http', nodePort: 30080 }]);
  });

  test('no rule finding at all, suppressed or not', () => {
    expect(chart.app.rules.findings()).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
