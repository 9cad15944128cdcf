import { RULES } from '../../lib/rules';
import { K8sObject, Rule } from '../../lib/rules/types';
import { container, deployment, job } from './fixtures';

const rule = (id: string): Rule => RULES.find(r => r.id === id)!;
const run = (id: string, obj: K8sObject, objects: K8sObject[] = [obj]) => rule(id).check(obj, { objects });
const withContainer = (overrides: Record<string, any>) => deployment({ containers: [container(overrides)] });
const DIGEST = 'a'.repeat(64);

/** Each issue-11 rule: one compliant and one non-compliant manifest, and the field it names. */
describe.each<[string, () => K8sObject, () => K8sObject, string]>([
  ['CKP104', () => withContainer({ image: `r/app@sha256:${DIGEST}` }), () => withContainer({ image: `r/app@sha256:${DIGEST.slice(1)}` }), 'spec.template.spec.containers[0].image'],
  ['CKP208', () => withContainer({ livenessProbe: { exec: { command: ['cat', '/tmp/ok'] } } }), () => withContainer({ lifecycle: { preStop: { exec: { command: ['sh', '-c', '; sleep 5'] } } } }), 'spec.template.spec.containers[0].lifecycle.preStop.exec.command'],
  ['CKP209', () => withContainer({ lifecycle: { postStart: { httpGet: { path: '/', port: 'http' } } } }), () => withContainer({ lifecycle: { postStart: { httpGet: { path: '/', port: 'admin' } } } }), 'spec.template.spec.containers[0].lifecycle.postStart.httpGet.port'],
  ['CKP720', () => deployment({ securityContext: { runAsNonRoot: true, runAsUser: 10001 } }), () => withContainer({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }), 'spec.template.spec.containers[0].securityContext.runAsUser'],
  ['CKP721', () => deployment({ securityContext: { fsGroup: 2147483647 } }), () => deployment({ securityContext: { supplementalGroups: [-1] } }), 'spec.template.spec.securityContext.supplementalGroups[0]'],
  ['CKP722', () => withContainer({ securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }), () => withContainer({ securityContext: { capabilities: { add: ['CAP_SYS_ADMIN'] } } }), 'spec.template.spec.containers[0].securityContext.capabilities.add[0]'],
  ['CKP723', () => withContainer({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }), () => withContainer({ env: [{ name: 'API_TOKEN', value: 'abc' }] }), 'spec.template.spec.containers[0].env[0]'],
  ['CKP724', () => ({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { url: 'x' } }), () => ({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { db_password: 'x' } }), 'data["db_password"]'],
  ['CKP820', () => withContainer({ env: [{ name: 'my.var-1', value: 'x' }] }), () => withContainer({ env: [{ name: '2fa', value: 'x' }] }), 'spec.template.spec.containers[0].env[0].name'],
  ['CKP821', () => withContainer({ ports: [{ containerPort: 8080, name: 'http-alt' }] }), () => withContainer({ ports: [{ containerPort: 8080, name: 'http-management1' }] }), 'spec.template.spec.containers[0].ports[0].name'],
  ['CKP822', () => withContainer({ readinessProbe: { httpGet: { path: '/', port: 8080, httpHeaders: [{ name: 'X-Probe', value: 'a' }] } } }), () => withContainer({ readinessProbe: { httpGet: { path: '/', port: 8080, httpHeaders: [{ name: 'X Probe', value: 'a' }] } } }), 'spec.template.spec.containers[0].readinessProbe.httpGet.httpHeaders[0].name'],
  ['CKP840', () => deployment({}, {}, { labels: { 'app.kubernetes.io/version': '1.2.3' } }), () => deployment({}, {}, { labels: { 'app.kubernetes.io/version': 'v'.repeat(64) } }), 'metadata.labels["app.kubernetes.io/version"]'],
  ['CKP826', () => deployment({ priorityClassName: 'high-priority' }), () => deployment({ priorityClassName: 'High' }), 'spec.template.spec.priorityClassName'],
  ['CKP827', () => withContainer({ ports: [{ containerPort: 65535 }] }), () => withContainer({ ports: [{ containerPort: 0 }] }), 'spec.template.spec.containers[0].ports[0].containerPort'],
  ['CKP828', () => deployment({}, { revisionHistoryLimit: 0 }), () => deployment({}, { revisionHistoryLimit: 2147483648 }), 'spec.revisionHistoryLimit'],
  ['CKP829', () => withContainer({ resources: { requests: { cpu: '0.5', memory: '1e3' } } }), () => withContainer({ resources: { requests: { cpu: 'NaNm', memory: '64Mi' } } }), 'spec.template.spec.containers[0].resources.requests.cpu'],
  ['CKP905', () => job(), () => withContainer({ command: ['', 'serve'] }), 'spec.template.spec.containers[0].command'],
])('%s', (id, good, bad, field) => {
  test('compliant', () => expect(run(id, good())).toEqual([]));
  test('non-compliant, naming the field', () => {
    const v = run(id, bad());
    expect(v).toHaveLength(1);
    expect(v[0].field).toBe(field);
  });
});

