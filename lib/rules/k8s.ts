import { K8sObject, RuleContext } from './types';

/** Kinds that carry a pod template (or are a pod). */
export const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;
/** Pod-carrying kinds whose pods are meant to keep running. */
export const LONG_RUNNING_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'] as const;
/** Pod-carrying kinds whose pods run to completion. */
export const BATCH_KINDS = ['Job', 'CronJob'] as const;

/** The pod spec of an object and its path, or undefined if it has none. */
export interface PodSpecRef {
  readonly spec: any;
  readonly path: string;
  /** The pod template's metadata (the object's own metadata for a Pod). */
  readonly metadata: any;
}

// Read once: in a vm context (jest runs tests in one) every lookup of a global such as `Array` goes
// through the context's interceptor, which made these two helpers the rules' hottest code there.
const { isArray } = Array;

/** A JSON object (not null, not an array): what a field must be before its fields are read. */
export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !isArray(v);
}

/** `v` when it is a list, else an empty one: rules iterate fields that wrong input may make anything. */
export function listOf(v: unknown): readonly any[] {
  return isArray(v) ? v : [];
}

/** Only objects are pod specs and templates; metadata that is not an object reads as empty. */
function podRef(template: unknown, path: string): PodSpecRef | undefined {
  if (!isObject(template) || !isObject(template.spec)) return undefined;
  return { spec: template.spec, path, metadata: isObject(template.metadata) ? template.metadata : {} };
}

export function podSpecOf(obj: K8sObject): PodSpecRef | undefined {
  const d = derivedOf(obj);
  if (d === undefined) return findPodSpec(obj);
  if (d.podSpec === null) d.podSpec = findPodSpec(obj);
  return d.podSpec;
}

function findPodSpec(obj: K8sObject): PodSpecRef | undefined {
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  switch (obj.kind) {
    case 'Pod':
      return podRef({ spec, metadata: obj.metadata }, 'spec');
    case 'CronJob': {
      const jobTemplate = isObject(spec?.jobTemplate) ? spec.jobTemplate : undefined;
      return podRef(isObject(jobTemplate?.spec) ? jobTemplate.spec.template : undefined, 'spec.jobTemplate.spec.template.spec');
    }
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'ReplicationController': case 'Job':
      return podRef(spec?.template, 'spec.template.spec');
    default:
      return undefined;
  }
}

/** A container with where it sits. */
export interface ContainerRef {
  readonly container: any;
  readonly path: string;
  readonly name: string;
  readonly init: boolean;
}

/** Every container of an object's pod, app containers first, then init containers. Read-only: shared by the rules of an evaluation. */
export function containersOf(obj: K8sObject, opts: { init?: boolean } = {}): readonly ContainerRef[] {
  const init = opts.init ?? true;
  const d = derivedOf(obj);
  if (d === undefined) return findContainers(obj, init);
  if (init) return d.containers ?? (d.containers = findContainers(obj, true));
  return d.appContainers ?? (d.appContainers = findContainers(obj, false));
}

function findContainers(obj: K8sObject, init: boolean): ContainerRef[] {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  const out: ContainerRef[] = [];
  addContainers(out, pod, 'containers', false);
  if (init) addContainers(out, pod, 'initContainers', true);
  return out;
}

function addContainers(out: ContainerRef[], pod: PodSpecRef, key: 'containers' | 'initContainers', init: boolean): void {
  const list: unknown = pod.spec[key];
  if (!isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c && typeof c === 'object') out.push({ container: c, path: `${pod.path}.${key}[${i}]`, name: String(c.name ?? `#${i}`), init });
  }
}

/*
 * Most rules look at an object's pod spec and containers, and several at each container's ports: the
 * engine keeps what these helpers derive for the duration of one evaluation (rules only read objects),
 * so they are found once per object, not once per rule. Outside an evaluation nothing is kept: a caller
 * may change an object between two calls.
 */

/** What the helpers derived from one object (null: not derived yet). */
class Derived {
  podSpec: PodSpecRef | undefined | null = null;
  containers: ContainerRef[] | undefined = undefined;
  appContainers: ContainerRef[] | undefined = undefined;
  /** What {@link perObject} keeps, by its key. */
  other: Map<object, unknown> | undefined = undefined;
}

/** What the helpers derived from one container. */
class ContainerDerived {
  declared: { numbers: Set<number>; names: Set<string> } | undefined = undefined;
  served: (number | string)[] | undefined = undefined;
}

interface DerivationScope {
  /** The evaluation's context: what {@link perEvaluation} keeps for it is kept here. */
  readonly ctx: RuleContext;
  readonly evaluation: Map<object, unknown>;
  readonly objects: Map<unknown, Derived>;
  readonly containers: Map<unknown, ContainerDerived>;
  /** The last object looked up, and what was derived from it: rules ask about one object in a row. */
  last: unknown;
  lastDerived: Derived | undefined;
}

let scope: DerivationScope | undefined;

