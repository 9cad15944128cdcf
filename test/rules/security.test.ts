import { hostIpc } from '../../lib/rules/security/host-ipc';
import { hostNetwork } from '../../lib/rules/security/host-network';
import { hostPid } from '../../lib/rules/security/host-pid';
import { privilegedContainer } from '../../lib/rules/security/privileged-container';
import { rootFilesystemWritable } from '../../lib/rules/security/root-filesystem-writable';
import { runAsRoot } from '../../lib/rules/security/run-as-root';
import { container, deployment, job } from './fixtures';

const ctx = { objects: [] };

describe.each([
  ['CKP701 host-network', hostNetwork, 'hostNetwork', 'hostNetworkSet'],
  ['CKP702 host-pid', hostPid, 'hostPID', 'hostPIDSet'],
  ['CKP703 host-ipc', hostIpc, 'hostIPC', 'hostIPCSet'],
] as const)('%s', (title, rule, field, polaris) => {
  test('is an error and names its Polaris twin', () => {
    expect(`${rule.id} ${rule.name}`).toBe(title);
    expect([rule.polaris, rule.level]).toEqual([polaris, 'error']);
  });
  test('compliant: unset or false', () => {
    expect(rule.check(deployment(), ctx)).toEqual([]);
    expect(rule.check(deployment({ [field]: false }), ctx)).toEqual([]);
  });
  test('non-compliant: true, on a Deployment and a Job', () => {
    expect(rule.check(deployment({ [field]: true }), ctx)).toEqual([
      expect.objectContaining({ field: `spec.template.spec.${field}`, value: true, message: expect.stringMatching(new RegExp(`sets ${field}: true`)) }),
    ]);
    expect(rule.check(job({ [field]: true }), ctx)).toHaveLength(1);
  });
});

describe('CKP704 privileged-container', () => {
  test('compliant: not privileged', () => {
    expect(privilegedContainer.check(deployment(), ctx)).toEqual([]);
    expect(privilegedContainer.check(deployment({ containers: [container({ securityContext: { privileged: false } })] }), ctx)).toEqual([]);
  });
  test('non-compliant: a privileged init container counts too', () => {
    const d = deployment({ initContainers: [container({ name: 'setup', securityContext: { privileged: true } })] });
    expect(privilegedContainer.check(d, ctx)).toEqual([
      expect.objectContaining({ field: 'spec.template.spec.initContainers[0].securityContext.privileged', container: 'setup' }),
    ]);
  });
});

describe('CKP705 root-filesystem-writable', () => {
  const writable = (extra: Record<string, any> = {}, pod: Record<string, any> = {}) =>
    deployment({ containers: [container({ securityContext: { runAsNonRoot: true }, ...extra })], ...pod });

  test('compliant: read-only root filesystem', () => {
    expect(rootFilesystemWritable.check(deployment(), ctx)).toEqual([]);
  });
  test('compliant: writable root, but an emptyDir or a PVC mounted for writes', () => {
    const mounts = { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] };
    expect(rootFilesystemWritable.check(writable(mounts, { volumes: [{ name: 'tmp', emptyDir: {} }] }), ctx)).toEqual([]);
    expect(rootFilesystemWritable.check(writable(mounts, { volumes: [{ name: 'tmp', persistentVolumeClaim: { claimName: 'data' } }] }), ctx)).toEqual([]);
  });
  test('non-compliant: writable root and no volume', () => {
    expect(rootFilesystemWritable.check(writable(), ctx)).toEqual([
      expect.objectContaining({ field: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'app' }),
    ]);
  });
  test('non-compliant: only read-only volumes (configMap, secret, a readOnly mount) do not count', () => {
    const mounts = { volumeMounts: [{ name: 'conf', mountPath: '/etc/app' }, { name: 'data', mountPath: '/data', readOnly: true }] };
    const volumes = [{ name: 'conf', configMap: { name: 'app' } }, { name: 'data', emptyDir: {} }];
    expect(rootFilesystemWritable.check(writable(mounts, { volumes }), ctx)).toHaveLength(1);
  });
  test('does not apply to Windows pods', () => {
    expect(rootFilesystemWritable.appliesTo!(writable({}, { os: { name: 'windows' } }))).toBe(false);
  });
});

describe('CKP706 run-as-root', () => {
  const withContexts = (own: any, pod?: any) => deployment({ containers: [container({ securityContext: own })], securityContext: pod });

  test('compliant: runAsNonRoot or a non-zero UID, at container or pod level', () => {
    expect(runAsRoot.check(withContexts({ runAsNonRoot: true }), ctx)).toEqual([]);
    expect(runAsRoot.check(withContexts({ runAsUser: 1000 }), ctx)).toEqual([]);
    expect(runAsRoot.check(withContexts(undefined, { runAsNonRoot: true }), ctx)).toEqual([]);
  });
  test('non-compliant: neither set', () => {
    expect(runAsRoot.check(withContexts(undefined), ctx)).toEqual([
      expect.objectContaining({ field: 'spec.template.spec.containers[0].securityContext', message: expect.stringMatching(/usually root/) }),
    ]);
  });
  test('non-compliant: runAsUser 0, even when the pod says non-root (the container setting wins)', () => {
    expect(runAsRoot.check(withContexts({ runAsUser: 0 }, { runAsNonRoot: true }), ctx)).toEqual([
      expect.objectContaining({ field: 'spec.template.spec.containers[0].securityContext.runAsUser', value: 0 }),
    ]);
  });
  test('non-compliant: the container overrides the pod with runAsNonRoot: false', () => {
    expect(runAsRoot.check(withContexts({ runAsNonRoot: false }, { runAsNonRoot: true }), ctx)).toHaveLength(1);
  });
});
