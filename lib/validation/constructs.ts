import { ApiObject, Chart, Cron, Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { formatProblem } from '../errors';
import * as kplus from '../plus';
import { DevSecurity } from '../pod/dev-security';
import { Foreground } from '../pod/entrypoint';
import { objectIdentity } from '../rules/objects/object-duplicate';
import { programProblem } from '../rules/probes/handler-command-empty';
import { PropChecker } from './checker';
import { checkProductionProps } from './production-props';
import { checkComposition, checkDurations, checkEgress, checkHealthCheck, checkMainContainer, checkNetwork, checkPortRef, checkPostStart, checkPreStop } from './pod-props';

/**
 * One call per construct, first thing in its constructor: every prop checked for type, range and
 * form before anything is built (lib/validation/checker.ts says how), and a synth-time check that the
 * construct's objects do not collide with another construct's in the same chart (CKP823).
 */

function start(scope: Construct, constructType: string, props: unknown): { c: PropChecker; p: Record<string, any> } {
  const p = new PropChecker(scope, constructType).props(props as Record<string, any>);
  const c = new PropChecker(scope, constructType, Array.isArray(p.suppressions) ? p.suppressions : []);
  checkUniqueObjects(scope, constructType);
  return { c, p };
}

/** GracefulWebAppProps. */
export function validateGracefulWebAppProps(scope: Construct, props: unknown): void {
  const { c, p } = start(scope, 'GracefulWebApp', props);
  checkMainContainer(c, p, { restricted: true, resourcesRequired: true });
  c.port('port', p.port, 'CKP827', { required: true });
  c.portName('portName', p.portName);
  checkHealthCheck(c, 'readiness', p.readiness, { required: true });
  checkHealthCheck(c, 'liveness', p.liveness);
  checkDurations(c, p, {
    startupTimeout: { ruleId: 'CKP204', min: 1 }, minReady: {}, progressDeadline: { ruleId: 'CKP502', min: 1 },
    preStopDelay: { ruleId: 'CKP301' }, drainTimeout: { ruleId: 'CKP301' }, terminationGracePeriod: { ruleId: 'CKP301' },
  });
  c.count('replicas', p.replicas, 'CKP503');
  c.count('maxSurge', p.maxSurge, 'CKP501');
  c.int('revisionHistoryLimit', p.revisionHistoryLimit, 'CKP828');
  checkPreStop(c, 'preStop', p.preStop);
  checkPostStart(c, 'postStart', p.postStart);
  checkNetwork(c, p);
  c.port('servicePort', p.servicePort);
  checkPortRef(c, 'targetPort', p.targetPort);
  if (p.nodePort !== undefined && typeof p.nodePort !== 'number') c.fail('nodePort', p.nodePort, 'CKP803', `nodePort is ${typeof p.nodePort}, not a number`, 'give nodePort as a number from 30000 to 32767.');
  checkComposition(c, p, { sidecars: true });
  checkProductionProps(c, p, { webApp: true });
}

/** DevContainerProps. */
export function validateDevContainerProps(scope: Construct, props: unknown): void {
  const { c, p } = start(scope, 'DevContainer', props);
  const security = c.instance('security', p.security, DevSecurity, 'CKP830', { required: true, example: 'DevSecurity.restricted() or DevSecurity.sshdAsRoot()' })!;
  const runAs = security['runAs'] as Record<string, unknown>;
  if (security.isRestricted) {
    c.id('security runAsUser', runAs.runAsUser, { nonRoot: true });
    c.id('security runAsGroup', runAs.runAsGroup);
  }
  c.strings('security addCapabilities', security['addCapabilities'], 'CKP830');
  const owners = checkMainContainer(c, p, { restricted: false, resourcesRequired: false });
  for (const [prop, name] of [['lang', 'LANG'], ['timezone', 'TZ']]) {
    const owner = owners.get(name);
    if (p[prop] !== undefined && owner) c.fail(prop, p[prop], 'CKP904', `${prop} sets ${name}, which ${owner} also sets: one would silently replace the other`, `set ${name} in one place: the ${prop} prop or config.`);
  }
  c.each('startup', p.startup, (s, f) => {
    c.string(f, s, 'CKP905', { required: true, nonEmpty: true });
    const problem = programProblem(['sh', '-c', s]);
    if (problem) c.fail(f, s, 'CKP905', `${f} ${problem.replace(/^runs a sh -c script/, 'is a script')}`, 'write the step as a command line that sh accepts.');
  });
  const fg = c.instance('foreground', p.foreground, Foreground, 'CKP830', { example: 'Foreground.sshd()' });
  // Emptiness is CKP902's own check (with its message); here, every word a string (sshd's extraArgs too).
  if (fg) c.strings('foreground', fg['kind'].type === 'argv' ? fg['kind'].argv : [fg['kind'].path, ...fg['kind'].extraArgs], 'CKP902');
  c.string('shell', p.shell, 'CKP905', { nonEmpty: true });
  const interactive = c.boolean('interactive', p.interactive) ?? false;
  const ssh = c.boolean('ssh', p.ssh) ?? !interactive;
  const sshPort = c.port('sshPort', p.sshPort) ?? 22;
  const numbers = new Set<number>();
  const names = new Set<string>();
  c.each('ports', p.ports, (x, f) => {
    c.object(f, x, 'CKP830', { required: true });
    const n = c.port(`${f}.number`, x.number, 'CKP827', { required: true })!;
    const name = c.portName(`${f}.name`, x.name, 'CKP821', { required: true })!;
    if (numbers.has(n)) c.fail(`${f}.number`, n, 'CKP806', `${f}.number: port ${n} is declared twice`, 'declare each port once.');
    if (names.has(name)) c.fail(`${f}.name`, name, 'CKP821', `${f}.name: port name '${name}' is used twice`, 'give each port its own name.');
    numbers.add(n);
    names.add(name);
    if (x.nodePort !== undefined && typeof x.nodePort !== 'number') c.fail(`${f}.nodePort`, x.nodePort, 'CKP803', `${f}.nodePort is not a number`, 'give nodePort as a number from 30000 to 32767.');
  });
  if (ssh && security.isRestricted && sshPort < 1024) {
    c.fail('sshPort', sshPort, 'CKP906', `sshd on port ${sshPort} under DevSecurity.restricted(): a non-root process without capabilities cannot bind a port below 1024, so sshd exits`, 'use DevSecurity.sshdAsRoot(), or set sshPort (and its entry in ports) to 2222 or another port from 1024.');
  }
  const ws = c.object('workspace', p.workspace, 'CKP903');
  if (ws) {
    c.instance('workspace.size', ws.size, Size, 'CKP903', { required: true, example: 'Size.gibibytes(20)' });
    c.mountPath('workspace.mountPath', ws.mountPath);
    c.dnsSubdomain('workspace.storageClassName', ws.storageClassName);
    c.oneOf('workspace.accessMode', ws.accessMode, Object.values(kplus.PersistentVolumeAccessMode), 'CKP830');
    c.id('workspace.ownerGroup', ws.ownerGroup);
  }
  c.string('lang', p.lang, 'CKP830', { nonEmpty: true });
  c.string('timezone', p.timezone, 'CKP830', { nonEmpty: true });
  checkDurations(c, p, { startupTimeout: { ruleId: 'CKP204', min: 1 }, terminationGracePeriod: { ruleId: 'CKP828' } });
  checkNetwork(c, p);
  checkComposition(c, p, { sidecars: true });
  checkProductionProps(c, p, { webApp: false });
  if (ws) {
    // The claim's volume is added after the pod composition, which cannot see it coming.
    const mounts = [p.mounts, ...[...(p.initContainers ?? []), ...(p.sidecars ?? [])].map((s: any) => s.mounts)].flatMap(m => m ?? []);
    if (mounts.some((m: any) => m.volume.name === 'workspace')) c.fail('mounts', 'workspace', 'CKP808', 'mounts: a shared volume is named \'workspace\', the name of the workspace claim\'s volume', 'rename the shared volume.');
  }
}

/** JobBoundsProps and the rest of BatchWorkloadProps. */
function checkBatch(c: PropChecker, p: Record<string, any>): void {
  checkMainContainer(c, p, { restricted: true, resourcesRequired: true });
  c.duration('activeDeadline', p.activeDeadline, 'CKP601');
  c.duration('expectedRuntime', p.expectedRuntime, 'CKP612', { min: 1 });
  c.count('backoffLimit', p.backoffLimit, 'CKP610');
  c.count('completions', p.completions, 'CKP610');
  c.count('parallelism', p.parallelism, 'CKP610');
  c.oneOf('restartPolicy', p.restartPolicy, Object.values(kplus.RestartPolicy), 'CKP608');
  c.each('nonRetryableExitCodes', p.nonRetryableExitCodes, (x, f) => c.count(f, x ?? null, 'CKP609'), { ruleId: 'CKP609' });
  c.boolean('ignoreDisruptions', p.ignoreDisruptions, 'CKP609');
  checkEgress(c, p.egress);
  checkComposition(c, p, { sidecars: false });
  checkProductionProps(c, p, { webApp: false });
}

/** BoundedJobProps. */
export function validateBoundedJobProps(scope: Construct, props: unknown): void {
  const { c, p } = start(scope, 'BoundedJob', props);
  checkBatch(c, p);
  c.duration('ttlAfterFinished', p.ttlAfterFinished, 'CKP603');
}

/** BoundedCronJobProps. */
export function validateBoundedCronJobProps(scope: Construct, props: unknown): void {
  const { c, p } = start(scope, 'BoundedCronJob', props);
  if (!(p.schedule instanceof Cron)) c.string('schedule', p.schedule, 'CKP605', { required: true });
  c.string('timeZone', p.timeZone, 'CKP606');
  c.oneOf('concurrencyPolicy', p.concurrencyPolicy, Object.values(kplus.ConcurrencyPolicy), 'CKP604');
  c.duration('startingDeadline', p.startingDeadline, 'CKP613');
  c.count('successfulJobsRetained', p.successfulJobsRetained, 'CKP610');
  c.count('failedJobsRetained', p.failedJobsRetained, 'CKP610');
  c.boolean('suspend', p.suspend);
  checkBatch(c, p);
}

const CHECKED_CHARTS = new WeakSet<Chart>();

/**
 * At synth: fails (CKP823) when two objects of the chart have one identity (group, kind, namespace,
 * name), e.g. two constructs given the same `name`. One validation per chart, however many constructs
 * register it, so a chart of N constructs costs one pass.
 */
function checkUniqueObjects(scope: Construct, constructType: string): void {
  const chart = Chart.of(scope);
  if (CHECKED_CHARTS.has(chart)) return;
  CHECKED_CHARTS.add(chart);
  chart.node.addValidation({
    validate: () => {
      const first = new Map<string, ApiObject>();
      const errors: string[] = [];
      for (const o of chart.node.findAll()) {
        if (!ApiObject.isApiObject(o)) continue;
        const id = identity(o, chart.namespace);
        const other = first.get(id);
        if (other === undefined) {
          first.set(id, o);
          continue;
        }
        const owner = ownerOf(o) ?? { path: o.node.path, type: constructType };
        errors.push(formatProblem({
          construct: owner.type, path: owner.path, field: 'name', value: o.name, ruleId: 'CKP823',
          problem: `${o.kind} '${o.name}' is also written by '${other.node.path}': the API server keeps one object per kind, namespace and name, so one silently replaces the other (at name)`,
          fix: 'give each construct its own name (the `name` prop or the construct id).',
        }));
      }
      return errors;
    },
  });
}

/** The nearest enclosing construct with a RuleGuard (one of ours), for the message. */
function ownerOf(o: IConstruct): { path: string; type: string } | undefined {
  for (let c: IConstruct | undefined = o.node.scope; c; c = c.node.scope) {
    const rules = (c as { rules?: { constructType?: unknown } }).rules;
    if (typeof rules?.constructType === 'string') return { path: c.node.path, type: rules.constructType };
  }
  return undefined;
}

/** An object's identity from its construct, without rendering it (this runs once per construct per synth). */
function identity(o: ApiObject, defaultNamespace?: string): string {
  return objectIdentity({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.name, namespace: o.metadata.namespace ?? defaultNamespace } });
}