describe('CKP823 object-duplicate', () => {
  const a = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } };
  test('compliant: same name, other kind or namespace', () => {
    const objects = [a, { ...a, kind: 'ConfigMap' }, { ...a, metadata: { name: 'web', namespace: 'other' } }];
    for (const o of objects) expect(run('CKP823', o, objects)).toEqual([]);
  });
  test('linting files: compared within a file, where one `kubectl apply` meets them (not across unrelated files)', () => {
    const b = { ...a, metadata: { ...a.metadata } };
    const c = { ...a, metadata: { ...a.metadata } };
    const files = new Map<any, string>([[a, 'x.yaml'], [b, 'y.yaml'], [c, 'x.yaml']]);
    const ctx = { objects: [a, b, c], fileOf: (o: any) => files.get(o) };
    expect([a, b, c].map(o => rule('CKP823').check(o, ctx).length)).toEqual([0, 0, 1]);
  });
  test('non-compliant: the second of two', () => {
    const b = { ...a, metadata: { ...a.metadata } };
    expect(run('CKP823', a, [a, b])).toEqual([]);
    expect(run('CKP823', b, [a, b])[0].field).toBe('metadata.name');
  });
});

describe('CKP824 configmap-key-ref-missing', () => {
  const cm = { kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } };
  const ref = (key: string, optional?: boolean) => withContainer({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key, optional } } }] });
  test('compliant: the key exists, or the reference is optional', () => {
    expect(run('CKP824', ref('a'), [ref('a'), cm])).toEqual([]);
    expect(run('CKP824', ref('b', true), [ref('b', true), cm])).toEqual([]);
  });
  test('non-compliant: a missing key', () => {
    expect(run('CKP824', ref('b'), [ref('b'), cm])[0].field).toBe('spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key');
  });
});

test('construct-time rules are in the registry (for suppression and RULES.md) and check no manifest', () => {
  for (const id of ['CKP830', 'CKP847', 'CKP906']) expect(rule(id).check(deployment(), { objects: [] })).toEqual([]);
});

describe('CKP723 and CKP724 also find a private key in a value (Polaris: `-BEGIN … PRIVATE KEY-`)', () => {
  const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----';
  test('an env var of any name with a literal private key', () => {
    expect(run('CKP723', withContainer({ env: [{ name: 'TLS', value: PEM }] }))).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[0].env[0].value', message: 'env var TLS holds a private key as a literal value' })]);
    expect(run('CKP723', withContainer({ env: [{ name: 'TLS', value: '-----BEGIN CERTIFICATE-----' }] }))).toEqual([]);
  });
  test('a ConfigMap value holding a private key', () => {
    expect(run('CKP724', { kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'tls.key': PEM } })[0].field).toBe('data["tls.key"]');
    expect(run('CKP724', { kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'tls.crt': '-----BEGIN CERTIFICATE-----' } })).toEqual([]);
  });
});
