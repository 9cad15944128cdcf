import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  composePod, GracefulWebApp, GracefulWebAppProps, HealthCheck, InitContainerProps, kplus, PostStart, PreStop,
  RuleGuard, SharedVolume, SidecarProps,
} from '../../lib';
import { chart } from '../util';

const small = { requests: { cpu: kplus.Cpu.millis(50), memory: Size.mebibytes(32) } };
const base: GracefulWebAppProps = {
  image: 'registry.example/web:1.0.0',
  port: 8080,
  readiness: HealthCheck.httpGet('/healthz'),
  resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256) } },
};
const proxy: SidecarProps = {
  name: 'proxy',
  image: 'registry.example/proxy:2.0.0',
  ports: [{ number: 9000, name: 'proxy' }],
  readiness: HealthCheck.httpGet('/ready', { port: 'proxy' }),
  resources: small,
};
const init = (name: string, extra: Partial<InitContainerProps> = {}): InitContainerProps => ({ name, image: 'busybox:1.36.1', command: ['true'], resources: small, ...extra });

function synthWeb(props: Partial<GracefulWebAppProps> = {}) {
  const c = chart();
  const app = new GracefulWebApp(c, 'web', { ...base, ...props });
  const out = Testing.synth(c);
  return { c, app, out, d: out.find(o => o.kind === 'Deployment'), pod: out.find(o => o.kind === 'Deployment').spec.template.spec };
}