/** Runs `f` (the evaluation of `ctx`) with the helpers keeping what they derive from each object until it returns. */
export function withDerivations<T>(ctx: RuleContext, f: () => T): T {
  const outer = scope;
  scope = { ctx, evaluation: new Map(), objects: new Map(), containers: new Map(), last: undefined, lastDerived: undefined };
  try {
    return f();
  } finally {
    scope = outer;
  }
}

function derivedOf(obj: unknown): Derived | undefined {
  const s = scope;
  if (s === undefined || obj === null || typeof obj !== 'object') return undefined;
  if (s.last === obj) return s.lastDerived;
  let d = s.objects.get(obj);
  if (d === undefined) s.objects.set(obj, (d = new Derived()));
  s.last = obj;
  s.lastDerived = d;
  return d;
}

/**
 * `derive(obj)`, kept for the rest of the evaluation under `key` (one key per derivation) when called
 * during one: for a derivation several rules (or a rule's `appliesTo` and `check`) make of one object.
 */
export function perObject<T>(key: object, obj: K8sObject, derive: (obj: K8sObject) => T): T {
  const d = derivedOf(obj);
  if (d === undefined) return derive(obj);
  const other = d.other ?? (d.other = new Map());
  if (other.has(key)) return other.get(key) as T;
  const value = derive(obj);
  other.set(key, value);
  return value;
}

/** Texts kept per {@link perText} key before its cache starts again: bounds the memory of a long-running process. */
const TEXTS_KEPT = 2000;
const TEXTS = new WeakMap<object, Map<string, unknown>>();

/**
 * `derive(text)` for a pure `derive` whose result is only read, kept under `key` (one key per
 * derivation) across evaluations: for texts that objects repeat (label keys, scripts, proxy configs),
 * within one input and from one construct's evaluation to the next.
 */
export function perText<T>(key: object, text: string, derive: (text: string) => T): T {
  let byText = TEXTS.get(key) as Map<string, T> | undefined;
  if (byText === undefined) TEXTS.set(key, (byText = new Map()));
  let value = byText.get(text);
  if (value === undefined && !byText.has(text)) {
    value = derive(text);
    if (byText.size >= TEXTS_KEPT) byText.clear();
    byText.set(text, value);
  }
  return value as T;
}

function containerDerivedOf(container: unknown): ContainerDerived | undefined {
  const s = scope;
  if (s === undefined || container === null || typeof container !== 'object') return undefined;
  let d = s.containers.get(container);
  if (d === undefined) s.containers.set(container, (d = new ContainerDerived()));
  return d;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * A Kubernetes quantity (`700m`, `200Mi`, `1.5`, `1e3`) in base units (cores, bytes),
 * or undefined when it is not a quantity.
 */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  // Manifests repeat a few amounts (`100m`, `128Mi`) in every container.
  return perText(parseQuantity, q, parseQuantityText);
}

function parseQuantityText(q: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return undefined;
  const base = parseFloat(m[1]);
  if (m[2]) return base * Math.pow(10, parseInt(m[2].slice(1), 10));
  const mult = BINARY[m[3] ?? ''] ?? DECIMAL[m[3] ?? ''];
  // Divide for sub-unit suffixes: 700 / 1000 is exactly 0.7, 700 * 0.001 is not.
  return mult < 1 ? base / Math.round(1 / mult) : base * mult;
}

