import { Cron, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { DevSecurity, Foreground, HealthCheck, kplus, PostStart, PreStop, QosClass, SharedVolume } from '../../lib';

/**
 * Generated prop sets for the four constructs, as a skeptical user writes them: valid values,
 * boundary values (0, int32 max, 2500ms, 64-character names) and wrong ones, including the wrong
 * JavaScript type (a string where a Duration is expected, null where an object is). Values that need
 * a scope (NetworkPolicy peers) are {@link Scoped} and resolved by the harness.
 */

/** A value made in the chart the construct is built in. */
export class Scoped {
  constructor(public readonly describe: string, public readonly make: (scope: Construct) => unknown) {}
  public toString(): string { return this.describe; }
}

/** How wrong a prop set may be: `valid` draws only valid values; `mixed` also boundary and wrong ones. */
export type Mode = 'valid' | 'mixed';

/** A prop: left out, valid, or (in `mixed` mode) bad; `required` props are never left out in `valid` mode. */
function prop<T>(mode: Mode, valid: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>, opts: { required?: boolean; omit?: number } = {}): fc.Arbitrary<unknown> {
  const choices: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: valid, weight: 6 }];
  if (mode === 'mixed') choices.push({ arbitrary: bad, weight: 1 });
  if (!opts.required || mode === 'mixed') choices.push({ arbitrary: fc.constant(undefined), weight: opts.required ? 1 : (opts.omit ?? 8) });
  return fc.oneof(...choices);
}

/** Values of the wrong JavaScript type for any prop. */
const wrongType = fc.constantFrom<unknown>(null, 'x', 7, true, {}, [], NaN);

// ---- scalars --------------------------------------------------------------------------------

const seconds = (min: number, max: number) => fc.integer({ min, max }).map(s => Duration.seconds(s));
const badDuration = fc.oneof(
  fc.constantFrom(Duration.millis(2500), Duration.millis(500), Duration.seconds(NaN), Duration.seconds(Infinity),
    Duration.seconds(0.5), Duration.seconds(2147483648), Duration.days(30000)),
  wrongType,
  fc.constant('30s'),
);
const boundaryInt = fc.constantFrom<unknown>(-1, 0.5, NaN, Infinity, 2147483648, -2147483649, '3');
const int = (min: number, max: number) => fc.integer({ min, max });
const port = fc.oneof(fc.integer({ min: 1024, max: 9999 }), fc.constantFrom(1, 80, 443, 65535));
const badPort = fc.constantFrom<unknown>(0, -1, 65536, 8080.5, NaN, '8080', null);
const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const badName = fc.constantFrom<unknown>('Web', '', 'a'.repeat(64), '-web', 'web_1', 'web.1', 5, null);
const badPortName = fc.constantFrom<unknown>('HTTP', 'a'.repeat(16), '8080', 'a--b', '-a', 'a-', '', 5);
const SENSITIVE = /password|token|bearer|secret|^aws_secret_access_key$|^google_application_credentials$|^azure_.+key$|^oci_cli_key_content$/i;
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/).filter(n => !SENSITIVE.test(n));
const badEnvName = fc.constantFrom('2FA', 'A=B', '', 'DB_PASSWORD', 'API_TOKEN', 'MY VAR', 'POD_NAME', 'LOG_LEVEL', 'a.b-c', 'ÄPFEL');
const text = fc.stringMatching(/^[a-zA-Z0-9 ._:/-]{0,12}$/);
const labelValue = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?$/);
const badLabelValue = fc.constantFrom<unknown>('a'.repeat(64), 'has space', '-x', 'x-', 'ü', 5);

const images = fc.constantFrom('registry.example/web:1.0.0', 'nginxinc/nginx-unprivileged:1.25.3-alpine', `busybox@sha256:${'a'.repeat(64)}`,
  `registry.example/job:2.1@sha256:${'0123456789abcdef'.repeat(4)}`);