describe('init containers', () => {
  test('run in the given order, each with its own pinned image, command, resources and the restricted profile', () => {
    const { pod, app } = synthWeb({ initContainers: [init('first', { image: 'busybox:1.36.1' }), init('second', { image: 'alpine:3.19.1', args: ['-x'], env: { B: '2', A: '1' } })] });
    expect(pod.initContainers.map((c: any) => `${c.name} ${c.image}`)).toEqual(['first busybox:1.36.1', 'second alpine:3.19.1']);
    expect(app.initContainers.map(c => c.name)).toEqual(['first', 'second']);
    const second = pod.initContainers[1];
    expect(second).toMatchObject({ command: ['true'], args: ['-x'], imagePullPolicy: 'Always', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] });
    expect(second.resources).toEqual({ requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '50m', memory: '32Mi' } });
    expect(second.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 10001, runAsNonRoot: true, runAsUser: 10001 });
    expect(second.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'second-tmp' }]);
    expect(second.readinessProbe).toBeUndefined();
    expect(second.lifecycle).toBeUndefined();
  });

  test('a shared emptyDir is one volume, mounted in the init container and the app', () => {
    const html = SharedVolume.emptyDir('html');
    const { pod } = synthWeb({ initContainers: [init('render', { mounts: [html.at('/out')] })], mounts: [html.at('/srv/html', { readOnly: true })] });
    expect(pod.volumes.filter((v: any) => v.name === 'html')).toEqual([{ name: 'html', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(pod.initContainers[0].volumeMounts).toContainEqual({ mountPath: '/out', name: 'html' });
    expect(pod.containers[0].volumeMounts).toContainEqual({ mountPath: '/srv/html', name: 'html', readOnly: true });
  });

  test('their resources count in the QoS class: a Burstable init container under Guaranteed fails synth naming it', () => {
    const burstable = init('warm', { resources: { requests: { cpu: kplus.Cpu.millis(10), memory: Size.mebibytes(16) }, limits: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(16) } } });
    expect(() => synthWeb({ initContainers: [burstable] })).toThrow(/declares QoS class Guaranteed, but Kubernetes computes Burstable \(container 'warm' has requests ≠ limits.*\[CKP403\]/);
  });

  test('a sidecar spec with a readiness probe passed as an init container compiles, and fails at construction', () => {
    const misplaced: InitContainerProps = proxy;
    expect(() => synthWeb({ initContainers: [misplaced] })).toThrow(
      /^GracefulWebApp 'test\/web': init container 'proxy' sets readiness, but an init container runs to completion and cannot have probes or lifecycle hooks \(the API server rejects them\) \[CKP205\]\. Fix: remove readiness/);
  });

  test('a lifecycle hook on an init container fails too', () => {
    const hooked = { ...init('setup'), postStart: PostStart.exec(['true']) } as InitContainerProps;
    expect(() => synthWeb({ initContainers: [hooked] })).toThrow(/init container 'setup' sets postStart.*\[CKP205\]/);
  });

  test('a probe patched onto an init container fails synth with the field', () => {
    const c = chart();
    const app = new GracefulWebApp(c, 'web', { ...base, initContainers: [init('setup')] });
    ApiObject.of(app.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/initContainers/0/readinessProbe', { exec: { command: ['true'] } }));
    expect(() => Testing.synth(c)).toThrow(/init container 'setup' has a readinessProbe.*\(at spec\.template\.spec\.initContainers\[0\]\.readinessProbe\) \[CKP205\]\. Fix: /);
  });
});

describe('sidecars', () => {
  test('own image, named ports, derived probes on the named port, resources, restricted profile, own /tmp', () => {
    const { pod, app } = synthWeb({ sidecars: [proxy] });
    const s = pod.containers[1];
    expect(app.sidecars.map(c => c.name)).toEqual(['proxy']);
    expect(s).toMatchObject({ name: 'proxy', image: 'registry.example/proxy:2.0.0', ports: [{ containerPort: 9000, name: 'proxy' }] });
    expect(s.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'proxy', scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 });
    expect(s.livenessProbe).toMatchObject({ httpGet: { port: 'proxy' }, periodSeconds: 10, failureThreshold: 6 });
    expect(s.startupProbe).toMatchObject({ httpGet: { port: 'proxy' }, periodSeconds: 5, failureThreshold: 12 });
    expect(s.resources.limits).toEqual({ cpu: '50m', memory: '32Mi' });
    expect(s.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(s.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'proxy-tmp' }]);
    expect(pod.volumes).toContainEqual({ name: 'proxy-tmp', emptyDir: { sizeLimit: '64Mi' } });
  });

  test('a Burstable sidecar under a Guaranteed declaration fails synth, naming the sidecar', () => {
    const burstable = { ...proxy, resources: { requests: { cpu: kplus.Cpu.millis(10), memory: Size.mebibytes(16) }, limits: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(16) } } };
    expect(() => synthWeb({ sidecars: [burstable] })).toThrow(/Deployment 'web': declares QoS class Guaranteed, but Kubernetes computes Burstable \(container 'proxy' has requests ≠ limits.*\[CKP403\]/);
  });

  test("the sidecar's preStop waits for the app's preStop + drain; the grace period covers its own drain too", () => {
    const { pod, d, app } = synthWeb({ preStopDelay: Duration.seconds(5), drainTimeout: Duration.seconds(20), sidecars: [{ ...proxy, drainTimeout: Duration.seconds(8) }] });
    expect(pod.containers[0].lifecycle.preStop).toEqual({ exec: { command: ['sleep', '5'] } });
    expect(pod.containers[1].lifecycle.preStop).toEqual({ exec: { command: ['sleep', '25'] } });
    expect(pod.terminationGracePeriodSeconds).toBe(25 + 8 + 5);
    expect(app.terminationGracePeriod.toSeconds()).toBe(38);
    expect(d.spec.template.metadata.annotations).toMatchObject({ 'cdk8s-patterns/app-container': 'web', 'cdk8s-patterns/app-stop-seconds': '25' });
  });

  test('a sidecar preStop command runs after the wait, never instead of it', () => {
    const { pod } = synthWeb({ sidecars: [{ ...proxy, preStopCommand: ['nginx', '-s', 'quit'] }] });
    expect(pod.containers[1].lifecycle.preStop).toEqual({ exec: { command: ['sh', '-c', 'sleep 25; nginx -s quit'] } });
  });

  test('a grace period that does not cover the sidecar fails, naming it', () => {
    expect(() => synthWeb({ terminationGracePeriod: Duration.seconds(30), sidecars: [proxy] })).toThrow(
      /terminationGracePeriod \(30s\) does not cover preStopDelay \(5s\) \+ drainTimeout \(20s\) \+ sidecar 'proxy' drainTimeout \(5s\) \+ 5s margin: the pod is SIGKILLed mid-drain \[CKP301\]\. Fix: raise terminationGracePeriod to at least 35s/);
  });

  test('a sidecar preStop patched shorter than the app stop fails synth (CKP303)', () => {
    const c = chart();
    const app = new GracefulWebApp(c, 'web', { ...base, sidecars: [proxy] });
    ApiObject.of(app.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/1/lifecycle/preStop/exec/command', ['sleep', '5']));
    expect(() => Testing.synth(c)).toThrow(/sidecar 'proxy' preStop waits 5s, but 'web' may run for 25s after the pod is deleted.*\[CKP303\]\. Fix: Make 'proxy' preStop sleep at least 25s/);
  });

  test('postStart on a sidecar, by named port with headers', () => {
    const { pod } = synthWeb({ sidecars: [{ ...proxy, postStart: PostStart.httpGet('/warm', { headers: { 'X-Warm': '1' } }) }] });
    expect(pod.containers[1].lifecycle.postStart).toEqual({ httpGet: { path: '/warm', port: 9000, scheme: 'HTTP', httpHeaders: [{ name: 'X-Warm', value: '1' }] } });
  });
});

describe('lifecycle hooks of the app', () => {
  test('postStart exec and httpGet (named port, headers, HTTPS)', () => {
    expect(synthWeb({ postStart: PostStart.exec(['sh', '-c', 'register']) }).pod.containers[0].lifecycle).toEqual({
      postStart: { exec: { command: ['sh', '-c', 'register'] } },
      preStop: { exec: { command: ['sleep', '5'] } },
    });
    const hook = PostStart.httpGet('/register', { port: 'http', scheme: kplus.ConnectionScheme.HTTPS, headers: { Host: 'web.example' } });
    expect(synthWeb({ postStart: hook }).pod.containers[0].lifecycle.postStart).toEqual({
      httpGet: { path: '/register', port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'web.example' }] },
    });
  });

  test('a preStop command runs first, then the delay; the grace period covers both', () => {
    const { pod } = synthWeb({ preStop: PreStop.exec(['/bin/deregister', '--name', 'my web'], { maxDuration: Duration.seconds(7) }) });
    expect(pod.containers[0].lifecycle.preStop).toEqual({ exec: { command: ['sh', '-c', "/bin/deregister --name 'my web'; sleep 5"] } });
    expect(pod.terminationGracePeriodSeconds).toBe(7 + 5 + 20 + 5);
  });

  test('a grace period too short for the preStop command fails, naming it', () => {
    expect(() => synthWeb({ preStop: PreStop.exec(['true']), terminationGracePeriod: Duration.seconds(30) })).toThrow(
      /does not cover the preStop command \(5s\) \+ preStopDelay \(5s\) \+ drainTimeout \(20s\) \+ 5s margin.*\[CKP301\]\. Fix: raise terminationGracePeriod to at least 35s/);
  });

  test('PreStop.httpGet by named port', () => {
    expect(synthWeb({ preStop: PreStop.httpGet('/prestop', { port: 'http' }) }).pod.containers[0].lifecycle.preStop).toEqual({ httpGet: { path: '/prestop', port: 'http', scheme: 'HTTP' } });
  });
});

