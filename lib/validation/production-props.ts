import { PropChecker } from './checker';

/**
 * The JavaScript shape of the production props (issue 12: autoscaling, Ingress, ports, secret env,
 * scheduling, metadata, Service settings, service accounts, /tmp size), checked with the rest of the
 * props before anything is built. Their forms and ranges (hostnames, label keys, replica counts, …)
 * are checked where each feature is built, in lib/pod/ (prop-checks.ts and the feature files), with
 * the rule ids below; here only that an object is an object, a list a list, a map a map of strings.
 */
export function checkProductionProps(c: PropChecker, p: Record<string, any>, opts: { webApp: boolean }): void {
  // Every construct.
  c.each('envFrom', p.envFrom, (x, f) => c.object(f, x, 'CKP826', { required: true }), { ruleId: 'CKP826' });
  const secretEnv = c.object('secretEnv', p.secretEnv, 'CKP826');
  for (const [name, ref] of Object.entries(secretEnv ?? {})) c.object(`secretEnv[${JSON.stringify(name)}]`, ref, 'CKP826', { required: true });
  for (const key of ['labels', 'annotations', 'podLabels', 'podAnnotations']) c.stringMap(key, p[key], 'CKP840');
  const scheduling = c.object('scheduling', p.scheduling, 'CKP846');
  if (scheduling) {
    c.stringMap('scheduling.nodeSelector', scheduling.nodeSelector, 'CKP846');
    c.each('scheduling.tolerations', scheduling.tolerations, (x, f) => c.object(f, x, 'CKP846', { required: true }), { ruleId: 'CKP846' });
  }
  c.object('serviceAccount', p.serviceAccount, 'CKP826');
  c.size('tmpSize', p.tmpSize, 'CKP510', { min: 1 });
  if (!opts.webApp) return;
  // GracefulWebApp only.
  c.object('autoscaling', p.autoscaling, 'CKP506');
  c.object('disruption', p.disruption, 'CKP509');
  c.object('spread', p.spread, 'CKP846');
  const ingress = c.object('ingress', p.ingress, 'CKP841');
  if (ingress) {
    c.each('ingress.hosts', ingress.hosts, (h, f) => c.string(f, h, 'CKP841', { required: true }), { ruleId: 'CKP841', required: true });
    c.stringMap('ingress.annotations', ingress.annotations, 'CKP840');
  }
  c.each('ports', p.ports, (x, f) => c.object(f, x, 'CKP821', { required: true }), { ruleId: 'CKP821' });
  c.stringMap('serviceAnnotations', p.serviceAnnotations, 'CKP840');
  c.string('externalTrafficPolicy', p.externalTrafficPolicy, 'CKP843', { nonEmpty: true });
  c.strings('loadBalancerSourceRanges', p.loadBalancerSourceRanges, 'CKP843');
}