const badImage = fc.constantFrom<unknown>('nginx', 'nginx:latest', 'x@sha256:abc', `x@sha256:${'a'.repeat(63)}`, '', ' nginx:1', 'Nginx:1', 42, null, undefined);

// ---- value objects ----------------------------------------------------------------------------

const cpu = fc.integer({ min: 1, max: 4000 }).map(m => kplus.Cpu.millis(m));
const memory = fc.integer({ min: 1, max: 8192 }).map(m => Size.mebibytes(m));
const badCpu = fc.constantFrom<unknown>(kplus.Cpu.millis(-1), kplus.Cpu.millis(NaN), kplus.Cpu.units(Infinity), kplus.Cpu.millis(0.5), 500, '500m', null);
const badMemory = fc.constantFrom<unknown>(Size.mebibytes(NaN), Size.kibibytes(0.5), 256, '256Mi', null);

function resources(mode: Mode, guaranteedOnly = false) {
  // Valid: limits at or above the requests (or none: Guaranteed).
  const valid = fc.tuple(int(1, 4000), int(1, 8192), fc.option(fc.tuple(fc.option(int(0, 2000), { nil: undefined }), int(0, 4096)), { nil: undefined }))
    .map(([c, m, l]) => ({
      requests: { cpu: kplus.Cpu.millis(c), memory: Size.mebibytes(m) },
      ...(l && !guaranteedOnly ? { limits: { cpu: l[0] === undefined ? undefined : kplus.Cpu.millis(c + l[0]), memory: Size.mebibytes(m + l[1]) } } : {}),
    }));
  const requests = fc.record({ cpu: prop('mixed', cpu, badCpu, { required: true }), memory: prop('mixed', memory, badMemory, { required: true }) });
  const limits = guaranteedOnly ? fc.constant(undefined) : fc.option(fc.record({ cpu: prop('mixed', cpu, badCpu, { omit: 1 }), memory: prop('mixed', memory, badMemory, { required: true }) }), { nil: undefined });
  const bad = fc.oneof(fc.record({ requests, limits }, { requiredKeys: ['requests'] }), wrongType, fc.constant({ limits: {} }));
  return prop(mode, valid, bad, { required: true });
}

/** In valid mode, containers named apart (the pools repeat names). */
function containers(mode: Mode, item: fc.Arbitrary<any>, maxLength: number) {
  return fc.array(item, { maxLength }).map(list => (mode === 'valid' ? list.map((s, i) => ({ ...s, name: `${s.name}-${i}` })) : list));
}

function timing(mode: Mode) {
  return fc.record({
    initialDelay: prop(mode, seconds(0, 30), badDuration),
    period: prop(mode, seconds(3, 20), badDuration),
    timeout: prop(mode, seconds(1, 2), badDuration),
    failureThreshold: prop(mode, int(1, 10), fc.oneof(boundaryInt, fc.constant(0))),
    successThreshold: prop(mode, fc.constant(1), fc.constantFrom<unknown>(0, 2, 1.5)),
  });
}

const headers = (mode: Mode) => prop(mode, fc.constantFrom({ Host: 'www.example.com' }, { 'X-Probe': 'kubelet' }),
  fc.constantFrom<unknown>({ 'bad header': 'x' }, { '': 'x' }, { 'X:Y': 'z' }, { Host: 5 }, 'Host: x', null));

/** A health check; `ports` are the names the container declares. */
function healthCheck(mode: Mode, names: readonly string[]) {
  const ref = prop(mode, names.length > 0 ? fc.oneof(fc.constantFrom(...names), port) : port, fc.constantFrom<unknown>('nope', 'HTTP', 0, 70000, null), { omit: 10 });
  const valid = fc.oneof(
    fc.tuple(fc.constantFrom('/healthz', '/', '/ready?x=1'), ref, headers(mode), timing(mode)).map(([path, port, h, t]) => HealthCheck.httpGet(path, { ...(t as object), port: port as any, headers: h as any })),
    fc.tuple(ref, timing(mode)).map(([port, t]) => HealthCheck.tcpSocket({ ...(t as object), port: port as any })),
    timing(mode).map(t => HealthCheck.exec(['cat', '/tmp/healthy'], t as any)),
  );
  const bad = fc.oneof(
    fc.constantFrom<unknown>(HealthCheck.exec([]), HealthCheck.exec(['']), HealthCheck.httpGet(''), HealthCheck.httpGet('healthz'), HealthCheck.httpGet('/x', { port: 'nope' })),
    wrongType,
  );
  return { valid, bad };
}

