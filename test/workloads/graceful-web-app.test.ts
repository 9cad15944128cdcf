import { ApiObject, Duration, Size, Testing } from 'cdk8s';
import { GracefulWebApp, GracefulWebAppProps, HealthCheck, kplus, PreStop, QosClass } from '../../lib';
import { chart, only } from '../util';

const base: GracefulWebAppProps = {
  image: 'registry.example/web:1.0.0',
  port: 8080,
  readiness: HealthCheck.httpGet('/healthz'),
  resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256) } },
};

function synthWeb(props: Partial<GracefulWebAppProps> = {}) {
  const c = chart();
  const app = new GracefulWebApp(c, 'web', { ...base, ...props });
  return { c, app, out: Testing.synth(c) };
}

function deploymentOf(props: Partial<GracefulWebAppProps> = {}) {
  return synthWeb(props).out.find(o => o.kind === 'Deployment');
}

const main = (d: any) => d.spec.template.spec.containers[0];

describe('GracefulWebApp defaults', () => {
  test('the Deployment is the default child', () => {
    const { app } = synthWeb();
    expect(ApiObject.of(app).kind).toBe('Deployment');
    expect(app.node.defaultChild).toBe(app.deployment);
  });

  test('objects: Deployment, ConfigMap-less, Service, NetworkPolicy, PDB', () => {
    expect(synthWeb().out.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Service/web', 'NetworkPolicy/web', 'PodDisruptionBudget/web']);
  });

  test('rolling update never drops capacity', () => {
    const d = deploymentOf();
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.minReadySeconds).toBe(5);
    expect(d.spec.revisionHistoryLimit).toBe(5);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
  });

  test('readiness, derived liveness and startup probes differ in timing', () => {
    const c = main(deploymentOf({ startupTimeout: Duration.seconds(90) }));
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 });
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6, successThreshold: 1 });
    expect(c.startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 18, successThreshold: 1 });
  });

  test('grace period = preStopDelay + drainTimeout + 5s, preStop sleeps preStopDelay', () => {
    const { out, app } = synthWeb({ preStopDelay: Duration.seconds(10), drainTimeout: Duration.seconds(45) });
    const d = out.find(o => o.kind === 'Deployment');
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    expect(app.terminationGracePeriod.toSeconds()).toBe(60);
    expect(main(d).lifecycle.preStop).toEqual({ exec: { command: ['sleep', '10'] } });
  });

  test('PreStop.httpGet for images without a shell', () => {
    expect(main(deploymentOf({ preStop: PreStop.httpGet('/prestop') })).lifecycle.preStop).toEqual({ httpGet: { path: '/prestop', port: 8080, scheme: 'HTTP' } });
  });

  test('Guaranteed QoS by default: limits equal requests, declared and computed', () => {
    const { out, app } = synthWeb();
    const d = out.find(o => o.kind === 'Deployment');
    expect(main(d).resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(d.spec.template.metadata.annotations['cdk8s-patterns/qos-class']).toBe('Guaranteed');
    expect(app.qosClass).toBe('Guaranteed');
  });

  test('Burstable on request', () => {
    const { app } = synthWeb({ qos: QosClass.BURSTABLE, resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(128) }, limits: { memory: Size.mebibytes(256) } } });
    expect(app.qosClass).toBe('Burstable');
  });

  test('restricted security', () => {
    const d = deploymentOf();
    const pod = d.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(main(d).securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 10001, runAsNonRoot: true, runAsUser: 10001 });
    expect(main(d).volumeMounts).toContainEqual({ mountPath: '/tmp', name: 'tmp' });
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
  });

  test('recommended labels on every object; instance equals the name', () => {
    for (const o of synthWeb({ partOf: 'shop' }).out) {
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': o.kind === 'Deployment' ? o.metadata.name : 'web',
        'app.kubernetes.io/version': '1.0.0', 'app.kubernetes.io/component': 'server', 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'cdk8s-patterns',
      });
    }
  });

  test('PDB only with 2+ replicas; a single replica carries a reasoned Polaris exemption instead', () => {
    const { out } = synthWeb({ replicas: 1 });
    expect(out.map(o => o.kind)).not.toContain('PodDisruptionBudget');
    const d = out.find(o => o.kind === 'Deployment');
    expect(d.metadata.annotations['polaris.fairwinds.com/missingPodDisruptionBudget-exempt']).toBe('true');
    expect(d.metadata.annotations['polaris.fairwinds.com/missingPodDisruptionBudget-exempt-reason']).toMatch(/single replica/);
    const pdb = synthWeb({ replicas: 3 }).out.find(o => o.kind === 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: deploymentOf().spec.selector.matchLabels } });
  });

  test('soft topology spread over zones and nodes', () => {
    const d = deploymentOf();
    expect(d.spec.template.spec.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'], ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
  });

  test('NetworkPolicy: ingress to the served port, egress to DNS only', () => {
    const np = synthWeb().out.find(o => o.kind === 'NetworkPolicy');
    expect(np.spec.policyTypes).toEqual(['Egress', 'Ingress']);
    expect(np.spec.ingress.every((r: any) => r.ports[0].port === 8080)).toBe(true);
    expect(np.spec.egress).toHaveLength(1);
    expect(np.spec.egress[0].ports.map((p: any) => `${p.protocol}/${p.port}`)).toEqual(['UDP/53', 'TCP/53']);
  });
});

