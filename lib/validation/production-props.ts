import * as kplus from '../plus';
import { PropChecker } from './checker';
import { checkPeer } from './pod-props';

/**
 * The JavaScript shape of the production props (issue 12: autoscaling, Ingress, ports, secret env,
 * scheduling, metadata, Service settings, service accounts, /tmp size), checked with the rest of the
 * props before anything is built. Their forms and ranges (hostnames, label keys, replica counts, …)
 * are checked where each feature is built, in lib/pod/ (prop-checks.ts and the feature files), with
 * the rule ids below; here that an object is an object, a list a list, a map a map of strings, a
 * flag true or false, a Duration whole seconds and a count an int32: every field down to the leaves,
 * so the feature code never meets a value of the wrong type.
 */
export function checkProductionProps(c: PropChecker, p: Record<string, any>, opts: { webApp: boolean }): void {
  // Every construct.
  c.each('envFrom', p.envFrom, (x, f) => {
    c.object(f, x, 'CKP826', { required: true });
    c.string(`${f}.secret`, x.secret, 'CKP826');
    c.string(`${f}.configMap`, x.configMap, 'CKP826');
    // The prefix starts every variable's name, so it is held to an env var name's form.
    if (x.prefix !== undefined) c.envVarName(`${f}.prefix`, x.prefix);
    c.boolean(`${f}.optional`, x.optional);
  }, { ruleId: 'CKP826' });
  const secretEnv = c.object('secretEnv', p.secretEnv, 'CKP826');
  for (const [name, ref] of Object.entries(secretEnv ?? {})) {
    const f = `secretEnv[${JSON.stringify(name)}]`;
    c.envVarName('secretEnv name', name);
    c.object(f, ref, 'CKP826', { required: true });
    c.string(`${f}.secret`, ref.secret, 'CKP826', { required: true });
    c.string(`${f}.key`, ref.key, 'CKP802', { required: true });
    c.boolean(`${f}.optional`, ref.optional);
  }
  for (const key of ['labels', 'annotations', 'podLabels', 'podAnnotations']) c.stringMap(key, p[key], 'CKP840');
  checkSchedulingShape(c, p.scheduling);
  const sa = c.object('serviceAccount', p.serviceAccount, 'CKP826');
  if (sa) {
    c.string('serviceAccount.name', sa.name, 'CKP826');
    c.boolean('serviceAccount.create', sa.create);
    c.boolean('serviceAccount.mountToken', sa.mountToken, 'CKP730');
  }
  c.size('tmpSize', p.tmpSize, 'CKP510', { min: 1 });
  // Only a read-only root filesystem gets the /tmp emptyDir; a relaxed DevContainer writes /tmp to its own root, so the size would be ignored.
  if (p.tmpSize !== undefined && c.constructType === 'DevContainer' && p.security?.isRestricted === false) {
    c.fail('tmpSize', p.tmpSize, 'CKP830', 'tmpSize sizes the /tmp emptyDir of a read-only root filesystem, but this DevContainer\'s security keeps the root filesystem writable and mounts no /tmp volume: the size would be silently ignored', 'remove tmpSize, or use DevSecurity.restricted().');
  }
  if (!opts.webApp) return;
  // GracefulWebApp only.
  const hpa = c.object('autoscaling', p.autoscaling, 'CKP506');
  if (hpa) {
    c.int('autoscaling.minReplicas', hpa.minReplicas, 'CKP506', { min: 1 });
    c.int('autoscaling.maxReplicas', hpa.maxReplicas, 'CKP506', { min: 1, required: true });
    c.int('autoscaling.cpuUtilization', hpa.cpuUtilization, 'CKP508', { min: 1 });
    c.int('autoscaling.memoryUtilization', hpa.memoryUtilization, 'CKP508', { min: 1 });
    c.duration('autoscaling.scaleDownStabilization', hpa.scaleDownStabilization, 'CKP506', { max: 3600 });
  }
  const budget = c.object('disruption', p.disruption, 'CKP509');
  for (const key of ['maxUnavailable', 'minAvailable']) {
    // A count is an int32; a string's form ('25%') is checked where the budget is built.
    const v = budget?.[key];
    if (typeof v === 'number') c.int(`disruption.${key}`, v, 'CKP509');
    else if (v !== undefined && typeof v !== 'string') c.fail(`disruption.${key}`, v, 'CKP509', `disruption.${key} is ${JSON.stringify(v) ?? String(v)}, neither a count nor a percentage`, 'use e.g. 1 or \'25%\'.');
  }
  const spread = c.object('spread', p.spread, 'CKP846');
  if (spread) c.strings('spread.topologyKeys', spread.topologyKeys, 'CKP846');
  const ingress = c.object('ingress', p.ingress, 'CKP841');
  if (ingress) {
    c.each('ingress.hosts', ingress.hosts, (h, f) => c.string(f, h, 'CKP841', { required: true }), { ruleId: 'CKP841', required: true });
    c.each('ingress.paths', ingress.paths, (x, f) => {
      c.object(f, x, 'CKP841', { required: true });
      c.string(`${f}.path`, x.path, 'CKP841', { required: true });
      c.oneOf(`${f}.pathType`, x.pathType, Object.values(kplus.HttpIngressPathType), 'CKP841');
    }, { ruleId: 'CKP841' });
    c.string('ingress.tlsSecret', ingress.tlsSecret, 'CKP826');
    c.string('ingress.className', ingress.className, 'CKP826');
    c.stringMap('ingress.annotations', ingress.annotations, 'CKP840');
    c.each('ingress.controllerFrom', ingress.controllerFrom, (x, f) => checkPeer(c, f, x));
  }
  c.each('ports', p.ports, (x, f) => {
    c.object(f, x, 'CKP821', { required: true });
    c.boolean(`${f}.service`, x.service);
    c.each(`${f}.ingressFrom`, x.ingressFrom, (peer, pf) => checkPeer(c, pf, peer));
  }, { ruleId: 'CKP821' });
  c.stringMap('serviceAnnotations', p.serviceAnnotations, 'CKP840');
  c.string('externalTrafficPolicy', p.externalTrafficPolicy, 'CKP843', { nonEmpty: true });
  c.strings('loadBalancerSourceRanges', p.loadBalancerSourceRanges, 'CKP843');
}