const preStop = (mode: Mode) => prop(mode,
  fc.constantFrom(PreStop.sleep(), PreStop.httpGet('/prestop'), PreStop.exec(['deregister', '--now']), PreStop.exec(['sh', '-c', 'echo bye'], { maxDuration: Duration.seconds(3) })),
  fc.oneof(fc.constantFrom<unknown>(PreStop.exec([]), PreStop.exec(['']), PreStop.none(), PreStop.httpGet('/x', { port: 'nope' }), PreStop.exec(['x'], { maxDuration: Duration.millis(1500) }), PreStop.httpGet('')), wrongType));

const postStart = (mode: Mode) => prop(mode,
  fc.constantFrom(PostStart.exec(['register']), PostStart.httpGet('/started')),
  fc.oneof(fc.constantFrom<unknown>(PostStart.exec([]), PostStart.exec(['', '']), PostStart.httpGet('/x', { port: 'undeclared' }), PostStart.httpGet('/x', { headers: { 'a b': 'c' } })), wrongType));

const argv = (mode: Mode) => prop(mode, fc.constantFrom(['--verbose'], ['serve', '--port', '8080']),
  fc.constantFrom<unknown>([], [''], ['sh', '-c', ''], 'serve', [5], null));

function env(mode: Mode) {
  return prop(mode, fc.dictionary(envName, text, { maxKeys: 3 }),
    fc.oneof(badEnvName.map(n => ({ [n]: 'value' })), fc.constantFrom<unknown>({ OK: 5 }, { OK: null }, ['A=B'], 'A=B')));
}

function config(mode: Mode) {
  const key = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/).filter(k => !SENSITIVE.test(k));
  const data = fc.dictionary(key, text, { maxKeys: 3 });
  const valid = fc.record({
    data: prop(mode, data, fc.constantFrom<unknown>({ '2fa': 'on' }, { 'a b': 'x' }, { empty: '' }, { db_password: 'hunter2' }, { k: 5 }, ['x'])),
    logLevel: prop(mode, fc.constantFrom('debug', 'info'), fc.constantFrom<unknown>('', 5)),
    logLevelKey: prop(mode, fc.constantFrom('LOG_LEVEL', 'loglevel'), fc.constantFrom<unknown>('2x', 'a b', '')),
    env: prop(mode, fc.constant(undefined), fc.constantFrom<unknown>({ MISSING: 'nokey' }, { '2X': 'loglevel' }, {})),
    mountPath: prop(mode, fc.constantFrom('/etc/app', '/config'), fc.constantFrom<unknown>('relative', '', '/tmp', 5)),
  });
  return prop(mode, valid, wrongType);
}

const volumes = [SharedVolume.emptyDir('data'), SharedVolume.emptyDir('cache', { sizeLimit: Size.mebibytes(16) }), SharedVolume.configMap('files', { 'a.txt': 'hello' })];
function mounts(mode: Mode, base: string) {
  const valid = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }).map(ix => ix.map(i => volumes[i].at(`${base}/${volumes[i].name}`)));
  const bad = fc.oneof(fc.constantFrom<unknown>(
    [SharedVolume.emptyDir('Bad_Name').at('/x')], [SharedVolume.emptyDir('v').at('relative')], [SharedVolume.emptyDir('v').at('')],
    [SharedVolume.emptyDir('v', { sizeLimit: Size.mebibytes(NaN) }).at('/v')], [SharedVolume.configMap('c', { '../x': 'y' }).at('/c')],
    [SharedVolume.emptyDir('v').at('/tmp')], [{ path: '/x' }],
  ), wrongType);
  return prop(mode, valid, bad);
}

