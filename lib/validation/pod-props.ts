import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from '../plus';
import { POD_INFO_FIELDS } from '../pod/downward-api';
import { PostStart } from '../pod/lifecycle';
import { HealthCheck } from '../pod/probes';
import { QosClass } from '../pod/resources';
import { PreStop } from '../pod/shutdown';
import { SharedVolume } from '../pod/volumes';
import { configKeyProblem } from '../rules/objects/configmap-key-invalid';
import { PropChecker } from './checker';
import { envVarNameProblem } from './formats';

/**
 * Checks of the prop groups the constructs share (lib/pod/*): each takes the checker, the field path
 * of the group and the value as given. New props: add a line with the matching checker here (or in
 * the construct's entry in constructs.ts), with the rule id that covers the field's output.
 */

/** A number or a port name. */
export function checkPortRef(c: PropChecker, field: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v === 'string') c.portName(field, v);
  else if (typeof v === 'number') c.port(field, v);
  else c.fail(field, v, 'CKP827', `${field} is ${JSON.stringify(v) ?? String(v)}, neither a port number nor a port name`, `give ${field} as a number (1–65535) or the name of a declared port, e.g. 'http'.`);
}

function checkHeaders(c: PropChecker, field: string, v: unknown): void {
  const headers = c.stringMap(field, v, 'CKP822');
  for (const name of Object.keys(headers ?? {})) c.headerName(`${field} name`, name);
}

/** Probe timing, in whole seconds at or above the API minimums (rule CKP204). */
function checkTiming(c: PropChecker, field: string, t: unknown): void {
  const timing = c.object(`${field}.timing`, t, 'CKP204') ?? {};
  c.duration(`${field}.initialDelay`, timing.initialDelay, 'CKP204');
  // 0 and other values below the API minimums are CKP204's at synth, which names the probe field.
  c.duration(`${field}.period`, timing.period, 'CKP204');
  c.duration(`${field}.timeout`, timing.timeout, 'CKP204');
  c.int(`${field}.failureThreshold`, timing.failureThreshold, 'CKP204', { min: 1 });
  c.int(`${field}.successThreshold`, timing.successThreshold, 'CKP202', { min: 1 });
}

/** A {@link HealthCheck}: its handler and timing. */
export function checkHealthCheck(c: PropChecker, field: string, v: unknown, opts: { required?: boolean } = {}): void {
  const hc = c.instance(field, v, HealthCheck, opts.required ? 'CKP201' : 'CKP830', { required: opts.required, example: 'HealthCheck.httpGet(\'/healthz\')' });
  if (!hc) return;
  const h = hc['handler'] as any;
  if (h.type === 'exec') c.program(`${field} command`, h.command, 'CKP208', { required: true });
  if (h.type === 'http') {
    c.string(`${field} path`, h.path, 'CKP830', { required: true });
    checkHeaders(c, `${field} headers`, h.headers);
    c.oneOf(`${field} scheme`, h.scheme, Object.values(kplus.ConnectionScheme), 'CKP830');
  }
  if (h.type !== 'exec') checkPortRef(c, `${field} port`, h.port);
  checkTiming(c, field, hc.timing);
}

export function checkPreStop(c: PropChecker, field: string, v: unknown): void {
  const p = c.instance(field, v, PreStop, 'CKP302', { example: 'PreStop.sleep()' });
  if (!p) return;
  const k = p.kind as any;
  if (k.type === 'exec') {
    c.program(`${field} command`, k.command, 'CKP208', { required: true });
    c.duration(`${field} maxDuration`, k.maxDuration, 'CKP301');
  }
  if (k.type === 'http') {
    c.string(`${field} path`, k.path, 'CKP830', { required: true });
    checkPortRef(c, `${field} port`, k.port);
  }
}

export function checkPostStart(c: PropChecker, field: string, v: unknown): void {
  const p = c.instance(field, v, PostStart, 'CKP830', { example: 'PostStart.exec([...])' });
  if (!p) return;
  const a = p['action'] as any;
  if (a.type === 'exec') c.program(`${field} command`, a.command, 'CKP208', { required: true });
  if (a.type === 'http') {
    c.string(`${field} path`, a.path, 'CKP830', { required: true });
    const o = c.object(`${field} options`, a.options, 'CKP830') ?? {};
    checkPortRef(c, `${field} port`, o.port);
    checkHeaders(c, `${field} headers`, o.headers);
    c.oneOf(`${field} scheme`, o.scheme, Object.values(kplus.ConnectionScheme), 'CKP830');
  }
}