describe('GracefulWebApp config and pod facts', () => {
  test('config keys become a ConfigMap and configMapKeyRef env vars, logLevel first-class', () => {
    const { out, app } = synthWeb({ config: { data: { httpport: '8080' }, logLevel: 'debug' } });
    expect(only(app.node.scope as any, 'ConfigMap').data).toEqual({ LOG_LEVEL: 'debug', httpport: '8080' });
    const env = main(out.find(o => o.kind === 'Deployment')).env;
    expect(env).toContainEqual({ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { key: 'LOG_LEVEL', name: 'web-config' } } });
    expect(env).toContainEqual({ name: 'httpport', valueFrom: { configMapKeyRef: { key: 'httpport', name: 'web-config' } } });
  });

  test('the config checksum changes when config changes, and only then', () => {
    const sum = (data: Record<string, string>) => deploymentOf({ config: { data } }).spec.template.metadata.annotations['cdk8s-patterns/config-checksum'];
    expect(sum({ a: '1', b: '2' })).toBe(sum({ b: '2', a: '1' }));
    expect(sum({ a: '1' })).not.toBe(sum({ a: '2' }));
  });

  test('config files mount', () => {
    const d = deploymentOf({ config: { data: { 'app.yaml': 'x: 1' }, mountPath: '/etc/app' } });
    expect(main(d).volumeMounts).toContainEqual({ mountPath: '/etc/app', name: 'config', readOnly: true });
  });

  test('Downward API env and volume', () => {
    const d = deploymentOf({ podInfoPath: '/etc/podinfo' });
    const names = main(d).env.map((e: any) => e.name);
    expect(names).toEqual(expect.arrayContaining(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'NODE_NAME', 'POD_SERVICE_ACCOUNT', 'CPU_LIMIT_MILLICORES', 'MEMORY_LIMIT_BYTES']));
    expect(d.spec.template.spec.volumes).toContainEqual(expect.objectContaining({ name: 'podinfo', downwardAPI: expect.anything() }));
    expect(main(d).volumeMounts).toContainEqual({ name: 'podinfo', mountPath: '/etc/podinfo', readOnly: true });
  });

  test('pull secrets by name only', () => {
    expect(deploymentOf({ imagePullSecrets: ['a', 'b'] }).spec.template.spec.imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  test('NodePort with a fixed port', () => {
    const svc = synthWeb({ serviceType: kplus.ServiceType.NODE_PORT, servicePort: 81, nodePort: 30080 }).out.find(o => o.kind === 'Service');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 81, targetPort: 8080, nodePort: 30080 }]);
  });
});