function container(mode: Mode, names: readonly string[], sidecar: boolean) {
  const portsArb = fc.uniqueArray(fc.integer({ min: 10000, max: 10999 }), { maxLength: 2 }).map(ps => ps.map((n, i) => ({ number: n, name: `side${i}` })));
  const hc = healthCheck(mode, ['side0']);
  return fc.record({
    name: prop(mode, fc.constantFrom(...names), fc.oneof(badName, fc.constant('web')), { required: true }),
    image: prop(mode, images, badImage, { required: true }),
    command: argv(mode),
    args: argv(mode),
    env: env(mode),
    mounts: mounts(mode, '/side'),
    resources: resources(mode, true),
    ...(sidecar ? {
      ports: prop(mode, portsArb, fc.constantFrom<unknown>([{ number: 8080 }], [{ number: 0 }], [{ number: 10000, name: 'HTTP' }], [{ number: 10000 }, { number: 10000 }], 'x')),
      readiness: prop(mode, fc.constant(HealthCheck.tcpSocket({ port: 10000 })), hc.bad, { required: true }),
      drainTimeout: prop(mode, seconds(0, 20), badDuration),
      preStopCommand: argv(mode),
      postStart: postStart(mode),
    } : {}),
  }).map(spec => {
    // A sidecar's readiness probes a port it declares.
    const s = spec as any;
    if (sidecar && s.readiness instanceof HealthCheck && Array.isArray(s.ports) && s.ports.length > 0 && typeof s.ports[0]?.number === 'number') {
      return { ...s, readiness: HealthCheck.tcpSocket({ port: s.ports[0].number }) };
    }
    if (sidecar && s.readiness instanceof HealthCheck && !(Array.isArray(s.ports) && s.ports.length > 0)) {
      return { ...s, readiness: HealthCheck.exec(['cat', '/tmp/ready']) };
    }
    return s;
  });
}

function peers(mode: Mode) {
  return prop(mode, fc.constantFrom(
    new Scoped('[pods app=front]', s => [kplus.Pods.select(s, 'FromFront', { labels: { app: 'front' } })]),
    new Scoped('[]', () => []),
  ), fc.oneof(wrongType, fc.constantFrom(new Scoped('[null]', () => [null]), new Scoped('[{}]', () => [{}]))));
}

const egress = (mode: Mode) => prop(mode, fc.constant(new Scoped('[db:5432]', s => [{ peer: kplus.Pods.select(s, 'Db', { labels: { app: 'db' } }), ports: [kplus.NetworkPolicyPort.tcp(5432)] }])),
  fc.oneof(wrongType, fc.constantFrom(new Scoped('[{ peer: {} }]', () => [{ peer: {} }]), new Scoped('[db:5432 as a number]', s => [{ peer: kplus.Pods.select(s, 'Db', { labels: { app: 'db' } }), ports: [5432] }]))));

/** Props every construct with a main container takes. */
function common(mode: Mode, opts: { guaranteedOnly?: boolean } = {}) {
  return {
    name: prop(mode, dnsLabel, badName),
    image: prop(mode, images, badImage, { required: true }),
    imagePullPolicy: prop(mode, fc.constantFrom(kplus.ImagePullPolicy.ALWAYS, kplus.ImagePullPolicy.IF_NOT_PRESENT), fc.constantFrom<unknown>('Sometimes', 5)),
    imagePullSecrets: prop(mode, fc.constant(['regcred']), fc.constantFrom<unknown>(['Bad_Secret'], [''], 'regcred', [5])),
    resources: resources(mode, opts.guaranteedOnly),
    env: env(mode),
    config: config(mode),
    podInfoEnv: prop(mode, fc.boolean(), fc.constantFrom<unknown>('yes', 1)),
    runAsUser: prop(mode, fc.oneof(int(1000, 65535), fc.constant(10001)), fc.oneof(boundaryInt, fc.constantFrom<unknown>(0, 2147483647))),
    runAsGroup: prop(mode, fc.oneof(int(1000, 65535), fc.constant(10001)), fc.oneof(boundaryInt, fc.constantFrom<unknown>(0, 2147483647))),
    appName: prop(mode, labelValue, badLabelValue),
    component: prop(mode, labelValue, badLabelValue),
    partOf: prop(mode, labelValue, badLabelValue),
    priorityClassName: prop(mode, fc.constantFrom('high-priority', 'batch.low'), fc.constantFrom<unknown>('High_Priority', 'a'.repeat(254), '', 5)),
    initContainers: prop(mode, containers(mode, container(mode, ['init-a', 'init-b', 'prepare'], false), 2), wrongType),
    mounts: mounts(mode, '/srv'),
  };
}

