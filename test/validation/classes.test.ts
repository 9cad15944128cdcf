import { Duration, Size, Testing } from 'cdk8s';
import {
  BoundedCronJob, BoundedJob, DevContainer, DevContainerProps, DevSecurity, Foreground, GracefulWebApp, GracefulWebAppProps, HealthCheck, kplus,
  PatternError, PostStart, PreStop, QosClass, SharedVolume,
} from '../../lib';
import { chart } from '../util';

const resources = { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } };
const web: GracefulWebAppProps = { image: 'registry.example/web:1.0.0', port: 8080, readiness: HealthCheck.httpGet('/healthz'), resources };
const dev: DevContainerProps = { image: 'registry.example/dev:1.0', security: DevSecurity.sshdAsRoot() };
const job = { image: 'registry.example/job:1.0', activeDeadline: Duration.minutes(10), resources };

/** The PatternError building `make` throws (at construction or, for rule findings, at synth). */
function refusal(make: (c: ReturnType<typeof chart>) => void): { ruleId: string; field: string; message: string } {
  const c = chart();
  try {
    make(c);
    Testing.synth(c);
  } catch (e) {
    if (e instanceof PatternError) return { ruleId: e.ruleId, field: e.field, message: e.message };
    const m = /\[(CKP\d{3})\]/.exec(String((e as Error).message));
    if (m) return { ruleId: m[1], field: (/\(at ([^)]+)\)/.exec((e as Error).message) ?? [])[1] ?? '', message: (e as Error).message };
    throw e;
  }
  throw new Error('not refused');
}

const webWith = (p: Record<string, unknown>) => (c: any) => new GracefulWebApp(c, 'web', { ...web, ...p } as any);
const devWith = (p: Record<string, unknown>) => (c: any) => new DevContainer(c, 'dev', { ...dev, ...p } as any);
const jobWith = (p: Record<string, unknown>) => (c: any) => new BoundedJob(c, 'job', { ...job, ...p } as any);
const cronWith = (p: Record<string, unknown>) => (c: any) => new BoundedCronJob(c, 'cron', { ...job, schedule: '@daily', ...p } as any);

