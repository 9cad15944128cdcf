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