/** `qos` consistent with the resources in valid mode: Guaranteed when limits are left out. */
function fixQos<T extends Record<string, unknown>>(p: T): T {
  const r = p.resources as any;
  if (r && typeof r === 'object' && r.limits && p.qos === undefined) return { ...p, qos: QosClass.BURSTABLE };
  return p;
}

const serviceTypes = fc.constantFrom(kplus.ServiceType.CLUSTER_IP, kplus.ServiceType.NODE_PORT, kplus.ServiceType.LOAD_BALANCER);
const badServiceType = fc.constantFrom<unknown>(kplus.ServiceType.EXTERNAL_NAME, 'Bogus', 5);

/** GracefulWebApp props. */
export function webAppProps(mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const names = ['http', 'web'];
  const hc = healthCheck(mode, names);
  return fc.record({
    ...common(mode),
    port: prop(mode, port, badPort, { required: true }),
    portName: prop(mode, fc.constantFrom('http', 'web'), badPortName),
    readiness: prop(mode, hc.valid, hc.bad, { required: true }),
    liveness: prop(mode, hc.valid, hc.bad),
    startupTimeout: prop(mode, seconds(1, 300), badDuration),
    replicas: prop(mode, int(1, 5), fc.oneof(boundaryInt, fc.constant(0))),
    maxSurge: prop(mode, int(1, 3), boundaryInt),
    minReady: prop(mode, seconds(0, 30), badDuration),
    progressDeadline: prop(mode, seconds(900, 3600), badDuration),
    revisionHistoryLimit: prop(mode, int(0, 10), boundaryInt),
    preStopDelay: prop(mode, seconds(0, 15), badDuration),
    drainTimeout: prop(mode, seconds(0, 60), badDuration),
    terminationGracePeriod: prop(mode, seconds(100, 300), fc.oneof(badDuration, fc.constant(Duration.seconds(1)))),
    preStop: preStop(mode),
    postStart: postStart(mode),
    serviceType: prop(mode, serviceTypes, badServiceType),
    servicePort: prop(mode, port, badPort),
    targetPort: prop(mode, fc.constantFrom('http', 'side0'), fc.constantFrom<unknown>('nope', 0, 70000, null)),
    nodePort: prop(mode, int(30000, 32767), fc.constantFrom<unknown>(80, 32768, 30000.5, '30080')),
    ingressFrom: peers(mode),
    egress: egress(mode),
    podInfoPath: prop(mode, fc.constant('/etc/podinfo'), fc.constantFrom<unknown>('rel', '', '/tmp')),
    args: argv(mode),
    command: argv(mode),
    qos: prop(mode, fc.constant(undefined), fc.constantFrom<unknown>('Gold', QosClass.BURSTABLE)),
    sidecars: prop(mode, containers(mode, container(mode, ['proxy', 'logs'], true), 2), wrongType),
  }).map(p => fixWebApp(fixQos(p)));
}

/** In valid mode: a NodePort only with NODE_PORT, ports named consistently. */
function fixWebApp(p: Record<string, unknown>): Record<string, unknown> {
  const out = { ...p };
  if (out.nodePort !== undefined && out.serviceType === undefined) out.serviceType = kplus.ServiceType.NODE_PORT;
  if (out.targetPort === 'http' && out.portName !== undefined && out.portName !== 'http') out.targetPort = out.portName;
  return out;
}