describe('GracefulWebApp bad input fails with the rule id, field and fix', () => {
  const fails = (props: Partial<GracefulWebAppProps>, pattern: RegExp) => expect(() => synthWeb(props)).toThrow(pattern);

  test("image 'nginx'", () => fails({ image: 'nginx' }, /GracefulWebApp 'test\/web': Deployment 'web' container 'web': image 'nginx' has no tag.*\(at spec\.template\.spec\.containers\[0\]\.image\) \[CKP101\]\. Fix: Pin it/));
  test("image 'nginx:latest'", () => fails({ image: 'nginx:latest' }, /mutable tag 'latest'.*\[CKP101\]/));
  test('Guaranteed with requests ≠ limits', () => fails(
    { resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) }, limits: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(64) } } },
    /declares QoS class Guaranteed, but Kubernetes computes Burstable.*\[CKP403\]/));
  test('cpu request above limit', () => fails(
    { qos: QosClass.BURSTABLE, resources: { requests: { cpu: kplus.Cpu.millis(900), memory: Size.mebibytes(64) }, limits: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(64) } } },
    /cpu request \(900m\) is above its limit \(200m\).*\[CKP402\]/));
  test('liveness successThreshold 2', () => fails({ liveness: HealthCheck.httpGet('/healthz', { successThreshold: 2 }) }, /livenessProbe\.successThreshold is 2.*\[CKP202\]/));
  // A number need not be declared (issue 15: Kubernetes does not require it); a name must be.
  test('a probe on an undeclared port name', () => fails({ readiness: HealthCheck.tcpSocket({ port: 'admin' }) }, /readinessProbe targets port 'admin', which the container does not declare.*\[CKP203\]/));
  test('terminationGracePeriod shorter than preStopDelay + drainTimeout', () => fails(
    { preStopDelay: Duration.seconds(5), drainTimeout: Duration.seconds(30), terminationGracePeriod: Duration.seconds(20) },
    /^GracefulWebApp 'test\/web': terminationGracePeriod \(20s\) does not cover preStopDelay \(5s\) \+ drainTimeout \(30s\) \+ 5s margin.* \[CKP301\]\. Fix: raise terminationGracePeriod to at least 40s/));
  test.each([0, -1])('replicas %i', replicas => fails({ replicas }, new RegExp(`replicas \\(${replicas}\\) must be a whole number of at least 1 \\[CKP503\\]`)));
  test('NodePort outside 30000–32767', () => fails({ serviceType: kplus.ServiceType.NODE_PORT, nodePort: 40000 }, /nodePort 40000 is outside the NodePort range 30000–32767 \[CKP803\]/));
  test('nodePort 80', () => fails({ serviceType: kplus.ServiceType.NODE_PORT, nodePort: 80 }, /nodePort 80 is outside.*\[CKP803\]/));
  test('a name that is not a DNS-1123 label', () => fails({ name: 'Web_App' }, /name 'Web_App' must consist of lowercase letters.*\[CKP801\]. Fix: pass `name`/));
  test('an empty config key', () => fails({ config: { data: { '': 'x' } } }, /key "" is empty.*\[CKP802\]/));
  test('a config key that is not a valid ConfigMap key', () => fails({ config: { data: { 'log level': 'x' } } }, /key "log level" may only contain.*\[CKP802\]/));
  test('timeout not shorter than period', () => fails({ readiness: HealthCheck.httpGet('/healthz', { period: Duration.seconds(2), timeout: Duration.seconds(2) }) }, /\[CKP204\]/));
  test('PreStop.none() without a suppression', () => fails({ preStop: PreStop.none() }, /has no preStop hook.*\[CKP302\]/));
  test('errors are PatternErrors carrying the rule id', () => {
    try {
      synthWeb({ replicas: 0 });
      throw new Error('did not throw');
    } catch (e: any) {
      expect(e.name).toBe('PatternError');
      expect(e.ruleId).toBe('CKP503');
      expect(e.field).toBe('replicas');
    }
  });
});

describe('GracefulWebApp suppressions', () => {
  test('a suppressed rule passes synth and is written into the annotations, with its Polaris twin', () => {
    const { out, app } = synthWeb({ image: 'nginx:latest', suppressions: [{ id: 'CKP101', reason: 'throwaway preview environment' }] });
    const d = out.find(o => o.kind === 'Deployment');
    expect(d.metadata.annotations).toMatchObject({
      'cdk8s-patterns/suppress.CKP101': 'throwaway preview environment',
      'polaris.fairwinds.com/tagNotSpecified-exempt': 'true',
      'polaris.fairwinds.com/tagNotSpecified-exempt-reason': 'throwaway preview environment',
    });
    const f = app.rules.findings().find(x => x.rule.id === 'CKP101');
    expect(f?.suppressed).toEqual({ reason: 'throwaway preview environment', source: 'annotation' });
  });

  test('a suppressed construct-time check passes', () => {
    const { app } = synthWeb({ preStop: PreStop.none(), suppressions: [{ id: 'CKP302', reason: 'the app drains for 10s after SIGTERM itself' }] });
    expect(app.rules.findings().filter(f => f.rule.id === 'CKP302').every(f => f.suppressed)).toBe(true);
  });

  test('reasons must say something', () => {
    expect(() => synthWeb({ suppressions: [{ id: 'CKP101', reason: 'because' }] })).toThrow(/shorter than 10 characters/);
  });

  test('unknown ids are errors', () => {
    expect(() => synthWeb({ suppressions: [{ id: 'CKP999', reason: 'a long enough reason' }] })).toThrow(/'CKP999', which is not a rule id/);
  });

  test('suppress() after construction annotates too', () => {
    const c = chart();
    const app = new GracefulWebApp(c, 'web', { ...base, image: 'nginx' });
    app.rules.suppress('CKP101', 'pinned by the registry mirror policy');
    expect(only(c, 'Deployment').metadata.annotations['cdk8s-patterns/suppress.CKP101']).toBe('pinned by the registry mirror policy');
  });
});

test('snapshot: all defaults', () => {
  expect(synthWeb().out).toMatchSnapshot();
});
