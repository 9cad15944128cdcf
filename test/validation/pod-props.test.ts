import { Chart, Duration, Size, Testing } from 'cdk8s';
import { BoundedJob, DevContainer, DevSecurity, GracefulWebApp, HealthCheck, kplus, PatternError, SharedVolume } from '../../lib';

// Found by the fuzz (test/fuzz): ephemeral-storage of any container and the options of Secret and
// PVC volumes reached cdk8s-plus unchecked: a raw TypeError or cdk8s error, or a manifest the API
// server rejects (`optional: 'yes'`). Now each is a PatternError naming the field.
const requests = { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(128) };
const build: Record<string, (extra: Record<string, unknown>) => void> = {
  GracefulWebApp: extra => new GracefulWebApp(new Chart(Testing.app(), 'c'), 'web', { image: 'r/web:1.0.0', port: 8080, readiness: HealthCheck.httpGet('/healthz'), resources: { requests }, ...extra } as any),
  DevContainer: extra => new DevContainer(new Chart(Testing.app(), 'c'), 'box', { image: 'r/dev:1.0.0', security: DevSecurity.sshdAsRoot(), ...extra } as any),
  BoundedJob: extra => new BoundedJob(new Chart(Testing.app(), 'c'), 'job', { image: 'r/job:1.0.0', activeDeadline: Duration.minutes(5), resources: { requests }, ...extra } as any),
};
const devResources = (ephemeralStorage: unknown) => ({ requests: { ...requests, ephemeralStorage }, limits: { memory: Size.gibibytes(1) } });
const sidecar = { name: 'proxy', image: 'r/proxy:1.0.0', readiness: HealthCheck.exec(['true']) };

test.each([
  ['DevContainer', { resources: devResources(Size.mebibytes(500)) }, 'CKP510', 'resources.requests.ephemeralStorage'],
  ['DevContainer', { resources: devResources('1Gi') }, 'CKP510', 'resources.requests.ephemeralStorage'],
  ['BoundedJob', { resources: { requests, limits: { memory: Size.gibibytes(1), ephemeralStorage: 1 } } }, 'CKP510', 'resources.limits.ephemeralStorage'],
  ['GracefulWebApp', { sidecars: [{ ...sidecar, resources: { requests: { ...requests, ephemeralStorage: Size.mebibytes(1536) } } }] }, 'CKP510', 'sidecars[0].resources.requests.ephemeralStorage'],
  ['BoundedJob', { initContainers: [{ name: 'prep', image: 'r/prep:1.0.0', resources: { requests: { ...requests, ephemeralStorage: Size.gibibytes(0) } } }] }, 'CKP510', 'initContainers[0].resources.requests.ephemeralStorage'],
  ['BoundedJob', { mounts: [SharedVolume.secret('s', 'tls', { optional: 'yes' as any }).at('/s')] }, 'CKP808', 'mounts[0].volume optional'],
  ['DevContainer', { mounts: [SharedVolume.persistentVolumeClaim('p', 'data', { readOnly: 'no' as any }).at('/p')] }, 'CKP808', 'mounts[0].volume readOnly'],
  ['GracefulWebApp', { mounts: [SharedVolume.secret('s', 5 as any).at('/s')] }, 'CKP826', 'mounts[0].volume secretName'],
] as const)('%s %j: %s naming %s', (construct, props, ruleId, field) => {
  let error: unknown;
  try {
    build[construct](props);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PatternError);
  expect((error as PatternError).ruleId).toBe(ruleId);
  expect((error as PatternError).message).toContain(field);
});

test('whole GiB of ephemeral-storage in a sidecar are written', () => {
  const c = new Chart(Testing.app(), 'c');
  new GracefulWebApp(c, 'web', { image: 'r/web:1.0.0', port: 8080, readiness: HealthCheck.httpGet('/healthz'), resources: { requests }, sidecars: [{ ...sidecar, resources: { requests: { ...requests, ephemeralStorage: Size.gibibytes(2) } } }] });
  const proxy = Testing.synth(c).find(o => o.kind === 'Deployment').spec.template.spec.containers.find((x: any) => x.name === 'proxy');
  expect(proxy.resources.requests['ephemeral-storage']).toBe('2Gi');
});