describe('probes', () => {
  test('httpGet with headers, named port and HTTPS; liveness derived from it keeps them', () => {
    const { pod } = synthWeb({ readiness: HealthCheck.httpGet('/healthz', { port: 'http', scheme: kplus.ConnectionScheme.HTTPS, headers: { 'Host': 'web.example', 'X-Probe': 'kubelet' } }) });
    const httpGet = { path: '/healthz', port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'web.example' }, { name: 'X-Probe', value: 'kubelet' }] };
    expect(pod.containers[0].readinessProbe.httpGet).toEqual(httpGet);
    expect(pod.containers[0].livenessProbe.httpGet).toEqual(httpGet);
    expect(pod.containers[0].startupProbe.httpGet).toEqual(httpGet);
  });

  test('tcpSocket by name and by number, exec', () => {
    const { pod } = synthWeb({ readiness: HealthCheck.tcpSocket({ port: 'http' }), liveness: HealthCheck.exec(['/bin/check']) });
    expect(pod.containers[0].readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(pod.containers[0].livenessProbe.exec).toEqual({ command: ['/bin/check'] });
    expect(synthWeb({ readiness: HealthCheck.tcpSocket({ port: 8080 }) }).pod.containers[0].readinessProbe.tcpSocket).toEqual({ port: 8080 });
  });

  test('a named port no container declares fails synth (CKP203)', () => {
    expect(() => synthWeb({ readiness: HealthCheck.httpGet('/healthz', { port: 'metrics' }) })).toThrow(/readinessProbe targets port 'metrics', which the container does not declare.*\[CKP203\]/);
  });

  test('a fractional period fails at construction (CKP204)', () => {
    expect(() => synthWeb({ readiness: HealthCheck.httpGet('/healthz', { period: Duration.millis(1500) }) })).toThrow(/^GracefulWebApp 'test\/web': readiness\.period \(1500ms\) is not a whole number of seconds.*\[CKP204\]\. Fix: use whole seconds, e\.g\. Duration\.seconds\(2\)/);
  });
});