export function checkResources(c: PropChecker, field: string, v: unknown, opts: { required?: boolean } = {}): void {
  const r = c.object(field, v, 'CKP401', { required: opts.required });
  if (!r) return;
  const req = c.object(`${field}.requests`, r.requests, 'CKP401', { required: true })!;
  c.cpu(`${field}.requests.cpu`, req.cpu, 'CKP829', { required: true });
  c.size(`${field}.requests.memory`, req.memory, 'CKP829', { required: true });
  checkEphemeralStorage(c, `${field}.requests.ephemeralStorage`, req.ephemeralStorage);
  const lim = c.object(`${field}.limits`, r.limits, 'CKP829');
  if (lim) {
    c.cpu(`${field}.limits.cpu`, lim.cpu, 'CKP829');
    c.size(`${field}.limits.memory`, lim.memory, 'CKP829', { required: true });
    checkEphemeralStorage(c, `${field}.limits.ephemeralStorage`, lim.ephemeralStorage);
  }
}

/** ephemeral-storage: a Size of whole GiB above 0, since cdk8s-plus-27 writes it in Gi (any container, the DevContainer's too). */
function checkEphemeralStorage(c: PropChecker, field: string, v: unknown): void {
  const size = c.instance(field, v, Size, 'CKP510', { example: 'Size.gibibytes(n)' });
  if (size === undefined) return;
  const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!(gib > 0) || !Number.isInteger(gib)) {
    c.fail(field, size.asString(), 'CKP510', `${field} (${size.asString()}) must be a whole number of GiB above 0 (cdk8s-plus-27 writes ephemeral-storage in Gi)`, 'use e.g. Size.gibibytes(1).');
  }
}

/** Literal env vars: valid names and string values. */
export function checkEnv(c: PropChecker, field: string, v: unknown): string[] {
  const env = c.stringMap(field, v, 'CKP830') ?? {};
  for (const name of Object.keys(env)) c.envVarName(`${field} name`, name);
  return Object.keys(env);
}

/** The env var names `config` gives the container, each with the setting it comes from. */
function checkConfig(c: PropChecker, v: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const cfg = c.object('config', v, 'CKP830');
  if (!cfg) return names;
  const data = c.stringMap('config.data', cfg.data, 'CKP830') ?? {};
  for (const key of Object.keys(data)) {
    const problem = configKeyProblem(key);
    if (problem) c.fail('config.data', key, 'CKP802', `config.data key ${JSON.stringify(key)} ${problem}`, 'use letters, digits, \'-\', \'_\' and \'.\' in keys.');
  }
  c.string('config.logLevel', cfg.logLevel, 'CKP830', { nonEmpty: true });
  const logKey = c.string('config.logLevelKey', cfg.logLevelKey, 'CKP802') ?? 'LOG_LEVEL';
  const keys = new Set(Object.keys(data));
  if (cfg.logLevel !== undefined) {
    const problem = configKeyProblem(logKey);
    if (problem) c.fail('config.logLevelKey', logKey, 'CKP802', `config.logLevelKey '${logKey}' ${problem}`, 'use a key of letters, digits, \'-\', \'_\' and \'.\'.');
    if (keys.has(logKey)) c.fail('config.logLevel', logKey, 'CKP904', `config.logLevel and config.data both set key '${logKey}'`, `set '${logKey}' in one place: config.logLevel or config.data.`);
    keys.add(logKey);
  }
  const mapping = c.stringMap('config.env', cfg.env, 'CKP830');
  if (mapping) {
    for (const [name, key] of Object.entries(mapping)) {
      c.envVarName('config.env name', name);
      if (!keys.has(key)) c.fail(`config.env[${JSON.stringify(name)}]`, key, 'CKP824', `config.env maps ${name} to key '${key}', which config does not write (keys: ${[...keys].join(', ') || 'none'})`, 'map env names to keys of config.data or config.logLevelKey.');
      names.set(name, `config.env[${JSON.stringify(name)}]`);
    }
  } else {
    for (const key of keys) {
      const problem = envVarNameProblem(key);
      if (problem) c.fail('config.data', key, 'CKP820', `config.data key '${key}' becomes an env var of the same name, which ${problem}`, `map it to a valid name with config.env, e.g. { ${key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[0-9]/, '_$&').toUpperCase()}: '${key}' }.`);
      names.set(key, `config key '${key}'`);
    }
  }
  c.mountPath('config.mountPath', cfg.mountPath);
  if (cfg.mountPath === '/tmp') c.fail('config.mountPath', cfg.mountPath, 'CKP808', 'config.mountPath is /tmp, where the container already mounts its own emptyDir', 'mount the config elsewhere, e.g. /etc/app.');
  return names;
}

/**
 * The main container's props (MainContainerProps); `restricted` when the pod runs as non-root.
 * @returns the env var names that config and the Downward API set, each with its source
 */