const securities = fc.constantFrom(DevSecurity.restricted(), DevSecurity.sshdAsRoot(), DevSecurity.sshdAsRoot({ sudo: true }), DevSecurity.rootShell());
const badSecurity = fc.oneof(fc.constantFrom<unknown>(DevSecurity.restricted({ runAsUser: 0 }), DevSecurity.restricted({ runAsUser: -1 }),
  DevSecurity.sshdAsRoot({ addCapabilities: [kplus.Capability.SYS_ADMIN] }), DevSecurity.sshdAsRoot({ addCapabilities: [kplus.Capability.NET_ADMIN] }), 'restricted'), wrongType);

/** DevContainer props. */
export function devContainerProps(mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const { resources: _r, ...shared } = common(mode);
  const devPorts = fc.uniqueArray(fc.integer({ min: 2000, max: 9000 }), { maxLength: 2 }).map(ns => ns.map((n, i) => ({ number: n, name: `p${i}` })));
  return fc.record({
    ...shared,
    security: prop(mode, securities, badSecurity, { required: true }),
    startup: prop(mode, fc.constantFrom(['/usr/sbin/crond'], ['ssh-keygen -A', 'echo ready']), fc.constantFrom<unknown>([''], ['if then'], ['exec foo'], ['exit 0'], 'echo', [5], ['echo "unterminated'])),
    foreground: prop(mode, fc.constantFrom(Foreground.keepAlive(), Foreground.exec(['crond', '-n'])), fc.constantFrom<unknown>(Foreground.exec([]), Foreground.exec(['']), Foreground.exec(['sleep', '1', '&']), 'sshd')),
    args: prop(mode, fc.constant(undefined), fc.constantFrom<unknown>([], ['bash'], ['sleep', 'infinity'], 'sleep')),
    shell: prop(mode, fc.constantFrom('/bin/sh', '/bin/bash'), fc.constantFrom<unknown>('', 'sh', 5)),
    interactive: prop(mode, fc.boolean(), fc.constantFrom<unknown>('yes', 1)),
    ssh: prop(mode, fc.boolean(), fc.constantFrom<unknown>('no', 0)),
    sshPort: prop(mode, fc.integer({ min: 2022, max: 2030 }), fc.oneof(badPort, fc.constant(22))),
    ports: prop(mode, devPorts, fc.constantFrom<unknown>([{ number: 22, name: 'SSH' }], [{ number: 22, name: 'ssh' }, { number: 22, name: 'ssh2' }], [{ number: 0, name: 'x' }], [{ number: 2222 }], 'ssh')),
    workspace: prop(mode, fc.record({ size: fc.integer({ min: 1, max: 50 }).map(g => Size.gibibytes(g)), mountPath: fc.option(fc.constant('/work'), { nil: undefined }), storageClassName: fc.option(fc.constant('fast-ssd'), { nil: undefined }), ownerGroup: fc.option(int(1000, 2000), { nil: undefined }) }, { requiredKeys: ['size'] }),
      fc.constantFrom<unknown>({ size: Size.gibibytes(0) }, { size: Size.mebibytes(1500) }, { size: 20 }, { size: Size.gibibytes(1), storageClassName: 'Fast_SSD' }, { size: Size.gibibytes(1), mountPath: 'rel' }, { size: Size.gibibytes(1), ownerGroup: -1 }, {}, 'big')),
    lang: prop(mode, fc.constantFrom('C.UTF-8'), fc.constantFrom<unknown>('', 5)),
    timezone: prop(mode, fc.constantFrom('Asia/Shanghai', 'UTC'), fc.constantFrom<unknown>('', 5)),
    resources: prop(mode, fc.constant(undefined), fc.oneof(wrongType, fc.constant({ requests: { cpu: kplus.Cpu.millis(-1), memory: Size.mebibytes(1) } }))),
    startupTimeout: prop(mode, seconds(10, 300), badDuration),
    terminationGracePeriod: prop(mode, seconds(1, 120), badDuration),
    serviceType: prop(mode, serviceTypes, badServiceType),
    ingressFrom: peers(mode),
    egress: egress(mode),
    sidecars: prop(mode, containers(mode, container(mode, ['helper'], true), 1), wrongType),
  }).map(fixDev);
}

