import { App, Chart, Size, Testing } from 'cdk8s';
import { DevContainer, DevSecurity, GracefulWebApp, kplus, PodSecurityLevel, SecureNamespace } from '../../lib';
import { podExceedsNamespacePss } from '../../lib/rules/security/pod-exceeds-namespace-pss';
import { deployment } from '../rules/fixtures';
import { webBase } from '../pod/web-app-helpers';

describe('SecureNamespace', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new SecureNamespace(chart, 'shop', { quota: { requestsCpu: kplus.Cpu.units(4), requestsMemory: Size.gibibytes(8), pods: 20 } });
  const out = Testing.synth(chart);
  const of = (kind: string) => out.find(o => o.kind === kind);

  test('Namespace with the restricted level enforced, audited and warned, pinned to v1.27; no namespace of its own', () => {
    const ns = of('Namespace');
    expect(ns.metadata.name).toBe('shop');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop',
      'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.27',
      'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.27',
      'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.27',
    });
  });

  test('default-deny NetworkPolicy for both directions, in the namespace', () => {
    expect(of('NetworkPolicy')).toMatchObject({ metadata: { name: 'default-deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    expect(of('NetworkPolicy').spec.ingress).toBeUndefined();
  });

  test('LimitRange defaults and the ResourceQuota', () => {
    expect(of('LimitRange').spec.limits).toEqual([{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }]);
    expect(of('ResourceQuota').spec.hard).toEqual({ 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '4', 'limits.memory': '8Gi', 'pods': 20 });
  });

  test('a GracefulWebApp fits the restricted level', () => {
    const a = new App();
    const c = new Chart(a, 'c', { namespace: 'shop' });
    new SecureNamespace(c, 'shop');
    const web = new GracefulWebApp(c, 'web', webBase);
    const objs = Testing.synth(c);
    expect(podExceedsNamespacePss.check(objs.find(o => o.kind === 'Deployment'), { objects: objs })).toEqual([]);
    expect(web.rules.findings().filter(f => f.rule.id === 'CKP731')).toEqual([]);
  });

  test('a DevContainer whose relaxations need baseline fails synth in a restricted namespace, naming each relaxation and level', () => {
    const a = new App();
    const c = new Chart(a, 'c', { namespace: 'shop' });
    new SecureNamespace(c, 'shop');
    new DevContainer(c, 'box', { image: 'ubuntu:22.04', security: DevSecurity.sshdAsRoot({ sudo: true }) });
    expect(() => Testing.synth(c)).toThrow(/security profile sshdAsRoot cannot run in namespace 'shop', which enforces Pod Security level 'restricted': runAsRoot needs 'baseline', capabilities needs 'baseline', privilegeEscalation needs 'baseline' \[CKP731\]/);
  });

  test('the same box is fine in a baseline namespace, and a restricted box anywhere', () => {
    const a = new App();
    const c = new Chart(a, 'c', { namespace: 'dev' });
    new SecureNamespace(c, 'dev', { enforce: PodSecurityLevel.BASELINE });
    new DevContainer(c, 'box', { image: 'ubuntu:22.04', security: DevSecurity.sshdAsRoot() });
    expect(() => Testing.synth(c)).not.toThrow();
    const c2 = new Chart(a, 'c2', { namespace: 'shop' });
    new SecureNamespace(c2, 'shop');
    new DevContainer(c2, 'box', { image: 'ubuntu:22.04', security: DevSecurity.restricted(), ssh: false, interactive: true });
    expect(() => Testing.synth(c2)).not.toThrow();
  });

  test.each([[{ name: 'Shop' }, 'CKP801'], [{ version: '1.27' }, 'CKP840'], [{ quota: { requestsCpu: kplus.Cpu.units(1), requestsMemory: Size.gibibytes(1), pods: 0 } }, 'CKP840']])('refused: %j → %s', (props, id) => {
    expect(() => new SecureNamespace(new Chart(new App(), 'x'), 'ns', props as any)).toThrow(new RegExp(`\\[${id}\\]`));
  });
});

describe('CKP731 pod-exceeds-namespace-pss', () => {
  const ns = (level: string) => ({ kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': level } } });
  test('a root pod in a restricted namespace', () => {
    const d = deployment({}, {}, { namespace: 'shop' });
    const v = podExceedsNamespacePss.check(d, { objects: [ns('restricted'), d] });
    expect(v.map(x => x.message).join('\n')).toMatch(/may run as root|allows privilege escalation|seccomp/);
    expect(v.every(x => /needs Pod Security level 'baseline', but namespace 'shop' enforces 'restricted'/.test(x.message))).toBe(true);
  });
  test('hostNetwork needs privileged, even in a baseline namespace', () => {
    const d = deployment({ hostNetwork: true }, {}, { namespace: 'shop' });
    expect(podExceedsNamespacePss.check(d, { objects: [ns('baseline')] }).map(v => v.field)).toEqual(['spec.template.spec.hostNetwork']);
  });
  test('no Namespace object, or privileged: nothing to check', () => {
    const d = deployment({ hostNetwork: true }, {}, { namespace: 'shop' });
    expect(podExceedsNamespacePss.check(d, { objects: [] })).toEqual([]);
    expect(podExceedsNamespacePss.check(d, { objects: [ns('privileged')] })).toEqual([]);
  });
});