export function checkMainContainer(c: PropChecker, p: Record<string, any>, opts: { restricted: boolean; resourcesRequired: boolean }): Map<string, string> {
  c.image('image', p.image);
  c.oneOf('imagePullPolicy', p.imagePullPolicy, Object.values(kplus.ImagePullPolicy), 'CKP830');
  c.each('imagePullSecrets', p.imagePullSecrets, (s, f) => c.dnsSubdomain(f, s, 'CKP826', { required: true }));
  checkResources(c, 'resources', p.resources, { required: opts.resourcesRequired });
  c.oneOf('qos', p.qos, Object.values(QosClass), 'CKP403');
  c.program('command', p.command, 'CKP905');
  c.strings('args', p.args, 'CKP830');
  const env = checkEnv(c, 'env', p.env);
  const owners = checkConfig(c, p.config);
  if (c.boolean('podInfoEnv', p.podInfoEnv) ?? true) {
    for (const name of [...Object.keys(POD_INFO_FIELDS), 'CPU_LIMIT_MILLICORES', 'MEMORY_LIMIT_BYTES']) {
      const owner = owners.get(name);
      if (owner) c.fail('config', name, 'CKP904', `${owner} sets env var ${name}, which the Downward API env (podInfoEnv) also sets: one would silently replace the other`, 'rename it with config.env, or set podInfoEnv: false.');
      owners.set(name, 'the Downward API env (podInfoEnv)');
    }
  }
  for (const name of env) {
    const owner = owners.get(name);
    if (owner) c.fail(`env[${JSON.stringify(name)}]`, name, 'CKP904', `env sets ${name}, which ${owner} also sets: one would silently replace the other`, `set ${name} in one place${owner.includes('podInfoEnv') ? ', or set podInfoEnv: false' : ''}.`);
  }
  c.mountPath('podInfoPath', p.podInfoPath);
  if (opts.restricted) {
    c.id('runAsUser', p.runAsUser, { nonRoot: true });
    c.id('runAsGroup', p.runAsGroup);
  }
  c.string('name', p.name, 'CKP801');
  c.labelValue('appName', p.appName);
  c.labelValue('component', p.component);
  c.labelValue('partOf', p.partOf);
  c.dnsSubdomain('priorityClassName', p.priorityClassName);
  return owners;
}

function checkMounts(c: PropChecker, field: string, v: unknown): void {
  c.each(field, v, (m, f) => {
    c.object(f, m, 'CKP808', { required: true });
    const vol = c.instance(`${f}.volume`, m.volume, SharedVolume, 'CKP808', { required: true, example: 'SharedVolume.emptyDir(name).at(path)' })!;
    c.dnsLabel(`${f}.volume name`, vol.name, 'CKP808', { required: true });
    if (vol.source.type === 'emptyDir') c.size(`${f}.volume sizeLimit`, vol.source.options.sizeLimit, 'CKP829', { min: 1 });
    // Secret and PVC volumes (issue 12) check their names' form and the file mode where they are built (lib/pod/referenced-volumes.ts).
    else if (vol.source.type === 'secret') {
      c.string(`${f}.volume secretName`, vol.source.secretName, 'CKP826', { required: true });
      c.boolean(`${f}.volume optional`, vol.source.options.optional, 'CKP808');
    } else if (vol.source.type === 'persistentVolumeClaim') {
      c.string(`${f}.volume claimName`, vol.source.claimName, 'CKP826', { required: true });
      c.boolean(`${f}.volume readOnly`, vol.source.options.readOnly, 'CKP808');
    } else if (vol.source.type === 'configMap') {
      const data = c.stringMap(`${f}.volume data`, vol.source.data, 'CKP802') ?? {};
      for (const key of Object.keys(data)) {
        const problem = configKeyProblem(key);
        if (problem) c.fail(`${f}.volume data`, key, 'CKP802', `configMap volume key ${JSON.stringify(key)} ${problem}`, 'name each file with letters, digits, \'-\', \'_\' and \'.\'.');
      }
    }
    c.mountPath(`${f}.path`, m.path, { required: true });
    c.boolean(`${f}.readOnly`, m.readOnly);
    const sub = c.string(`${f}.subPath`, m.subPath, 'CKP808');
    if (sub !== undefined && (sub.startsWith('/') || sub.split('/').includes('..'))) c.fail(`${f}.subPath`, sub, 'CKP808', `${f}.subPath '${sub}' must be a relative path without '..'`, 'give a path inside the volume, e.g. \'html\'.');
  });
}