/** `scheduling`: its maps and lists, each toleration's fields, the node label queries (cdk8s-plus objects). */
function checkSchedulingShape(c: PropChecker, v: unknown): void {
  const scheduling = c.object('scheduling', v, 'CKP846');
  if (!scheduling) return;
  c.stringMap('scheduling.nodeSelector', scheduling.nodeSelector, 'CKP846');
  c.each('scheduling.tolerations', scheduling.tolerations, (t, f) => {
    c.object(f, t, 'CKP846', { required: true });
    c.string(`${f}.key`, t.key, 'CKP846');
    c.string(`${f}.value`, t.value, 'CKP846');
    c.oneOf(`${f}.effect`, t.effect, Object.values(kplus.TaintEffect), 'CKP846');
    c.duration(`${f}.evictAfter`, t.evictAfter, 'CKP846');
  }, { ruleId: 'CKP846' });
  const query = (x: unknown, f: string) => c.instance(f, x, kplus.NodeLabelQuery, 'CKP846', { required: true, example: 'kplus.NodeLabelQuery.in(key, values)' });
  c.each('scheduling.requiredNodeAffinity', scheduling.requiredNodeAffinity, query, { ruleId: 'CKP846' });
  c.each('scheduling.preferredNodeAffinity', scheduling.preferredNodeAffinity, (x, f) => {
    c.object(f, x, 'CKP846', { required: true });
    c.int(`${f}.weight`, x.weight, 'CKP846', { min: 1, max: 100, required: true });
    c.each(`${f}.match`, x.match, query, { ruleId: 'CKP846', required: true });
  }, { ruleId: 'CKP846' });
}