describe('exposure', () => {
  test('NodePort 81 → the named target port on 30080; the NetworkPolicy opens the resolved number', () => {
    const { out } = synthWeb({ serviceType: kplus.ServiceType.NODE_PORT, servicePort: 81, targetPort: 'http', nodePort: 30080 });
    expect(out.find(o => o.kind === 'Service').spec.ports).toEqual([{ name: 'http', port: 81, targetPort: 'http', nodePort: 30080 }]);
    expect(out.find(o => o.kind === 'NetworkPolicy').spec.ingress.map((r: any) => r.ports[0].port)).toEqual([8080, 8080, 8080]);
  });

  test("the Service and NetworkPolicy can target a sidecar's port, by name", () => {
    const { out } = synthWeb({ sidecars: [proxy], targetPort: 'proxy' });
    expect(out.find(o => o.kind === 'Service').spec.ports).toEqual([{ name: 'proxy', port: 9000, targetPort: 'proxy' }]);
    expect(out.find(o => o.kind === 'NetworkPolicy').spec.ingress.every((r: any) => r.ports[0].port === 9000)).toBe(true);
  });

  test('a target port no container declares fails (CKP809)', () => {
    expect(() => synthWeb({ targetPort: 'metrics' })).toThrow(/targetPort 'metrics' is not a port of the app or a sidecar \(declared: 'http' 8080 \(web\)\) \[CKP809\]\. Fix: /);
  });
});

describe('configMap volumes', () => {
  test('become a ConfigMap named after the instance, and their checksum rolls the pods', () => {
    const cfg = (data: Record<string, string>) => synthWeb({ sidecars: [{ ...proxy, mounts: [SharedVolume.configMap('proxy-config', data).at('/etc/proxy', { readOnly: true })] }] });
    const { out, pod, d } = cfg({ 'proxy.conf': 'rate=1' });
    expect(out.find(o => o.kind === 'ConfigMap' && o.metadata.name === 'web-proxy-config').data).toEqual({ 'proxy.conf': 'rate=1' });
    expect(pod.volumes).toContainEqual({ name: 'proxy-config', configMap: { name: 'web-proxy-config' } });
    expect(pod.containers[1].volumeMounts).toContainEqual({ mountPath: '/etc/proxy', name: 'proxy-config', readOnly: true });
    const sum = (x: any) => x.spec.template.metadata.annotations['cdk8s-patterns/volumes-checksum'];
    expect(sum(d)).toMatch(/^[0-9a-f]{64}$/);
    expect(sum(cfg({ 'proxy.conf': 'rate=2' }).d)).not.toBe(sum(d));
    expect(sum(cfg({ 'proxy.conf': 'rate=1' }).d)).toBe(sum(d));
  });
});

describe('bad compositions fail at construction with the rule id, field and fix', () => {
  const fails = (props: Partial<GracefulWebAppProps>, pattern: RegExp) => expect(() => synthWeb(props)).toThrow(pattern);

  test('a sidecar named like the app', () => fails({ sidecars: [{ ...proxy, name: 'web' }] }, /sidecars\[0\]\.name 'web' is already the name of the app container.*\[CKP805\]\. Fix: rename it/));
  test('an init container and a sidecar of one name', () => fails({ initContainers: [init('proxy')], sidecars: [proxy] }, /sidecars\[0\]\.name 'proxy' is already the name of initContainers\[0\].*\[CKP805\]/));
  test('a container name that is not a DNS label', () => fails({ initContainers: [init('Init_1')] }, /initContainers\[0\]\.name 'Init_1' must consist of lowercase.*\[CKP807\]/));
  test("a sidecar on the app's port", () => fails({ sidecars: [{ ...proxy, ports: [{ number: 8080 }] }] }, /port 8080\/TCP of sidecar 'proxy' is already declared by the app container 'web': containers share the pod's network namespace.*\[CKP806\]\. Fix: give 'proxy' its own port/));
  test('two sidecars on one port', () => fails({ sidecars: [proxy, { ...proxy, name: 'proxy-2' }] }, /port 9000\/TCP of sidecar 'proxy-2' is already declared by sidecars\[0\]\.ports\[0\] \('proxy'\).*\[CKP806\]/));
  test('a UDP port beside the same TCP port is fine', () => {
    expect(synthWeb({ sidecars: [{ ...proxy, ports: [{ number: 8080, protocol: kplus.Protocol.UDP, name: 'dns' }], readiness: HealthCheck.exec(['true']) }] }).pod.containers[1].ports).toEqual([{ containerPort: 8080, name: 'dns', protocol: 'UDP' }]);
  });
  test('a shared volume named like the app /tmp', () => fails({ mounts: [SharedVolume.emptyDir('tmp').at('/data')] }, /volume name 'tmp' of shared volume 'tmp' is already used by the volume container 'web' mounts at \/tmp.*\[CKP808\]/));
  test('two shared volumes of one name', () => fails(
    { mounts: [SharedVolume.emptyDir('data').at('/a')], initContainers: [init('setup', { mounts: [SharedVolume.emptyDir('data').at('/b')] })] },
    /volume name 'data' of shared volume 'data' is already used by shared volume 'data'.*\[CKP808\]/));
  test('a shared volume at /tmp of a sidecar', () => fails({ sidecars: [{ ...proxy, mounts: [SharedVolume.emptyDir('scratch').at('/tmp')] }] }, /container 'proxy' already mounts a volume at \/tmp \[CKP808\]/));
});

/**
 * Any construct with a pod composes in one call, whatever its workload kind (a DaemonSet here: a Job
 * with a 1.27 sidecar would never complete, and the job rules say so).
 */
class Agent extends Construct {
  constructor(scope: Construct, id: string, sidecars: SidecarProps[]) {
    super(scope, id);
    const guard = new RuleGuard(this, 'Agent');
    const job = new kplus.DaemonSet(this, 'Resource', { ...{ securityContext: { ensureNonRoot: true, user: 10001, group: 10001 } } });
    const main = job.addContainer({ name: 'main', image: 'busybox:1.36.1', resources: { cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) } } });
    composePod(this, job, guard, { initContainers: [init('setup')], sidecars }, { main, instance: 'agent' });
  }
}

