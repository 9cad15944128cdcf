import { Chart, Duration, Size, Testing } from 'cdk8s';
import { BoundedJob, DevContainer, DevSecurity, GracefulWebApp, HealthCheck, kplus, PatternError } from '../../lib';

// Issue 12's props (autoscaling, ingress, ports, secret env, scheduling, metadata, Service settings,
// service accounts, /tmp size) given the wrong JavaScript type: refused with the prop's name and a rule
// id before anything is built (lib/validation/production-props.ts), never a raw TypeError.
const resources = { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(128) } };
const build: Record<string, (extra: Record<string, unknown>) => void> = {
  GracefulWebApp: extra => new GracefulWebApp(new Chart(Testing.app(), 'c'), 'web', { image: 'r/web:1.0.0', port: 8080, readiness: HealthCheck.httpGet('/healthz'), resources, ...extra } as any),
  DevContainer: extra => new DevContainer(new Chart(Testing.app(), 'c'), 'box', { image: 'r/dev:1.0.0', security: DevSecurity.sshdAsRoot(), ...extra } as any),
  BoundedJob: extra => new BoundedJob(new Chart(Testing.app(), 'c'), 'job', { image: 'r/job:1.0.0', activeDeadline: Duration.minutes(5), resources, ...extra } as any),
};
const EVERY = ['envFrom', 'secretEnv', 'labels', 'annotations', 'podLabels', 'podAnnotations', 'scheduling', 'serviceAccount', 'tmpSize'];
const WEB_ONLY = ['autoscaling', 'disruption', 'spread', 'ingress', 'ports', 'serviceAnnotations', 'externalTrafficPolicy', 'loadBalancerSourceRanges'];
const WRONG: unknown[] = ['x', 5, true, [], [1], { a: 1 }, null];

