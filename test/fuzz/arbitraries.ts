import { Cron, Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { DevSecurity, ExternalTrafficPolicy, Foreground, HealthCheck, kplus, PostStart, PreStop, QosClass, SharedVolume, SpreadPolicy } from '../../lib';

/**
 * Generated prop sets for the four constructs, as a skeptical user writes them: valid values,
 * boundary values (0, int32 max, 2500ms, 64-character names) and wrong ones, including the wrong
 * JavaScript type (a string where a Duration is expected, null where an object is). Values that need
 * a scope (NetworkPolicy peers) are {@link Scoped} and resolved by the harness.
 */

/** `base`, or `base2`, `base3`, … when the scope has a child of that id (two extra ports may share a peer spec). */
function freeId(scope: Construct, base: string): string {
  let id = base;
  for (let i = 2; scope.node.tryFindChild(id); i++) id = `${base}${i}`;
  return id;
}

/** A value made in the chart the construct is built in. */
export class Scoped {
  constructor(public readonly describe: string, public readonly make: (scope: Construct) => unknown) {}
  public toString(): string { return this.describe; }
}

/**
 * How wrong a prop set may be: `valid` draws only valid values; `mixed` also boundary and wrong ones;
 * `bad` only wrong ones (or a required prop left out), for {@link propSets}' one-bad-prop sets.
 */
export type Mode = 'valid' | 'mixed' | 'bad';

/** A prop: left out, valid, or (in `mixed` mode) bad; `required` props are never left out in `valid` mode. */
function prop<T>(mode: Mode, valid: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>, opts: { required?: boolean; omit?: number } = {}): fc.Arbitrary<unknown> {
  if (mode === 'bad') return opts.required ? fc.oneof({ arbitrary: bad, weight: 6 }, { arbitrary: fc.constant(undefined), weight: 1 }) : bad;
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

/** ephemeral-storage: cdk8s-plus-27 writes it in whole Gi (rule CKP510). */
const disk = fc.integer({ min: 1, max: 8 }).map(g => Size.gibibytes(g));
const badDisk = fc.constantFrom<unknown>(Size.mebibytes(500), Size.gibibytes(1.5), Size.gibibytes(0), Size.gibibytes(NaN), '1Gi', 1, null);

function resources(mode: Mode, guaranteedOnly = false) {
  // Valid: limits at or above the requests (or none: Guaranteed); ephemeral-storage sometimes, its limit at or above its request.
  const valid = fc.tuple(int(1, 4000), int(1, 8192), fc.option(fc.tuple(fc.option(int(0, 2000), { nil: undefined }), int(0, 4096)), { nil: undefined }),
    fc.option(fc.tuple(int(1, 4), fc.option(int(0, 2), { nil: undefined })), { nil: undefined, freq: 3 }))
    .map(([c, m, l, d]) => ({
      requests: { cpu: kplus.Cpu.millis(c), memory: Size.mebibytes(m), ...(d ? { ephemeralStorage: Size.gibibytes(d[0]) } : {}) },
      ...(l && !guaranteedOnly ? { limits: {
        cpu: l[0] === undefined ? undefined : kplus.Cpu.millis(c + l[0]), memory: Size.mebibytes(m + l[1]),
        ...(d && d[1] !== undefined ? { ephemeralStorage: Size.gibibytes(d[0] + d[1]) } : {}),
      } } : {}),
    }));
  const requests = fc.record({ cpu: prop('mixed', cpu, badCpu, { required: true }), memory: prop('mixed', memory, badMemory, { required: true }), ephemeralStorage: prop('mixed', disk, badDisk, { omit: 12 }) });
  const limits = guaranteedOnly ? fc.constant(undefined) : fc.option(fc.record({ cpu: prop('mixed', cpu, badCpu, { omit: 1 }), memory: prop('mixed', memory, badMemory, { required: true }), ephemeralStorage: prop('mixed', disk, badDisk, { omit: 12 }) }), { nil: undefined });
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

const volumes = [SharedVolume.emptyDir('data'), SharedVolume.emptyDir('cache', { sizeLimit: Size.mebibytes(16) }), SharedVolume.configMap('files', { 'a.txt': 'hello' }),
  SharedVolume.secret('certs', 'web-tls', { defaultMode: 0o400 }), SharedVolume.persistentVolumeClaim('store', 'web-data', { readOnly: true })];
function mounts(mode: Mode, base: string) {
  const valid = fc.uniqueArray(fc.integer({ min: 0, max: volumes.length - 1 }), { maxLength: 2 }).map(ix => ix.map(i => volumes[i].at(`${base}/${volumes[i].name}`)));
  const bad = fc.oneof(fc.constantFrom<unknown>(
    [SharedVolume.emptyDir('Bad_Name').at('/x')], [SharedVolume.emptyDir('v').at('relative')], [SharedVolume.emptyDir('v').at('')],
    [SharedVolume.emptyDir('v', { sizeLimit: Size.mebibytes(NaN) }).at('/v')], [SharedVolume.configMap('c', { '../x': 'y' }).at('/c')],
    [SharedVolume.emptyDir('v').at('/tmp')], [{ path: '/x' }],
    [SharedVolume.secret('s', 'Web_TLS').at('/s')], [SharedVolume.secret('s', '').at('/s')], [SharedVolume.secret('s', 'tls', { defaultMode: 0o1000 }).at('/s')],
    [SharedVolume.secret('s', 'tls', { defaultMode: 1.5 }).at('/s')], [SharedVolume.secret('s', 'tls', { defaultMode: '0400' as any }).at('/s')],
    [SharedVolume.secret('s', 'tls', { optional: 'yes' as any }).at('/s')], [SharedVolume.secret('s', 5 as any).at('/s')],
    [SharedVolume.persistentVolumeClaim('p', 'Data').at('/p')], [SharedVolume.persistentVolumeClaim('p', 'a'.repeat(254)).at('/p')],
    [SharedVolume.persistentVolumeClaim('p', 'data', { readOnly: 'no' as any }).at('/p')], [SharedVolume.persistentVolumeClaim('p', null as any).at('/p')],
    [SharedVolume.secret('certs', 'a-tls').at('/a'), SharedVolume.secret('certs', 'b-tls').at('/b')],
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

// ---- production props (issue 12) -------------------------------------------------------------

const qualifiedKey = fc.constantFrom('team', 'example.com/tier', 'cost-centre');
const badMetadataKey = fc.constantFrom<unknown>('Bad Key', '', '-x', 'a/b/c', `${'a'.repeat(64)}`, 'Example.com/x');
const labelMap = fc.dictionary(qualifiedKey, labelValue, { maxKeys: 2 });
const badLabels = fc.oneof(badMetadataKey.map(k => ({ [k as string]: 'x' })), badLabelValue.map(v => ({ team: v })),
  fc.constantFrom<unknown>({ 'app.kubernetes.io/name': 'other' }, { 'app.kubernetes.io/managed-by': 'helm' }, { team: null }, ['team=a']), wrongType);
const annotationMap = fc.dictionary(qualifiedKey, text, { maxKeys: 2 });
const badAnnotations = fc.oneof(badMetadataKey.map(k => ({ [k as string]: 'x' })), fc.constantFrom<unknown>({ team: 5 }, { team: null }, { team: ['a'] }), wrongType);
/** Pod annotations may not change the ones the construct sets (the declared QoS class). */
const badPodAnnotations = fc.oneof(badAnnotations, fc.constant({ 'cdk8s-patterns/qos-class': 'BestEffort' }));

const secretName = fc.constantFrom('app-secrets', 'db.credentials', 'web-tls');
const badRefName = fc.constantFrom<unknown>('App_Secrets', '', 'a'.repeat(254), '-x', 5, null);

function secretEnv(mode: Mode) {
  // Named like secrets (which literal env may not be) and never like env, config or Downward API vars.
  const ref = fc.record({ secret: secretName, key: fc.constantFrom('password', 'api.key', 'TOKEN'), optional: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['secret', 'key'] });
  const valid = fc.dictionary(fc.constantFrom('DB_PASSWORD', 'API_TOKEN', 'SMTP_SECRET'), ref, { maxKeys: 2 });
  const bad = fc.oneof(
    fc.constantFrom<unknown>({ 'A=B': { secret: 's', key: 'k' } }, { '': { secret: 's', key: 'k' } }, { DB_PASSWORD: { secret: 's', key: '../k' } }, { DB_PASSWORD: { secret: 's', key: '' } },
      { DB_PASSWORD: { secret: 's' } }, { DB_PASSWORD: { key: 'k' } }, { DB_PASSWORD: { secret: 's', key: 5 } }, { DB_PASSWORD: { secret: 's', key: 'k', optional: 'yes' } },
      { POD_NAME: { secret: 's', key: 'k' } }, { DB_PASSWORD: 'hunter2' }, { DB_PASSWORD: null }, { '2FA': { secret: 's', key: 'k' } }),
    badRefName.map(n => ({ DB_PASSWORD: { secret: n, key: 'password' } })),
    wrongType,
  );
  return prop(mode, valid, bad, { omit: 12 });
}

function envFrom(mode: Mode) {
  const source = fc.oneof(
    fc.record({ secret: secretName, prefix: fc.option(fc.constantFrom('DB_', 'X'), { nil: undefined }), optional: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['secret'] }),
    fc.record({ configMap: fc.constantFrom('shared-config', 'feature.flags'), prefix: fc.option(fc.constantFrom('CFG_'), { nil: undefined }) }, { requiredKeys: ['configMap'] }),
  );
  const bad = fc.oneof(
    fc.constantFrom<unknown>([{}], [{ secret: 's', configMap: 'c' }], [{ secret: 's', prefix: 'A=' }], [{ secret: 's', prefix: 5 }], [{ configMap: 'c', optional: 'yes' }], [null], ['app-secrets']),
    badRefName.map(n => [{ secret: n }]), badRefName.map(n => [{ configMap: n }]),
    wrongType,
  );
  return prop(mode, fc.array(source, { minLength: 1, maxLength: 2 }), bad, { omit: 12 });
}

function scheduling(mode: Mode) {
  const toleration = fc.constantFrom<object>(
    { key: 'dedicated', value: 'web', effect: kplus.TaintEffect.NO_SCHEDULE },
    { key: 'example.com/gpu', effect: kplus.TaintEffect.PREFER_NO_SCHEDULE },
    { key: 'node.kubernetes.io/unreachable', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(300) },
    {},
  );
  const query = fc.constantFrom(kplus.NodeLabelQuery.in('topology.kubernetes.io/zone', ['eu-1a', 'eu-1b']), kplus.NodeLabelQuery.exists('example.com/ssd'),
    kplus.NodeLabelQuery.is('kubernetes.io/arch', 'amd64'), kplus.NodeLabelQuery.gt('example.com/cores', ['3']));
  const valid = fc.record({
    nodeSelector: fc.option(fc.constantFrom({ 'kubernetes.io/arch': 'arm64' }, { 'example.com/pool': 'web' }, {}), { nil: undefined }),
    tolerations: fc.option(fc.array(toleration, { maxLength: 2 }), { nil: undefined }),
    requiredNodeAffinity: fc.option(fc.array(query, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    preferredNodeAffinity: fc.option(fc.array(fc.record({ weight: int(1, 100), match: fc.array(query, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: [] });
  const bad = fc.oneof(fc.constantFrom<unknown>(
    { nodeSelector: { 'Bad Key': 'x' } }, { nodeSelector: { arch: 'has space' } }, { nodeSelector: { arch: 5 } },
    { tolerations: [{ value: 'web' }] }, { tolerations: [{ key: 'k', evictAfter: Duration.seconds(60) }] },
    { tolerations: [{ key: 'k', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.millis(1500) }] },
    { tolerations: [{ key: 'k', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(NaN) }] },
    { tolerations: [{ key: 'k', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: 60 }] },
    { tolerations: [{ key: 'k', effect: 'Sometimes' }] }, { tolerations: [{ key: 'Bad Key' }] }, { tolerations: [{ key: 5 }] }, { tolerations: [null] }, { tolerations: 'all' },
    { requiredNodeAffinity: [kplus.NodeLabelQuery.in('zone', [])] }, { requiredNodeAffinity: [kplus.NodeLabelQuery.gt('cores', ['many'])] },
    { requiredNodeAffinity: [kplus.NodeLabelQuery.gt('cores', ['1', '2'])] }, { requiredNodeAffinity: [kplus.NodeLabelQuery.is('Bad Key', 'x')] },
    { requiredNodeAffinity: [null] }, { requiredNodeAffinity: 'zone=a' }, { requiredNodeAffinity: [{ key: 'zone' }] },
    { preferredNodeAffinity: [{ weight: 0, match: [kplus.NodeLabelQuery.exists('ssd')] }] }, { preferredNodeAffinity: [{ weight: 101, match: [kplus.NodeLabelQuery.exists('ssd')] }] },
    { preferredNodeAffinity: [{ weight: 1.5, match: [kplus.NodeLabelQuery.exists('ssd')] }] }, { preferredNodeAffinity: [{ weight: 10, match: [] }] },
    { preferredNodeAffinity: [{ weight: 10 }] }, { preferredNodeAffinity: [{ weight: '10', match: [kplus.NodeLabelQuery.exists('ssd')] }] }, { preferredNodeAffinity: [null] },
  ), wrongType);
  return prop(mode, valid, bad, { omit: 12 });
}

/** The one valid serviceAccount with a token; {@link fixProduction} adds the suppression that must accompany it. */
const TOKEN_ACCOUNT = 'api-client';
function serviceAccount(mode: Mode) {
  const valid = fc.constantFrom<object>({ name: 'web-reader' }, { create: true }, { create: true, name: 'runner' }, { create: false, name: 'default' }, { name: TOKEN_ACCOUNT, mountToken: true }, { mountToken: false });
  const bad = fc.oneof(fc.constantFrom<unknown>({ name: 'Web_Reader' }, { name: '' }, { create: true, name: 'a'.repeat(254) }, { name: 'reader', mountToken: true },
    { mountToken: true }, { create: 'yes' }, { mountToken: 'no' }, { create: 1 }, { name: 5 }, { name: null }), wrongType);
  return prop(mode, valid, bad, { omit: 12 });
}

/** The production props every construct takes (issue 12). */
function production(mode: Mode) {
  return {
    secretEnv: secretEnv(mode),
    envFrom: envFrom(mode),
    labels: prop(mode, labelMap, badLabels, { omit: 12 }),
    annotations: prop(mode, annotationMap, badAnnotations, { omit: 12 }),
    podLabels: prop(mode, labelMap.map(m => Object.fromEntries(Object.entries(m).map(([k, v]) => [`pod.${k}`, v]))), badLabels, { omit: 12 }),
    podAnnotations: prop(mode, fc.constantFrom({ 'prometheus.io/scrape': 'true' }, { 'example.com/owner': 'team a' }), badPodAnnotations, { omit: 12 }),
    scheduling: scheduling(mode),
    serviceAccount: serviceAccount(mode),
    tmpSize: prop(mode, fc.constantFrom(Size.mebibytes(128), Size.gibibytes(1)), fc.constantFrom<unknown>(Size.mebibytes(0), Size.kibibytes(0.5), Size.mebibytes(NaN), 128, '128Mi', null), { omit: 12 }),
  };
}

/** In valid mode: a token comes with the CKP730 suppression that says why. */
function fixProduction<T extends Record<string, unknown>>(p: T): T {
  const sa = p.serviceAccount as any;
  if (sa && sa.name === TOKEN_ACCOUNT && sa.mountToken === true) return { ...p, suppressions: [{ id: 'CKP730', reason: 'the app reads its own ConfigMaps through the API' }] };
  return p;
}

/** Peers for the ingress controller and extra ports (distinct construct ids from {@link peers}'). */
const controllerPeers = fc.constantFrom(
  new Scoped('[pods ns=traefik]', s => [kplus.Pods.all(s, 'Traefik', { namespaces: kplus.Namespaces.select(s, 'TraefikNs', { names: ['traefik'] }) })]),
  new Scoped('[10.0.0.0/8]', s => [kplus.NetworkPolicyIpBlock.ipv4(s, 'Lb', '10.0.0.0/8')]),
);
const scraperPeers = fc.constantFrom(
  new Scoped('[pods app=prometheus]', s => [kplus.Pods.select(s, freeId(s, 'Prometheus'), { labels: { app: 'prometheus' } })]),
  new Scoped('[]', () => []),
);

function ingress(mode: Mode) {
  const host = fc.constantFrom('shop.example.com', 'www.shop.example.com', '*.apps.example.com', 'a-b.example');
  const valid = fc.record({
    hosts: fc.uniqueArray(host, { minLength: 1, maxLength: 2 }),
    paths: fc.option(fc.uniqueArray(fc.constantFrom<object>({ path: '/' }, { path: '/api', pathType: kplus.HttpIngressPathType.EXACT }, { path: '/static', pathType: kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    tlsSecret: fc.constantFrom('shop-tls', 'wildcard.tls'),
    className: fc.option(fc.constantFrom('nginx', 'internal.nginx'), { nil: undefined }),
    annotations: fc.option(fc.constantFrom({ 'cert-manager.io/cluster-issuer': 'letsencrypt' }, { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' }), { nil: undefined }),
    controllerFrom: fc.option(controllerPeers, { nil: undefined, freq: 3 }),
  }, { requiredKeys: ['hosts', 'tlsSecret'] });
  const ok = { hosts: ['shop.example.com'], tlsSecret: 'shop-tls' };
  const bad = fc.oneof(fc.constantFrom<unknown>(
    { ...ok, hosts: [] }, { ...ok, hosts: ['Shop.Example.com'] }, { ...ok, hosts: ['shop.example.com', 'shop.example.com'] }, { ...ok, hosts: ['10.0.0.1'] },
    { ...ok, hosts: ['*'] }, { ...ok, hosts: ['shop.example.com:443'] }, { ...ok, hosts: [''] }, { ...ok, hosts: ['a.*.example.com'] }, { ...ok, hosts: [5] }, { ...ok, hosts: 'shop.example.com' },
    { hosts: ['shop.example.com'] }, { ...ok, tlsSecret: 'Shop_TLS' }, { ...ok, tlsSecret: '' }, { ...ok, tlsSecret: 5 },
    { ...ok, paths: [{ path: 'api' }] }, { ...ok, paths: [{ path: '' }] }, { ...ok, paths: [{ path: '/a', pathType: 'Regex' }] }, { ...ok, paths: [{ path: 5 }] },
    { ...ok, paths: [null] }, { ...ok, paths: [] }, { ...ok, paths: '/' }, { ...ok, paths: [{ path: '/' }, { path: '/' }] }, { ...ok, paths: [{ path: '/a b' }] },
    { ...ok, className: 'Nginx' }, { ...ok, className: '' }, { ...ok, className: 5 },
    { ...ok, annotations: { 'bad key': 'x' } }, { ...ok, annotations: { k: 5 } }, { ...ok, controllerFrom: 'ingress-nginx' },
    { ...ok, controllerFrom: [null] }, { ...ok, controllerFrom: [{}] },
  ), wrongType);
  return prop(mode, valid, bad, { omit: 10 });
}

function autoscaling(mode: Mode) {
  const valid = fc.tuple(int(1, 4), int(1, 6), fc.option(int(50, 90), { nil: undefined }), fc.option(int(60, 120), { nil: undefined }), fc.option(seconds(0, 3600), { nil: undefined }))
    .map(([min, extra, cpuT, memT, window]) => ({
      minReplicas: min, maxReplicas: min + extra,
      ...(cpuT !== undefined || memT === undefined ? { cpuUtilization: cpuT ?? 70 } : {}),
      ...(memT !== undefined ? { memoryUtilization: memT } : {}),
      ...(window ? { scaleDownStabilization: window } : {}),
    }));
  const bad = fc.oneof(fc.constantFrom<unknown>(
    { maxReplicas: 5 }, { minReplicas: 3, maxReplicas: 3, cpuUtilization: 70 }, { minReplicas: 0, maxReplicas: 3, cpuUtilization: 70 }, { minReplicas: 1.5, maxReplicas: 3, cpuUtilization: 70 },
    { maxReplicas: 2147483648, cpuUtilization: 70 }, { maxReplicas: NaN, cpuUtilization: 70 }, { minReplicas: '2', maxReplicas: 4, cpuUtilization: 70 }, { maxReplicas: '4', cpuUtilization: 70 },
    { cpuUtilization: 70 }, { maxReplicas: 4, cpuUtilization: 0 }, { maxReplicas: 4, cpuUtilization: 70.5 }, { maxReplicas: 4, cpuUtilization: '70%' }, { maxReplicas: 4, memoryUtilization: -5 },
    { maxReplicas: 4, cpuUtilization: 2147483648 }, { maxReplicas: 4, cpuUtilization: 70, scaleDownStabilization: Duration.millis(1500) },
    { maxReplicas: 4, cpuUtilization: 70, scaleDownStabilization: Duration.hours(2) }, { maxReplicas: 4, cpuUtilization: 70, scaleDownStabilization: 300 },
    { maxReplicas: 4, cpuUtilization: 70, scaleDownStabilization: Duration.seconds(NaN) },
  ), wrongType);
  return prop(mode, valid, bad, { omit: 10 });
}

const disruption = (mode: Mode) => prop(mode,
  fc.constantFrom<object>({ maxUnavailable: 1 }, { maxUnavailable: '25%' }, { minAvailable: 1 }, { minAvailable: '50%' }, {}),
  fc.oneof(fc.constantFrom<unknown>({ maxUnavailable: 1, minAvailable: 1 }, { maxUnavailable: 0 }, { maxUnavailable: '0%' }, { minAvailable: '100%' }, { minAvailable: 99 },
    { maxUnavailable: -1 }, { maxUnavailable: 1.5 }, { maxUnavailable: '150%' }, { maxUnavailable: '25' }, { maxUnavailable: '' }, { minAvailable: null }, { maxUnavailable: true },
    { maxUnavailable: 2147483648 }), wrongType),
  { omit: 10 });

function extraPorts(mode: Mode) {
  const valid = fc.uniqueArray(fc.record({
    name: fc.constantFrom('metrics', 'admin', 'grpc'),
    port: fc.integer({ min: 11000, max: 11999 }),
    service: fc.option(fc.boolean(), { nil: undefined }),
    ingressFrom: fc.option(scraperPeers, { nil: undefined, freq: 3 }),
  }, { requiredKeys: ['name', 'port'] }), { maxLength: 2, selector: p => p.name }).map(ps => ps.filter((p, i) => ps.findIndex(q => q.port === p.port) === i));
  const bad = fc.oneof(fc.constantFrom<unknown>(
    [{ name: 'METRICS', port: 9100 }], [{ name: 'a'.repeat(16), port: 9100 }], [{ name: 'http', port: 9100 }], [{ name: 'metrics', port: 0 }], [{ name: 'metrics', port: 65536 }],
    [{ name: 'metrics', port: 9100.5 }], [{ name: 'metrics', port: '9100' }], [{ name: 'metrics' }], [{ port: 9100 }], [{ name: 'm', port: 9100 }, { name: 'm', port: 9101 }],
    [{ name: 'm', port: 9100 }, { name: 'n', port: 9100 }], [{ name: 'metrics', port: 9100, service: 'yes' }], [{ name: 'metrics', port: 9100, ingressFrom: 'prometheus' }],
    [{ name: 'metrics', port: 9100, ingressFrom: [null] }], [{ name: 'side0', port: 9100 }], [{ name: 'metrics', port: 10000 }], [null], ['metrics'],
  ), wrongType);
  return prop(mode, valid, bad, { omit: 8 });
}

/** The production props only GracefulWebApp takes. */
function webProduction(mode: Mode) {
  return {
    autoscaling: autoscaling(mode),
    disruption: disruption(mode),
    ingress: ingress(mode),
    ports: extraPorts(mode),
    serviceAnnotations: prop(mode, fc.constantFrom({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' }, { 'example.com/owner': 'team a' }), badAnnotations, { omit: 12 }),
    externalTrafficPolicy: prop(mode, fc.constantFrom(ExternalTrafficPolicy.LOCAL, ExternalTrafficPolicy.CLUSTER), fc.constantFrom<unknown>('local', 'Nowhere', ''), { omit: 12 }),
    loadBalancerSourceRanges: prop(mode, fc.constantFrom(['203.0.113.0/24'], ['10.0.0.0/8', '2001:db8::/32'], []),
      fc.constantFrom<unknown>(['203.0.113.0'], ['300.0.0.0/8'], ['10.0.0.0/33'], ['2001:db8::/129'], ['any'], [''], [5], '10.0.0.0/8', [null]), { omit: 12 }),
    spread: prop(mode, fc.record({ whenUnsatisfiable: fc.option(fc.constantFrom(SpreadPolicy.SCHEDULE_ANYWAY, SpreadPolicy.DO_NOT_SCHEDULE), { nil: undefined }),
      topologyKeys: fc.option(fc.constantFrom(['kubernetes.io/hostname'], ['topology.kubernetes.io/zone', 'example.com/rack']), { nil: undefined }) }, { requiredKeys: [] }),
    fc.oneof(fc.constantFrom<unknown>({ whenUnsatisfiable: 'Never' }, { topologyKeys: ['Bad Key'] }, { topologyKeys: [] }, { topologyKeys: [''] }, { topologyKeys: [5] },
      { topologyKeys: ['kubernetes.io/hostname', 'kubernetes.io/hostname'] }, { topologyKeys: 'zone' }), wrongType), { omit: 12 }),
  };
}

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
    ...production(mode),
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
    ...webProduction(mode),
  }).map(p => fixWebApp(fixProduction(fixQos(p))));
}

const EXTERNAL: unknown[] = [kplus.ServiceType.NODE_PORT, kplus.ServiceType.LOAD_BALANCER];

/**
 * In valid mode: a NodePort only with NODE_PORT, ports named consistently, an autoscaler without
 * `replicas` (except replicas 5: CKP505), a budget only at 2 or more pods, load-balancer settings
 * on a load balancer.
 */
function fixWebApp(p: Record<string, unknown>): Record<string, unknown> {
  const out = { ...p };
  if (out.nodePort !== undefined && out.serviceType === undefined) out.serviceType = kplus.ServiceType.NODE_PORT;
  if (out.targetPort === 'http' && out.portName !== undefined && out.portName !== 'http') out.targetPort = out.portName;
  const hpa = out.autoscaling as any;
  const scaled = hpa !== null && typeof hpa === 'object' && !Array.isArray(hpa);
  if (scaled && out.replicas !== 5) delete out.replicas;
  const floor = scaled ? hpa.minReplicas ?? 2 : out.replicas ?? 2;
  if (typeof floor === 'number' && floor < 2) delete out.disruption;
  const type = out.serviceType ?? kplus.ServiceType.CLUSTER_IP;
  const ranges = out.loadBalancerSourceRanges;
  const wantsLb = Array.isArray(ranges) && ranges.length > 0 && ranges.every(r => typeof r === 'string' && r.includes('/'));
  if ((wantsLb && type !== kplus.ServiceType.LOAD_BALANCER) || (out.externalTrafficPolicy !== undefined && !EXTERNAL.includes(type))) {
    if (type === kplus.ServiceType.CLUSTER_IP || type === kplus.ServiceType.NODE_PORT) out.serviceType = kplus.ServiceType.LOAD_BALANCER;
  }
  return out;
}

const securities = fc.constantFrom(DevSecurity.restricted(), DevSecurity.sshdAsRoot(), DevSecurity.sshdAsRoot({ sudo: true }), DevSecurity.rootShell());
const badSecurity = fc.oneof(fc.constantFrom<unknown>(DevSecurity.restricted({ runAsUser: 0 }), DevSecurity.restricted({ runAsUser: -1 }),
  DevSecurity.sshdAsRoot({ addCapabilities: [kplus.Capability.SYS_ADMIN] }), DevSecurity.sshdAsRoot({ addCapabilities: [kplus.Capability.NET_ADMIN] }), 'restricted'), wrongType);

/** A development box bursts (Burstable: limits above the requests), sometimes with local disk. */
const devResources = fc.tuple(int(100, 2000), int(256, 4096), fc.option(int(1, 4), { nil: undefined })).map(([c, m, d]) => ({
  requests: { cpu: kplus.Cpu.millis(c), memory: Size.mebibytes(m), ...(d ? { ephemeralStorage: Size.gibibytes(d) } : {}) },
  limits: { memory: Size.mebibytes(2 * m), ...(d ? { ephemeralStorage: Size.gibibytes(2 * d) } : {}) },
}));

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
    resources: prop(mode, fc.option(devResources, { nil: undefined }), fc.oneof(wrongType, fc.constant({ requests: { cpu: kplus.Cpu.millis(-1), memory: Size.mebibytes(1) } }),
      badDisk.map(d => ({ requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(512), ephemeralStorage: d }, limits: { memory: Size.gibibytes(1) } })))),
    startupTimeout: prop(mode, seconds(10, 300), badDuration),
    terminationGracePeriod: prop(mode, seconds(1, 120), badDuration),
    serviceType: prop(mode, serviceTypes, badServiceType),
    ingressFrom: peers(mode),
    egress: egress(mode),
    sidecars: prop(mode, containers(mode, container(mode, ['helper'], true), 1), wrongType),
  }).map(p => fixDev(fixProduction(p)));
}

/** In valid mode: the ssh port is declared, a restricted sshd binds a high port, tmpSize mostly on a restricted box. */
function fixDev(p: Record<string, unknown>): Record<string, unknown> {
  const out = { ...p };
  const ssh = out.ssh ?? !(out.interactive ?? false);
  if (ssh === true && Array.isArray(out.ports) && typeof out.sshPort === 'number') out.ports = [...out.ports, { number: out.sshPort, name: 'ssh' }].filter((x, i, a) => a.findIndex(y => y.number === x.number || y.name === x.name) === i);
  else if (ssh === true && Array.isArray(out.ports) && out.sshPort === undefined) out.sshPort = (out.ports as any[])[0]?.number ?? 2022;
  if (out.security instanceof DevSecurity && out.security.isRestricted && ssh === true && out.sshPort === undefined) out.sshPort = 2222;
  // Only a restricted box has a /tmp emptyDir to size (CKP830 otherwise): 1Gi is left on the others to be refused.
  if (out.tmpSize instanceof Size && out.security instanceof DevSecurity && !out.security.isRestricted && out.tmpSize.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) !== 1024) delete out.tmpSize;
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
  }).map(p => fixProduction(fixQos(p)));
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
  }).map(p => fixProduction(fixQos(p)));
}

/**
 * Valid sets, mixed sets and valid sets with one bad prop, 1:2:1. In a mixed set the first bad prop
 * checked hides the rest (the production props are checked last); a set with one bad prop reaches
 * the check, and the code, of that prop.
 */
export function propSets(make: (mode: Mode) => fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const oneBad = fc.tuple(make('valid'), make('bad'), fc.nat()).map(([valid, bad, i]) => {
    const keys = Object.keys(bad);
    const key = keys[i % keys.length];
    return { ...valid, [key]: bad[key] };
  });
  return fc.oneof({ arbitrary: make('valid'), weight: 1 }, { arbitrary: make('mixed'), weight: 2 }, { arbitrary: oneBad, weight: 1 });
}