/** An init container or sidecar spec. */
function checkSpec(c: PropChecker, f: string, s: any, sidecar: boolean): void {
  c.object(f, s, 'CKP830', { required: true });
  c.dnsLabel(`${f}.name`, s.name, 'CKP807', { required: true });
  c.image(`${f}.image`, s.image);
  c.oneOf(`${f}.imagePullPolicy`, s.imagePullPolicy, Object.values(kplus.ImagePullPolicy), 'CKP830');
  c.program(`${f}.command`, s.command, 'CKP905');
  c.strings(`${f}.args`, s.args, 'CKP830');
  c.mountPath(`${f}.workingDir`, s.workingDir);
  checkEnv(c, `${f}.env`, s.env);
  checkMounts(c, `${f}.mounts`, s.mounts);
  checkResources(c, `${f}.resources`, s.resources, { required: true });
  if (!sidecar) return;
  const names = new Set<string>();
  c.each(`${f}.ports`, s.ports, (p, pf) => {
    c.object(pf, p, 'CKP830', { required: true });
    c.port(`${pf}.number`, p.number, 'CKP827', { required: true });
    const name = c.portName(`${pf}.name`, p.name);
    if (name !== undefined && names.has(name)) c.fail(`${pf}.name`, name, 'CKP821', `sidecar '${s.name}' names two ports '${name}'`, 'give each port of a container its own name.');
    if (name !== undefined) names.add(name);
    c.oneOf(`${pf}.protocol`, p.protocol, Object.values(kplus.Protocol), 'CKP830');
  });
  checkHealthCheck(c, `${f}.readiness`, s.readiness, { required: true });
  checkHealthCheck(c, `${f}.liveness`, s.liveness);
  c.duration(`${f}.startupTimeout`, s.startupTimeout, 'CKP204', { min: 1 });
  c.duration(`${f}.drainTimeout`, s.drainTimeout, 'CKP301');
  c.program(`${f}.preStopCommand`, s.preStopCommand, 'CKP208');
  checkPostStart(c, `${f}.postStart`, s.postStart);
}

/** PodCompositionProps: init containers, sidecars (when the construct takes them) and shared mounts. */
export function checkComposition(c: PropChecker, p: Record<string, any>, opts: { sidecars: boolean }): void {
  c.each('initContainers', p.initContainers, (s, f) => checkSpec(c, f, s, false));
  if (opts.sidecars) c.each('sidecars', p.sidecars, (s, f) => checkSpec(c, f, s, true));
  else c.each('sidecars', p.sidecars);
  checkMounts(c, 'mounts', p.mounts);
}

/** Exposure and network props shared by the serving constructs. */
export function checkNetwork(c: PropChecker, p: Record<string, any>): void {
  const type = c.oneOf('serviceType', p.serviceType, Object.values(kplus.ServiceType), 'CKP830');
  if (type === kplus.ServiceType.EXTERNAL_NAME) {
    c.fail('serviceType', type, 'CKP830', 'serviceType ExternalName makes a DNS alias to a name outside the cluster, not a Service in front of these pods', 'use ClusterIP (the default), NodePort or LoadBalancer; create an ExternalName Service separately.');
  }
  c.each('ingressFrom', p.ingressFrom, (x, f) => checkPeer(c, f, x));
  checkEgress(c, p.egress);
}

/** A NetworkPolicy peer: a cdk8s-plus `INetworkPolicyPeer` (Pods.select, NetworkPolicyIpBlock.ipv4, a workload). */
export function checkPeer(c: PropChecker, field: string, v: unknown): void {
  const o = c.object(field, v, 'CKP830', { required: true })!;
  if (typeof o.toNetworkPolicyPeerConfig !== 'function') {
    c.fail(field, v, 'CKP830', `${field} is not a NetworkPolicy peer`, 'use kplus.Pods.select(...), kplus.Namespaces.select(...), kplus.NetworkPolicyIpBlock.ipv4(...) or a workload.');
  }
}

/** `egress`: rules of a peer and optional `kplus.NetworkPolicyPort`s. */
export function checkEgress(c: PropChecker, v: unknown): void {
  c.each('egress', v, (x, f) => {
    c.object(f, x, 'CKP830', { required: true });
    checkPeer(c, `${f}.peer`, x.peer);
    c.each(`${f}.ports`, x.ports, (port, pf) => c.instance(pf, port, kplus.NetworkPolicyPort, 'CKP830', { required: true, example: 'kplus.NetworkPolicyPort.tcp(5432)' }));
  });
}

/** A duration prop that becomes seconds in the manifest (CKP828 unless a rule of its own covers it). */
export function checkDurations(c: PropChecker, p: Record<string, any>, fields: Record<string, { ruleId?: string; min?: number }>): void {
  for (const [field, o] of Object.entries(fields)) c.duration(field, p[field], o.ruleId ?? 'CKP828', { min: o.min });
}