test('composePod works on any workload; without an app stop time sidecars get no wait', () => {
  const c = chart();
  new Agent(c, 'agent', [{ ...proxy, preStopCommand: ['/bin/flush'] }]);
  const pod = Testing.synth(c)[0].spec.template.spec;
  expect(pod.initContainers.map((x: any) => x.name)).toEqual(['setup']);
  expect(pod.containers[1].lifecycle).toEqual({ preStop: { exec: { command: ['/bin/flush'] } } });
});

describe("issue 6's bad inputs fail synth with the rule id, the field and the fix", () => {
  /** The error a bad input raises: a PatternError at construction or a validation error at synth. */
  function failure(props: Partial<GracefulWebAppProps>): { message: string; ruleId?: string; field?: string } {
    try {
      synthWeb(props);
    } catch (e: any) {
      return { message: e.message, ruleId: e.ruleId, field: e.field };
    }
    throw new Error('did not fail');
  }
  const nodePort = (n: number) => ({ serviceType: kplus.ServiceType.NODE_PORT, nodePort: n });
  test.each<[string, Partial<GracefulWebAppProps>, string, string]>([
    ['nodePort 80', nodePort(80), 'CKP803', 'nodePort'],
    ['nodePort 40000', nodePort(40000), 'CKP803', 'nodePort'],
    ['an init container with a readinessProbe', { initContainers: [proxy] }, 'CKP205', 'initContainers[0].readiness'],
    ['periodSeconds: 0', { readiness: HealthCheck.httpGet('/healthz', { period: Duration.seconds(0) }) }, 'CKP204', 'spec.template.spec.containers[0].readinessProbe.periodSeconds'],
    ['timeoutSeconds: 0', { readiness: HealthCheck.httpGet('/healthz', { timeout: Duration.seconds(0) }) }, 'CKP204', 'spec.template.spec.containers[0].readinessProbe.timeoutSeconds'],
    ['a named probe port no container declares', { readiness: HealthCheck.tcpSocket({ port: 'admin' }) }, 'CKP203', 'spec.template.spec.containers[0].readinessProbe'],
    ['two containers with the same name', { sidecars: [{ ...proxy, name: 'web' }] }, 'CKP805', 'sidecars[0].name'],
    ['two containers on the same port', { sidecars: [{ ...proxy, ports: [{ number: 8080 }] }] }, 'CKP806', 'sidecars[0].ports[0]'],
  ])('%s', (_, props, ruleId, field) => {
    const f = failure(props);
    expect(f.message).toContain(`[${ruleId}]. Fix: `);
    if (f.ruleId !== undefined) {
      expect([f.ruleId, f.field]).toEqual([ruleId, field]);
    } else {
      expect(f.message).toContain(`(at ${field})`);
    }
  });
});