describe('each class of bad input is refused with its rule id, naming the field', () => {
  test.each<[string, (c: any) => void, string, string]>([
    // Durations that are not whole seconds, NaN, Infinity, past int32
    ['duration 2500ms', webWith({ preStopDelay: Duration.millis(2500) }), 'CKP301', 'preStopDelay'],
    ['sidecar probe timeout NaN', webWith({ sidecars: [{ name: 'proxy', image: 'nginx:1.25', resources, readiness: HealthCheck.tcpSocket({ port: 9000, timeout: Duration.seconds(NaN) }), ports: [{ number: 9000, name: 'proxy' }] }] }), 'CKP204', 'sidecars[0].readiness.timeout'],
    ['job deadline Infinity', jobWith({ activeDeadline: Duration.seconds(Infinity) }), 'CKP601', 'activeDeadline'],
    ['ttl past int32', jobWith({ ttlAfterFinished: Duration.days(30000) }), 'CKP603', 'ttlAfterFinished'],
    // Numbers out of range or not integers
    ['container port 70000', devWith({ ports: [{ number: 70000, name: 'ssh' }] }), 'CKP827', 'ports[0].number'],
    ['UID past int32', webWith({ runAsUser: 2147483648 }), 'CKP721', 'runAsUser'],
    ['backoffLimit at int32 max (the retry arithmetic once ran out of memory)', jobWith({ backoffLimit: 2147483647, expectedRuntime: Duration.seconds(10) }), 'CKP612', 'activeDeadline'],
    ['revisionHistoryLimit 1.5', webWith({ revisionHistoryLimit: 1.5 }), 'CKP828', 'revisionHistoryLimit'],
    ['negative cpu', webWith({ resources: { requests: { cpu: kplus.Cpu.millis(-1), memory: Size.mebibytes(64) } } }), 'CKP829', 'resources.requests.cpu'],
    // Names the API server refuses
    ['port name too long', webWith({ portName: 'http-management' + 'x' }), 'CKP821', 'portName'],
    ['config key becomes an env name starting with a digit', webWith({ config: { data: { '2fa': 'on' } } }), 'CKP820', 'config.data'],
    ['label value from appName', webWith({ appName: 'a'.repeat(64) }), 'CKP840', 'appName'],
    ['priority class name', webWith({ priorityClassName: 'High_Priority' }), 'CKP826', 'priorityClassName'],
    ['storage class name', devWith({ workspace: { size: Size.gibibytes(1), storageClassName: 'Fast_SSD' } }), 'CKP826', 'workspace.storageClassName'],
    ['probe header name', webWith({ readiness: HealthCheck.httpGet('/', { headers: { 'X Probe': 'a' } }) }), 'CKP822', 'readiness headers name'],
    // Empty or unparseable programs
    ['exec probe []', webWith({ readiness: HealthCheck.exec([]) }), 'CKP208', 'readiness command'],
    ['PreStop.exec([])', webWith({ preStop: PreStop.exec([]) }), 'CKP208', 'preStop command'],
    ['empty startup step', devWith({ startup: [''] }), 'CKP905', 'startup[0]'],
    ['startup step that does not parse', devWith({ startup: ['echo "unterminated'] }), 'CKP905', 'startup[0]'],
    ['command with an empty program', jobWith({ command: [''] }), 'CKP905', 'command'],
    ['unparseable sh -c script', jobWith({ command: ['sh', '-c', 'if then'] }), 'CKP905', 'command'],
    // References that point nowhere
    ['config.env names a missing key', webWith({ config: { data: { a: '1' }, env: { A: 'b' } } }), 'CKP824', 'config.env["A"]'],
    ['hook port name no container declares', webWith({ postStart: PostStart.httpGet('/started', { port: 'admin' }) }), 'CKP209', 'spec.template.spec.containers[0].lifecycle.postStart.httpGet.port'],
    ['malformed digest', webWith({ image: `registry.example/web@sha256:${'a'.repeat(63)}` }), 'CKP104', 'image'],
    // Contradictions
    ['runAsUser 0 under runAsNonRoot', devWith({ security: DevSecurity.restricted({ runAsUser: 0 }), ssh: false }), 'CKP720', 'security runAsUser'],
    ['restricted sshd on port 22', devWith({ security: DevSecurity.restricted() }), 'CKP906', 'sshPort'],
    ['dangerous added capability', devWith({ security: DevSecurity.sshdAsRoot({ addCapabilities: [kplus.Capability.SYS_ADMIN] }) }), 'CKP722', 'spec.template.spec.containers[0].securityContext.capabilities.add[9]'],
    ['secret-like literal env', webWith({ env: { DB_PASSWORD: 'hunter2' } }), 'CKP723', 'spec.template.spec.containers[0].env[0]'],
    // Settings silently dropped or overridden
    ['env vs config log level', webWith({ env: { LOG_LEVEL: 'info' }, config: { logLevel: 'debug' } }), 'CKP904', 'env["LOG_LEVEL"]'],
    ['lang vs config', devWith({ lang: 'C.UTF-8', config: { data: { LANG: 'en_US.UTF-8' } } }), 'CKP904', 'lang'],
    ['env vs Downward API', webWith({ env: { POD_NAME: 'x' } }), 'CKP904', 'env["POD_NAME"]'],
    ['two constructs of one name', c => { new GracefulWebApp(c, 'a', { ...web, name: 'web' }); new GracefulWebApp(c, 'b', { ...web, name: 'web' }); }, 'CKP823', 'name'],
    // Wrong JavaScript types
    ['props null', c => new GracefulWebApp(c, 'web', null as any), 'CKP830', 'props'],
    ['readiness a string', webWith({ readiness: 'http' }), 'CKP201', 'readiness'],
    ['minReady a number', webWith({ minReady: 5 }), 'CKP828', 'minReady'],
    ['sidecars a string', webWith({ sidecars: 'proxy' }), 'CKP830', 'sidecars'],
    ['resources undefined', jobWith({ resources: undefined }), 'CKP401', 'resources'],
    ['schedule null', cronWith({ schedule: null }), 'CKP605', 'schedule'],
    ['a peer that is not a NetworkPolicy peer', webWith({ ingressFrom: [{}] }), 'CKP830', 'ingressFrom[0]'],
    ['an egress port that is a number', c => new BoundedJob(c, 'job', { ...job, egress: [{ peer: kplus.Pods.all(c, 'all'), ports: [5432 as any] }] }), 'CKP830', 'egress[0].ports[0]'],
    ['image a number', webWith({ image: 42 }), 'CKP101', 'image'],
    // cdk8s/cdk8s-plus errors forestalled
    ['ExternalName service', webWith({ serviceType: kplus.ServiceType.EXTERNAL_NAME }), 'CKP830', 'serviceType'],
    ['a shared volume named like the workspace volume', devWith({ workspace: { size: Size.gibibytes(1) }, mounts: [SharedVolume.emptyDir('workspace').at('/w')] }), 'CKP808', 'mounts'],
    ['an sshd argument that is a number', devWith({ foreground: Foreground.sshd({ extraArgs: [5 as any] }) }), 'CKP902', 'foreground[1]'],
    ['duplicate port', devWith({ ports: [{ number: 22, name: 'ssh' }, { number: 22, name: 'ssh2' }] }), 'CKP806', 'ports[1].number'],
    ['memory not whole MiB', webWith({ resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.kibibytes(1.5) } } }), 'CKP829', 'resources.requests.memory'],
  ])('%s', (_name, make, ruleId, field) => {
    const r = refusal(make);
    expect(r.ruleId).toBe(ruleId);
    expect(r.field).toBe(field);
    expect(r.message).toContain(`[${ruleId}]`);
    expect(r.message).toContain(ruleId.startsWith('CKP') && field.startsWith('spec.') ? field : field.split(/[[ ]/)[0]);
  });
});