/** Seconds as a short duration: `30s`, `2m`, `1m30s`. */
export function fmtSeconds(s: number): string {
  if (s >= 60 && s < 3600 && Number.isInteger(s)) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${m}m${rest}s` : `${m}m`;
  }
  return `${s}s`;
}

/** `kind 'name'` for messages. */
export function objectLabel(obj: K8sObject): string {
  return `${obj.kind ?? '?'} '${obj.metadata?.name ?? '?'}'`;
}

/** The ports a container declares, by number and by name. Read-only: shared by the rules of an evaluation. */
export function declaredPorts(container: any): { readonly numbers: ReadonlySet<number>; readonly names: ReadonlySet<string> } {
  const d = containerDerivedOf(container);
  if (d === undefined) return findDeclaredPorts(container);
  return d.declared ?? (d.declared = findDeclaredPorts(container));
}

function findDeclaredPorts(container: any): { numbers: Set<number>; names: Set<string> } {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const p of isArray(container?.ports) ? container.ports : []) {
    if (typeof p?.containerPort === 'number') numbers.add(p.containerPort);
    if (typeof p?.name === 'string') names.add(p.name);
  }
  return { numbers, names };
}

/**
 * The ports a container serves: those it declares, and those its HTTP and TCP probes connect to (a
 * container probed on a port listens there, declared or not). Numbers, and names no declared port resolves.
 * Read-only: shared by the rules of an evaluation.
 */
export function servedPorts(container: any): readonly (number | string)[] {
  const d = containerDerivedOf(container);
  if (d === undefined) return findServedPorts(container);
  return d.served ?? (d.served = findServedPorts(container));
}

const PROBE_HANDLERS = ['httpGet', 'tcpSocket'] as const;

function findServedPorts(container: any): (number | string)[] {
  const { numbers, names } = declaredPorts(container);
  const out: (number | string)[] = [...numbers];
  for (const field of PROBE_FIELDS) {
    const probe = container?.[field];
    if (!isObject(probe)) continue;
    for (const handler of PROBE_HANDLERS) {
      const port = isObject(probe[handler]) ? probe[handler].port : undefined;
      if (typeof port === 'number' && Number.isInteger(port) && port > 0 && !out.includes(port)) out.push(port);
      if (typeof port === 'string' && port !== '' && !names.has(port) && !out.includes(port)) out.push(port);
    }
  }
  return out;
}

/** The probe kinds of a container, keyed by their field name. */
export const PROBE_FIELDS = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
export type ProbeField = typeof PROBE_FIELDS[number];

/** A probe's effective timing, with the API defaults applied. */
export function probeTiming(probe: any) {
  return {
    initialDelaySeconds: probe?.initialDelaySeconds ?? 0,
    periodSeconds: probe?.periodSeconds ?? 10,
    timeoutSeconds: probe?.timeoutSeconds ?? 1,
    successThreshold: probe?.successThreshold ?? 1,
    failureThreshold: probe?.failureThreshold ?? 3,
  };
}

/** The port a probe's handler targets (httpGet or tcpSocket), if any. */
export function probePort(probe: any): number | string | undefined {
  return probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
}

/**
 * How long a lifecycle exec handler sleeps, in seconds, when it is `sleep N` or a shell
 * script starting with `sleep N` (`sh -c "sleep 5; nginx -s quit"`). Undefined otherwise.
 */
export function sleepSeconds(handler: any): number | undefined {
  // A preStop hook is read by CKP301 and CKP303: once per evaluation.
  return handler !== null && typeof handler === 'object' ? perObject(sleepSeconds, handler, findSleepSeconds) : findSleepSeconds(handler);
}

function findSleepSeconds(handler: any): number | undefined {
  const cmd: unknown = handler?.exec?.command;
  if (!Array.isArray(cmd) || cmd.length === 0) return undefined;
  const parts = cmd.map(String);
  const base = (s: string) => s.split('/').pop();
  if (base(parts[0]) === 'sleep' && parts.length >= 2) return parseSleepArg(parts[1]);
  const shells = ['sh', 'bash', 'ash', 'dash', 'zsh'];
  if (shells.includes(base(parts[0]) ?? '') && parts.length >= 3 && /^-\w*c\w*$/.test(parts[1])) {
    const m = /^\s*(?:exec\s+)?(?:\/\S*\/)?sleep\s+(\S+?)\s*(?:[;&|]|$)/.exec(parts[2]);
    if (m) return parseSleepArg(m[1]);
  }
  return undefined;
}

function parseSleepArg(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return arg === 'infinity' ? Infinity : undefined;
  const mult: Record<string, number> = { '': 1, 's': 1, 'm': 60, 'h': 3600, 'd': 86400 };
  return parseFloat(m[1]) * mult[m[2]];
}

/** A container's security settings with the pod's as fallback, for the fields both levels carry. */
export function effectiveSecurity(pod: PodSpecRef | undefined, container: any): { runAsUser: unknown; runAsGroup: unknown; runAsNonRoot: unknown } {
  const podContext = isObject(pod?.spec.securityContext) ? pod!.spec.securityContext : {};
  const own = isObject(container?.securityContext) ? container.securityContext : {};
  return {
    runAsUser: own.runAsUser ?? podContext.runAsUser,
    runAsGroup: own.runAsGroup ?? podContext.runAsGroup,
    runAsNonRoot: own.runAsNonRoot ?? podContext.runAsNonRoot,
  };
}

/** Windows pods have no Linux security settings: the Linux-only rules leave them alone. */
export function isLinuxPod(obj: K8sObject): boolean {
  const os = podSpecOf(obj)?.spec.os;
  return !(isObject(os) && os.name === 'windows');
}

/**
 * The violations of a per-container check over every container of an object's pod (init containers too,
 * unless `init: false`): the check gets the container, its pod and its security context (an object, or empty).
 */
export function containerViolations<V>(obj: K8sObject, check: (c: ContainerRef, pod: PodSpecRef, securityContext: Record<string, any>) => V | undefined,
  opts: { init?: boolean } = {}): V[] {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  const out: V[] = [];
  for (const c of containersOf(obj, opts)) {
    const v = check(c, pod, isObject(c.container.securityContext) ? c.container.securityContext : {});
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** A value computed once per evaluation (one rule context) and shared by the checks of every object in it. */
export function perEvaluation<T>(cache: WeakMap<RuleContext, T>, ctx: RuleContext, build: () => T): T {
  // During the engine's evaluation of `ctx`, kept with its other derivations (no WeakMap entry per evaluation).
  const s = scope;
  if (s !== undefined && s.ctx === ctx) {
    let kept = s.evaluation.get(cache) as T | undefined;
    if (kept === undefined) s.evaluation.set(cache, (kept = build()));
    return kept;
  }
  let value = cache.get(ctx);
  if (value === undefined) {
    value = build();
    cache.set(ctx, value);
  }
  return value;
}
