import { RULES } from '../../lib/rules';
import { sidecarStopsBeforeApp } from '../../lib/rules/lifecycle/sidecar-stops-before-app';
import { containerNameDuplicate } from '../../lib/rules/objects/container-name-duplicate';
import { containerNameInvalid } from '../../lib/rules/objects/container-name-invalid';
import { containerPortConflict } from '../../lib/rules/objects/container-port-conflict';
import { serviceTargetPortUndeclared } from '../../lib/rules/objects/service-target-port-undeclared';
import { volumeMountInvalid } from '../../lib/rules/objects/volume-mount-invalid';
import { initContainerProbeOrLifecycle } from '../../lib/rules/probes/init-container-probe-or-lifecycle';
import { container, deployment, job } from './fixtures';

const ctx = { objects: [] };
const init = (overrides: Record<string, any> = {}) => container({ name: 'init', ports: undefined, readinessProbe: undefined, lifecycle: undefined, ...overrides });
const proxy = (overrides: Record<string, any> = {}) => container({
  name: 'proxy', ports: [{ containerPort: 9000, name: 'proxy' }], readinessProbe: { httpGet: { path: '/', port: 'proxy' } },
  lifecycle: { preStop: { exec: { command: ['sleep', '25'] } } }, ...overrides,
});
const withApp = (containers: any[]) => deployment({ containers });

function annotated(containers: any[], annotations: Record<string, string>): any {
  const d = withApp(containers);
  d.spec.template.metadata.annotations = annotations;
  return d;
}

describe('CKP205 init-container-probe-or-lifecycle', () => {
  test('compliant: plain init containers, probes on app containers', () => {
    expect(initContainerProbeOrLifecycle.check(deployment({ initContainers: [init()] }), ctx)).toEqual([]);
    expect(initContainerProbeOrLifecycle.check(job({ initContainers: [init()] }), ctx)).toEqual([]);
  });
  test.each(['readinessProbe', 'livenessProbe', 'startupProbe', 'lifecycle'])('non-compliant: %s on an init container', field => {
    const v = initContainerProbeOrLifecycle.check(deployment({ initContainers: [init({ [field]: { exec: { command: ['true'] } } })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: `spec.template.spec.initContainers[0].${field}`, container: 'init' })]);
    expect(v[0].message).toMatch(/init container 'init' has a/);
  });
});