/** In valid mode: the ssh port is declared, a restricted sshd binds a high port. */
function fixDev(p: Record<string, unknown>): Record<string, unknown> {
  const out = { ...p };
  const ssh = out.ssh ?? !(out.interactive ?? false);
  if (ssh === true && Array.isArray(out.ports) && typeof out.sshPort === 'number') out.ports = [...out.ports, { number: out.sshPort, name: 'ssh' }].filter((x, i, a) => a.findIndex(y => y.number === x.number || y.name === x.name) === i);
  else if (ssh === true && Array.isArray(out.ports) && out.sshPort === undefined) out.sshPort = (out.ports as any[])[0]?.number ?? 2022;
  if (out.security === DevSecurity.restricted() && ssh === true && out.sshPort === undefined) out.sshPort = 2222;
  return out;
}

function jobBounds(mode: Mode) {
  return {
    activeDeadline: prop(mode, seconds(3600, 7200), fc.oneof(badDuration, fc.constant(Duration.seconds(0))), { required: true }),
    backoffLimit: prop(mode, int(0, 3), boundaryInt),
    expectedRuntime: prop(mode, seconds(10, 300), badDuration),
    restartPolicy: prop(mode, fc.constantFrom(kplus.RestartPolicy.NEVER), fc.constantFrom<unknown>(kplus.RestartPolicy.ALWAYS, kplus.RestartPolicy.ON_FAILURE, 'Sometimes')),
    nonRetryableExitCodes: prop(mode, fc.uniqueArray(int(1, 255), { maxLength: 3 }), fc.constantFrom<unknown>([0], [256], [1.5], 'x', [NaN], [])),
    ignoreDisruptions: prop(mode, fc.boolean(), fc.constantFrom<unknown>('yes')),
    completions: prop(mode, int(1, 5), boundaryInt),
    parallelism: prop(mode, fc.constant(1), boundaryInt),
    egress: egress(mode),
  };
}

/** BoundedJob props. */
export function jobProps(mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    ...common(mode),
    ...jobBounds(mode),
    args: argv(mode),
    command: argv(mode),
    ttlAfterFinished: prop(mode, seconds(0, 86400), badDuration),
  }).map(fixQos);
}

/** BoundedCronJob props. */
export function cronJobProps(mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    ...common(mode),
    ...jobBounds(mode),
    args: argv(mode),
    schedule: prop(mode, fc.constantFrom('30 2 * * *', '@daily', '*/5 * * * *', Cron.daily()), fc.constantFrom<unknown>('61 * * * *', '', 'TZ=UTC 0 * * * *', 5, null), { required: true }),
    timeZone: prop(mode, fc.constantFrom('Europe/Berlin', 'UTC'), fc.constantFrom<unknown>('Mars/Base', '', 5)),
    concurrencyPolicy: prop(mode, fc.constantFrom(kplus.ConcurrencyPolicy.FORBID, kplus.ConcurrencyPolicy.REPLACE), fc.constantFrom<unknown>(kplus.ConcurrencyPolicy.ALLOW, 'Never')),
    startingDeadline: prop(mode, seconds(10, 600), badDuration),
    successfulJobsRetained: prop(mode, int(0, 5), boundaryInt),
    failedJobsRetained: prop(mode, int(0, 5), boundaryInt),
    suspend: prop(mode, fc.boolean(), fc.constantFrom<unknown>('no')),
  }).map(fixQos);
}

/** Valid and mixed prop sets, 1:2. */
export function propSets(make: (mode: Mode) => fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof({ arbitrary: make('valid'), weight: 1 }, { arbitrary: make('mixed'), weight: 2 });
}