describe('settings the user gave are kept, never dropped', () => {
  test('ingressFrom: [] closes ingress', () => {
    const c = chart();
    new GracefulWebApp(c, 'web', { ...web, ingressFrom: [] });
    const np = Testing.synth(c).find(o => o.kind === 'NetworkPolicy');
    expect(np.spec.policyTypes).toContain('Ingress');
    expect(np.spec.ingress ?? []).toEqual([]);
    const d = Testing.synth(c).find(o => o.kind === 'Deployment');
    expect(d.metadata.annotations['polaris.fairwinds.com/missingNetworkPolicy-exempt-reason']).toMatch(/ingressFrom is empty/);
  });

  test('a Service targeting a sidecar port is named after that port', () => {
    const c = chart();
    new GracefulWebApp(c, 'web', { ...web, targetPort: 'proxy', sidecars: [{ name: 'proxy', image: 'nginx:1.25', resources, readiness: HealthCheck.tcpSocket({ port: 9000 }), ports: [{ number: 9000, name: 'proxy' }] }] });
    expect(Testing.synth(c).find(o => o.kind === 'Service').spec.ports[0]).toMatchObject({ name: 'proxy', targetPort: 'proxy' });
  });

  test('a secret-like literal env var passes when CKP723 is suppressed, with the Polaris exemption written', () => {
    const c = chart();
    new GracefulWebApp(c, 'web', { ...web, env: { API_TOKEN_FILE: '/var/run/token' }, suppressions: [{ id: 'CKP723', reason: 'a path to the token file, not the token' }] });
    const d = Testing.synth(c).find(o => o.kind === 'Deployment');
    expect(d.metadata.annotations['polaris.fairwinds.com/sensitiveContainerEnvVar-exempt']).toBe('true');
  });

  test('valid boundary values synthesize', () => {
    const c = chart();
    new GracefulWebApp(c, 'web', { ...web, runAsUser: 2147483647, revisionHistoryLimit: 0, minReady: Duration.seconds(0), portName: 'a'.repeat(15), qos: QosClass.GUARANTEED });
    expect(Testing.synth(c).find(o => o.kind === 'Deployment').spec.template.spec.securityContext.runAsUser).toBe(2147483647);
  });
});