describe('CKP303 sidecar-stops-before-app', () => {
  const app = container({ name: 'web' });
  const ann = { 'cdk8s-patterns/app-container': 'web', 'cdk8s-patterns/app-stop-seconds': '25' };
  test('does not apply without the app-container annotation', () => {
    expect(sidecarStopsBeforeApp.appliesTo!(withApp([app, proxy({ lifecycle: undefined })]))).toBe(false);
  });
  test('compliant: the sidecar waits as long as the app takes to stop, or longer (also with a command after the sleep)', () => {
    expect(sidecarStopsBeforeApp.check(annotated([app, proxy()], ann), ctx)).toEqual([]);
    expect(sidecarStopsBeforeApp.check(annotated([app, proxy({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 30; nginx -s quit'] } } } })], ann), ctx)).toEqual([]);
  });
  test('non-compliant: a shorter wait', () => {
    const v = sidecarStopsBeforeApp.check(annotated([app, proxy({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })], ann), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[1].lifecycle.preStop', value: 5, container: 'proxy' })]);
    expect(v[0].message).toBe("sidecar 'proxy' preStop waits 5s, but 'web' may run for 25s after the pod is deleted: the sidecar stops first");
  });
  test('non-compliant: no preStop at all', () => {
    const v = sidecarStopsBeforeApp.check(annotated([app, proxy({ lifecycle: undefined })], ann), ctx);
    expect(v[0].message).toMatch(/has no preStop sleep, so it gets SIGTERM with the app/);
  });
  test("without the stop annotation the app's own preStop sleep is the floor", () => {
    const v = sidecarStopsBeforeApp.check(annotated([app, proxy({ lifecycle: { preStop: { exec: { command: ['sleep', '3'] } } } })], { 'cdk8s-patterns/app-container': 'web' }), ctx);
    expect(v[0].message).toMatch(/may run for 5s/);
  });
  test('non-compliant: the annotation names a container the pod lacks', () => {
    const v = sidecarStopsBeforeApp.check(annotated([app], { 'cdk8s-patterns/app-container': 'api' }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.metadata.annotations.cdk8s-patterns/app-container', value: 'api' })]);
  });
});

describe('CKP805 container-name-duplicate', () => {
  test('compliant: distinct names across containers and init containers', () => {
    expect(containerNameDuplicate.check(deployment({ containers: [container(), proxy()], initContainers: [init()] }), ctx)).toEqual([]);
  });
  test('non-compliant: an init container named like an app container', () => {
    const v = containerNameDuplicate.check(deployment({ initContainers: [init({ name: 'app' })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.initContainers[0].name', value: 'app' })]);
    expect(v[0].message).toBe("container name 'app' is already used by spec.template.spec.containers[0]");
  });
});

describe('CKP806 container-port-conflict', () => {
  test('compliant: different ports, or the same number on another protocol, or on an init container', () => {
    expect(containerPortConflict.check(deployment({ containers: [container(), proxy()] }), ctx)).toEqual([]);
    expect(containerPortConflict.check(deployment({ containers: [container(), proxy({ ports: [{ containerPort: 8080, protocol: 'UDP' }] })] }), ctx)).toEqual([]);
    expect(containerPortConflict.check(deployment({ initContainers: [init({ ports: [{ containerPort: 8080 }] })] }), ctx)).toEqual([]);
  });
  test('non-compliant: two containers on 8080/TCP', () => {
    const v = containerPortConflict.check(deployment({ containers: [container(), proxy({ ports: [{ containerPort: 8080, protocol: 'TCP' }] })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[1].ports[0]', value: '8080/TCP', container: 'proxy' })]);
    expect(v[0].message).toMatch(/also declared by container 'app'/);
  });
  test('non-compliant: one container naming two ports alike', () => {
    const v = containerPortConflict.check(deployment({ containers: [container({ ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 8081, name: 'http' }] })] }), ctx);
    expect(v.map(x => x.field)).toEqual(['spec.template.spec.containers[0].ports[1].name']);
  });
});

describe('CKP807 container-name-invalid', () => {
  test('compliant: DNS labels', () => {
    expect(containerNameInvalid.check(deployment({ initContainers: [init({ name: 'init-web-data' })] }), ctx)).toEqual([]);
  });
  test.each(['Init', 'init_data', 'a'.repeat(64), ''])('non-compliant: %j', name => {
    const v = containerNameInvalid.check(deployment({ initContainers: [init({ name })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.initContainers[0].name', value: name })]);
  });
});

describe('CKP808 volume-mount-invalid', () => {
  const vol = (name: string) => ({ name, emptyDir: {} });
  const mount = (name: string, mountPath: string) => ({ name, mountPath });
  test('compliant: declared, unique volumes, one per path', () => {
    const d = deployment({ volumes: [vol('html'), vol('tmp')], containers: [container({ volumeMounts: [mount('html', '/srv'), mount('tmp', '/tmp')] })], initContainers: [init({ volumeMounts: [mount('html', '/out')] })] });
    expect(volumeMountInvalid.check(d, ctx)).toEqual([]);
  });
  test('non-compliant: a duplicate and an invalid volume name', () => {
    const v = volumeMountInvalid.check(deployment({ volumes: [vol('tmp'), vol('tmp'), vol('Data')] }), ctx);
    expect(v.map(x => `${x.field} ${x.message}`)).toEqual([
      "spec.template.spec.volumes[1].name volume name 'tmp' is used by two volumes",
      'spec.template.spec.volumes[2].name volume name "Data" must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit',
    ]);
  });
  test('non-compliant: a mount of an undeclared volume, two mounts at one path', () => {
    const d = deployment({ volumes: [vol('tmp')], containers: [container({ volumeMounts: [mount('tmp', '/tmp'), mount('html', '/tmp')] })] });
    expect(volumeMountInvalid.check(d, ctx).map(x => x.field)).toEqual([
      'spec.template.spec.containers[0].volumeMounts[1].name',
      'spec.template.spec.containers[0].volumeMounts[1].mountPath',
    ]);
  });
});

describe('CKP809 service-target-port-undeclared', () => {
  const service = (ports: any[], selector: any = { app: 'web' }) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector, ports } });
  const pods = deployment({ containers: [container(), proxy()] });
  test('compliant: by name, by number, defaulting to port', () => {
    for (const ports of [[{ port: 80, targetPort: 'proxy' }], [{ port: 80, targetPort: 8080 }], [{ port: 8080 }]]) {
      const svc = service(ports);
      expect(serviceTargetPortUndeclared.check(svc, { objects: [svc, pods] })).toEqual([]);
    }
  });
  test('not applicable: no selected workload among the objects, or no selector', () => {
    const svc = service([{ port: 80, targetPort: 'nope' }], { app: 'other' });
    expect(serviceTargetPortUndeclared.check(svc, { objects: [svc, pods] })).toEqual([]);
    expect(serviceTargetPortUndeclared.check(service([{ port: 80, targetPort: 'nope' }], null), { objects: [pods] })).toEqual([]);
  });
  test('non-compliant: a name nobody declares', () => {
    const svc = service([{ port: 80, targetPort: 'metrics' }]);
    const v = serviceTargetPortUndeclared.check(svc, { objects: [svc, pods] });
    expect(v).toEqual([expect.objectContaining({ field: 'spec.ports[0].targetPort', value: 'metrics' })]);
    expect(v[0].message).toBe("targetPort 'metrics'/TCP is not declared by any container of Deployment 'web', which the Service selects: the Service gets no endpoints");
  });
  test('non-compliant: a number nobody declares, or the wrong protocol', () => {
    const svc = service([{ port: 80, targetPort: 9999 }, { port: 53, targetPort: 8080, protocol: 'UDP' }]);
    expect(serviceTargetPortUndeclared.check(svc, { objects: [svc, pods] }).map(x => x.field)).toEqual(['spec.ports[0].targetPort', 'spec.ports[1].targetPort']);
  });
  test('non-compliant: a port only an init container declares, a number written as a name; a port entry that is not an object is no crash', () => {
    const d = deployment({ initContainers: [container({ name: 'init', ports: [{ containerPort: 9000, name: 'setup' }] })], containers: [container({ ports: [null, { containerPort: 8080, name: 'http' }] })] });
    const svc = service([{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 'setup' }, { port: 82, targetPort: 9000 }, { port: 83, targetPort: '8080' }]);
    expect(serviceTargetPortUndeclared.check(svc, { objects: [svc, d] }).map(x => x.field)).toEqual(['spec.ports[1].targetPort', 'spec.ports[2].targetPort', 'spec.ports[3].targetPort']);
  });
  test('selects by every selector label (compared strictly), in the Service\'s namespace, in object order', () => {
    const svc = service([{ port: 80, targetPort: 'metrics' }], { app: 'web', version: '1' });
    const labelled = (name: string, labels: Record<string, unknown>, namespace?: string) =>
      deployment({}, { template: { metadata: { labels }, spec: { containers: [container()] } } }, { name, ...(namespace ? { namespace } : {}) });
    const objects = [
      labelled('second', { app: 'web', version: '1', extra: 'x' }),
      svc,
      labelled('other-namespace', { app: 'web', version: '1' }, 'prod'),
      labelled('missing-label', { app: 'web' }),
      labelled('number-not-string', { app: 'web', version: 1 }),
      labelled('first', { version: '1', app: 'web' }),
    ];
    const named = serviceTargetPortUndeclared.check(svc, { objects }).map(v => v.message.match(/Deployment '([^']+)'/)?.[1]);
    expect(named).toEqual(['second', 'first']);
  });
  test('with files (lint): the workloads of the Service\'s file, else of its directory, never further; the message names where (issue 15)', () => {
    const svc = service([{ port: 80, targetPort: 'metrics' }]);
    const d = (name: string) => deployment({}, {}, { name });
    const [same, sibling, unrelated] = [d('same-file'), d('sibling'), d('unrelated')];
    const files = new Map<any, string>([[svc, 'app/svc.yaml'], [same, 'app/svc.yaml'], [sibling, 'app/deploy.yaml'], [unrelated, 'other/deploy.yaml']]);
    const fileOf = (o: any) => files.get(o);
    const names = (objects: any[]) => serviceTargetPortUndeclared.check(svc, { objects, fileOf }).map(v => v.message.match(/Deployment '([^']+)'( \(in [^)]+\))?/)?.slice(1, 3).join(''));
    expect(names([svc, same, sibling, unrelated])).toEqual(['same-file']);
    expect(names([svc, sibling, unrelated])).toEqual(['sibling (in app/deploy.yaml)']);
    expect(names([svc, unrelated])).toEqual([]);
  });
});

test('the registry holds the composition rules, in id order', () => {
  const ids = RULES.map(r => r.id);
  expect(ids).toEqual(expect.arrayContaining(['CKP205', 'CKP303', 'CKP805', 'CKP806', 'CKP807', 'CKP808', 'CKP809']));
  expect(ids).toEqual([...ids].sort());
});