function refusal(run: () => void): PatternError | string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    return e instanceof PatternError ? e : `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

describe.each([
  ...Object.keys(build).flatMap(construct => EVERY.map(prop => [construct, prop] as const)),
  ...WEB_ONLY.map(prop => ['GracefulWebApp', prop] as const),
])('%s %s', (construct, prop) => {
  test('every wrong type is a PatternError (or, for a value of the right shape, accepted)', () => {
    for (const wrong of WRONG) {
      const r = refusal(() => build[construct]({ [prop]: wrong }));
      if (typeof r === 'string') expect(`${JSON.stringify(wrong)}: ${r}`).toMatch(/: accepted$/);
      else expect(r.ruleId).toMatch(/^CKP\d{3}$/);
    }
  });
  test('a scalar where an object, list or map belongs names the prop', () => {
    const r = refusal(() => build[construct]({ [prop]: prop === 'externalTrafficPolicy' ? 5 : 'x' }));
    expect(r).toBeInstanceOf(PatternError);
    expect((r as PatternError).message).toContain(prop);
  });
});

test('rule ids follow the feature: ingress hosts CKP841, ports CKP821, metadata CKP840', () => {
  const id = (extra: Record<string, unknown>) => (refusal(() => build.GracefulWebApp(extra)) as PatternError).ruleId;
  expect(id({ ingress: { tlsSecret: 'tls' } })).toBe('CKP841');
  expect(id({ ports: ['metrics'] })).toBe('CKP821');
  expect(id({ labels: { team: 5 } })).toBe('CKP840');
});

// Found by the fuzz (test/fuzz, one bad prop in an otherwise valid set): each was a raw TypeError or
// cdk8s error, or a manifest the API server rejects, before the leaves of these props were checked.
describe.each([
  ['GracefulWebApp', { autoscaling: { maxReplicas: 4, cpuUtilization: 70, scaleDownStabilization: 300 } }, 'CKP506', 'autoscaling.scaleDownStabilization'],
  ['GracefulWebApp', { autoscaling: { maxReplicas: 4, cpuUtilization: 70, scaleDownStabilization: Duration.millis(1500) } }, 'CKP506', 'autoscaling.scaleDownStabilization'],
  ['GracefulWebApp', { autoscaling: { maxReplicas: 2147483648, cpuUtilization: 70 } }, 'CKP506', 'autoscaling.maxReplicas'],
  ['GracefulWebApp', { disruption: { maxUnavailable: 2147483648 } }, 'CKP509', 'disruption.maxUnavailable'],
  ['GracefulWebApp', { ingress: { hosts: ['a.example.com'], tlsSecret: 'tls', paths: '/' } }, 'CKP841', 'ingress.paths'],
  ['GracefulWebApp', { ingress: { hosts: ['a.example.com'], tlsSecret: 'tls', paths: [null] } }, 'CKP841', 'ingress.paths[0]'],
  ['GracefulWebApp', { ingress: { hosts: ['a.example.com'], tlsSecret: 'tls', paths: [{ path: 5 }] } }, 'CKP841', 'ingress.paths[0].path'],
  ['GracefulWebApp', { ingress: { hosts: ['a.example.com'], tlsSecret: 'tls', paths: [{ path: '/a', pathType: 'Regex' }] } }, 'CKP841', 'ingress.paths[0].pathType'],
  ['GracefulWebApp', { ingress: { hosts: ['a.example.com'], tlsSecret: 'tls', controllerFrom: [{}] } }, 'CKP830', 'ingress.controllerFrom[0]'],
  ['GracefulWebApp', { ports: [{ name: 'metrics', port: 9100, ingressFrom: 'prometheus' }] }, 'CKP830', 'ports[0].ingressFrom'],
  ['GracefulWebApp', { ports: [{ name: 'metrics', port: 9100, service: 'yes' }] }, 'CKP830', 'ports[0].service'],
  ['GracefulWebApp', { spread: { topologyKeys: 'zone' } }, 'CKP846', 'spread.topologyKeys'],
  ['GracefulWebApp', { spread: { topologyKeys: [5] } }, 'CKP846', 'spread.topologyKeys[0]'],
  ['BoundedJob', { envFrom: [{ secret: 's', prefix: 5 }] }, 'CKP820', 'envFrom[0].prefix'],
  ['BoundedJob', { envFrom: [{ secret: 's', prefix: '1X_' }] }, 'CKP820', 'envFrom[0].prefix'],
  ['BoundedJob', { envFrom: [{ configMap: 'c', optional: 'yes' }] }, 'CKP830', 'envFrom[0].optional'],
  ['DevContainer', { secretEnv: { DB_PASSWORD: { secret: 's', key: 'k', optional: 'yes' } } }, 'CKP830', 'secretEnv["DB_PASSWORD"].optional'],
  ['DevContainer', { secretEnv: { DB_PASSWORD: { secret: 's', key: 5 } } }, 'CKP802', 'secretEnv["DB_PASSWORD"].key'],
  ['DevContainer', { secretEnv: { '2FA': { secret: 's', key: 'k' } } }, 'CKP820', 'secretEnv name'],
  ['BoundedJob', { scheduling: { tolerations: [{ key: 5 }] } }, 'CKP846', 'scheduling.tolerations[0].key'],
  ['BoundedJob', { scheduling: { tolerations: [{ key: 'k', effect: 'Sometimes' }] } }, 'CKP846', 'scheduling.tolerations[0].effect'],
  ['BoundedJob', { scheduling: { tolerations: [{ key: 'k', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: 60 }] } }, 'CKP846', 'scheduling.tolerations[0].evictAfter'],
  ['BoundedJob', { scheduling: { tolerations: [{ key: 'k', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.millis(1500) }] } }, 'CKP846', 'scheduling.tolerations[0].evictAfter'],
  ['DevContainer', { scheduling: { requiredNodeAffinity: 'zone=a' } }, 'CKP846', 'scheduling.requiredNodeAffinity'],
  ['DevContainer', { scheduling: { requiredNodeAffinity: [{ key: 'zone' }] } }, 'CKP846', 'scheduling.requiredNodeAffinity[0]'],
  ['BoundedJob', { scheduling: { preferredNodeAffinity: [null] } }, 'CKP846', 'scheduling.preferredNodeAffinity[0]'],
  ['BoundedJob', { scheduling: { preferredNodeAffinity: [{ weight: 10 }] } }, 'CKP846', 'scheduling.preferredNodeAffinity[0].match'],
  // With CKP730 suppressed, mountToken: 1 was written as automountServiceAccountToken: 1 (not a boolean).
  ['BoundedJob', { serviceAccount: { name: 'reader', mountToken: 1 }, suppressions: [{ id: 'CKP730', reason: 'reads its own ConfigMaps' }] }, 'CKP730', 'serviceAccount.mountToken'],
] as const)('%s %j', (construct, props, ruleId, field) => {
  test(`refused with ${ruleId} naming ${field}`, () => {
    const r = refusal(() => build[construct](props));
    expect(r).toBeInstanceOf(PatternError);
    expect((r as PatternError).ruleId).toBe(ruleId);
    expect((r as PatternError).message).toContain(field);
  });
});

test('tmpSize on a DevContainer without a read-only root (no /tmp volume) is refused, not silently ignored', () => {
  const r = refusal(() => build.DevContainer({ tmpSize: Size.gibibytes(1) }));
  expect((r as PatternError).ruleId).toBe('CKP830');
  expect((r as PatternError).message).toContain('tmpSize');
  const c = new Chart(Testing.app(), 'c');
  new DevContainer(c, 'box', { image: 'r/dev:1.0.0', security: DevSecurity.restricted(), sshPort: 2222, ports: [{ number: 2222, name: 'ssh' }], tmpSize: Size.gibibytes(1) });
  const pod = Testing.synth(c).find(o => o.kind === 'Deployment').spec.template.spec;
  expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '1024Mi' } });
});
