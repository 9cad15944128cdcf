import { Size } from 'cdk8s';
import { kplus, SharedVolume } from '../../lib';
import { ephemeralStorageInvalid } from '../../lib/rules/resources/ephemeral-storage-invalid';
import { resourceQuantityInvalid } from '../../lib/rules/resources/resource-quantity-invalid';
import { container, deployment } from '../rules/fixtures';
import { ruleIdOf, synthWebApp, webBase } from './web-app-helpers';

describe('SharedVolume.secret and SharedVolume.persistentVolumeClaim', () => {
  const certs = SharedVolume.secret('certs', 'shop-client-tls', { defaultMode: 0o400 });
  const media = SharedVolume.persistentVolumeClaim('media', 'shop-media', { readOnly: true });
  const { of, out } = synthWebApp({ mounts: [certs.at('/etc/shop/tls', { readOnly: true }), media.at('/srv/media', { readOnly: true })] });
  const pod = of('Deployment').spec.template.spec;

  test('the pod names the Secret and the claim; nothing of them is written', () => {
    expect(pod.volumes).toContainEqual({ name: 'certs', secret: { secretName: 'shop-client-tls', defaultMode: 0o400 } });
    expect(pod.volumes).toContainEqual({ name: 'media', persistentVolumeClaim: { claimName: 'shop-media', readOnly: true } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'certs', mountPath: '/etc/shop/tls', readOnly: true });
    expect(out.map(o => o.kind)).not.toContain('Secret');
    expect(out.map(o => o.kind)).not.toContain('PersistentVolumeClaim');
  });

  test.each([
    [SharedVolume.secret('certs', 'Bad_Name'), 'CKP826'],
    [SharedVolume.persistentVolumeClaim('data', 'data claim'), 'CKP826'],
    [SharedVolume.secret('certs', 'tls', { defaultMode: 0o1000 }), 'CKP808'],
  ])('refused: %p → %s', (volume, id) => {
    expect(ruleIdOf(() => synthWebApp({ mounts: [volume.at('/data')] }))).toBe(id);
  });
});

describe('ephemeral-storage and the /tmp size', () => {
  test('requests and limits for ephemeral-storage; QoS still Guaranteed', () => {
    const { of, app } = synthWebApp({ resources: { requests: { ...webBase.resources.requests, ephemeralStorage: Size.gibibytes(1) } } });
    expect(of('Deployment').spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '1Gi' },
    });
    expect(app.qosClass).toBe('Guaranteed');
  });

  test('a limit above the request', () => {
    const { of } = synthWebApp({ resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256), ephemeralStorage: Size.gibibytes(1) }, limits: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256), ephemeralStorage: Size.gibibytes(2) } } });
    const r = of('Deployment').spec.template.spec.containers[0].resources;
    expect([r.requests['ephemeral-storage'], r.limits['ephemeral-storage']]).toEqual(['1Gi', '2Gi']);
  });

  test('a request above the limit fails synth with CKP402', () => {
    expect(ruleIdOf(() => synthWebApp({ resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256), ephemeralStorage: Size.gibibytes(4) }, limits: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256), ephemeralStorage: Size.gibibytes(1) } } }))).toBe('CKP402');
  });

  test('CKP510: fractions of a GiB cannot be rendered; /tmp may not outgrow the ephemeral-storage limit', () => {
    expect(ruleIdOf(() => synthWebApp({ resources: { requests: { ...webBase.resources.requests, ephemeralStorage: Size.mebibytes(512) } } }))).toBe('CKP510');
    expect(ruleIdOf(() => synthWebApp({ tmpSize: Size.gibibytes(2), resources: { requests: { ...webBase.resources.requests, ephemeralStorage: Size.gibibytes(1) } } }))).toBe('CKP510');
  });

  test('tmpSize sets the /tmp emptyDir limit; the default stays 64Mi', () => {
    expect(synthWebApp({ tmpSize: Size.mebibytes(512) }).of('Deployment').spec.template.spec.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '512Mi' } });
    expect(synthWebApp().of('Deployment').spec.template.spec.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
  });
});

describe('CKP510 ephemeral-storage-invalid', () => {
  const res = (limit: string) => ({ requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': limit }, limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': limit } });
  test('an emptyDir larger than the pod\'s limit; a zero amount', () => {
    const d = deployment({ containers: [container({ resources: res('1Gi') })], volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '2Gi' } }] });
    expect(ephemeralStorageInvalid.check(d, { objects: [] })[0].field).toBe('spec.template.spec.volumes[0].emptyDir.sizeLimit');
    const zero = deployment({ containers: [container({ resources: res('0') })] });
    expect(ephemeralStorageInvalid.check(zero, { objects: [] })).toHaveLength(2);
  });
  test('a negative or malformed amount is CKP829\'s alone, not reported twice', () => {
    for (const bad of ['-1Gi', '1 Gi']) {
      const d = deployment({ containers: [container({ resources: res(bad) })] });
      expect(ephemeralStorageInvalid.check(d, { objects: [] })).toEqual([]);
      expect(resourceQuantityInvalid.check(d, { objects: [] }).map(v => v.field)).toEqual([
        'spec.template.spec.containers[0].resources.requests.ephemeral-storage', 'spec.template.spec.containers[0].resources.limits.ephemeral-storage']);
    }
  });
  test('compliant: no limit, memory-backed, or within the limit', () => {
    expect(ephemeralStorageInvalid.check(deployment({ volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '2Gi' } }] }), { objects: [] })).toEqual([]);
    const d = deployment({ containers: [container({ resources: res('1Gi') })], volumes: [{ name: 'a', emptyDir: { sizeLimit: '512Mi' } }, { name: 'b', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }] });
    expect(ephemeralStorageInvalid.check(d, { objects: [] })).toEqual([]);
  });
});
