import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYamlDocuments } from '../../lib/lint/yaml-documents';
import { readablePath, serverAnswer, validateKubernetes } from '../../lib/schema';
import { writeStandalone } from '../../lib/schema/compile';
import { addEnums } from '../../lib/schema/enums';
import { StrictSchema } from '../../lib/schema/strict-schema';
import { container, cronJob, deployment, job } from '../rules/fixtures';

/** `path: message` of each problem of one object. */
function problems(obj: unknown, allowUnknownKinds = false): string[] {
  return validateKubernetes([obj], { allowUnknownKinds })[0].problems.map(p => `${p.path}: ${p.message}`);
}

const service = (name: string, extra: Record<string, any> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] }, ...extra });

describe('validateKubernetes: the 1.27 schema', () => {
  test('a compliant Deployment, Job and CronJob are valid', () => {
    expect([deployment(), job(), cronJob()].flatMap(o => problems(o))).toEqual([]);
  });

  test('unknown fields are rejected at any depth, as with strict field validation', () => {
    expect(problems(deployment({ containers: [container({ imagePullPolcy: 'Always' })] }, { replica: 2 }))).toEqual([
      'spec.replica: unknown field "replica"',
      'spec.template.spec.containers[0].imagePullPolcy: unknown field "imagePullPolcy"',
    ]);
  });

  test('types, required fields and enums (enums.ts: the API server\'s closed value sets)', () => {
    expect(problems(deployment({ restartPolicy: 'Sometimes', containers: [container({ image: undefined, name: undefined })] }, { replicas: '2' }))).toEqual([
      'spec.replicas: must be integer',
      'spec.template.spec.containers[0].name: name is required',
      'spec.template.spec.restartPolicy: must be one of "", "Always", "Never", "OnFailure"',
    ]);
    expect(problems(deployment({ tolerations: [{ key: 'k', effect: 'NoRun' }], containers: [container({ ports: [{ containerPort: 80, protocol: 'tcp' }] })] }))).toEqual([
      'spec.template.spec.containers[0].ports[0].protocol: must be one of "", "SCTP", "TCP", "UDP"',
      'spec.template.spec.tolerations[0].effect: must be one of "", "NoExecute", "NoSchedule", "PreferNoSchedule"',
    ]);
    // an empty effect matches every taint; a null one is unset
    expect(problems(deployment({ tolerations: [{ key: 'k', effect: '' }, { key: 'j', effect: null }] }))).toEqual([]);
    expect(problems({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, policyTypes: ['ingress'] } })).toEqual([
      'spec.policyTypes[0]: must be one of "Egress", "Ingress"']);
  });

  test('every enum names a field of the schema', () => {
    const definitions = JSON.parse(fs.readFileSync(path.join(__dirname, '../../lib/schema/k8s-v1.27-strict.json'), 'utf8')).definitions;
    expect(() => addEnums(definitions)).not.toThrow();
    expect(() => addEnums({})).toThrow('lib/schema/enums.ts: the schema has no io.k8s.api.core.v1.Container.imagePullPolicy');
  });

  test('quantities and int-or-string', () => {
    const bad = deployment({ containers: [container({ resources: { requests: { cpu: '100 millicores' } } })] });
    expect(problems(bad)).toEqual(['spec.template.spec.containers[0].resources.requests.cpu: must be a Kubernetes quantity (e.g. 500m, 2, 128Mi, 1Gi)']);
    expect(problems(deployment({ containers: [container({ readinessProbe: { httpGet: { port: 'http' } } })] }))).toEqual([]);
    expect(problems(deployment({ containers: [container({ readinessProbe: { httpGet: { port: true } } })] }))).toEqual([
      'spec.template.spec.containers[0].readinessProbe.httpGet.port: must be integer,string',
    ]);
  });

  test('null is unset, as the API server reads it', () => {
    expect(problems(deployment({ nodeSelector: null }))).toEqual([]);
  });

  test('apiVersion and kind: removed versions of built-in kinds, custom resources, missing ones', () => {
    const ingress = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web' } };
    expect(problems(ingress, true)).toEqual(['apiVersion: extensions/v1beta1 Ingress is not served by Kubernetes v1.27.0: use a current API version']);
    expect(problems({ ...ingress, apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' }, true)).toEqual([
      'apiVersion: policy/v1beta1 PodSecurityPolicy is not served by Kubernetes v1.27.0: use a current API version']);
    const cr = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'HTTPRoute', metadata: { name: 'web' } };
    expect(problems(cr, true)).toEqual([]);
    expect(validateKubernetes([cr], { allowUnknownKinds: true })[0].validated).toBe(false);
    expect(problems(cr)).toEqual(['apiVersion: no schema known for apiVersion "gateway.networking.k8s.io/v1beta1" kind "HTTPRoute" (a custom resource? allowUnknownKinds accepts it)']);
    expect(problems({ metadata: { name: 'x' } })).toEqual(['apiVersion: apiVersion is required', 'kind: kind is required']);
    expect(problems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toEqual(['metadata.name: name or generateName is required']);
    expect(problems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'c-' } })).toEqual([]);
    expect(problems(['a list'])).toEqual([': a Kubernetes object is a mapping, not a list']);
    expect(problems({ apiVersion: 'v1', kind: 'List', items: [deployment(), deployment({}, { replica: 1 })] })).toEqual(['items[1].spec.replica: unknown field "replica"']);
  });
});

describe('validateKubernetes: API-server rules the schema cannot express', () => {
  test('names per kind', () => {
    expect(problems(service('9web'))).toEqual(['metadata.name: a Service name must be an RFC 1035 label (lowercase letters, digits and \'-\', starting with a letter)']);
    expect(problems(service('web'))).toEqual([]);
    expect(problems({ ...cronJob(), metadata: { name: 'a'.repeat(53) } })).toEqual(['metadata.name: a CronJob name must be no more than 52 characters (it has 53)']);
    expect(problems(deployment({}, {}, { name: 'Web_1' }))).toEqual(['metadata.name: a Deployment name must be an RFC 1123 subdomain (lowercase letters, digits, \'-\' and \'.\')']);
    expect(problems({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aggregate-to-view' } })).toEqual([]);
    expect(problems({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } })).toEqual(['metadata.name: a Namespace name must be an RFC 1123 label (lowercase letters, digits and \'-\')']);
    expect(problems(deployment({}, {}, { namespace: 'Shop' }))).toEqual(['metadata.namespace: a namespace must be an RFC 1123 label (lowercase letters, digits and \'-\', at most 63 characters)']);
  });

  test('label keys and values, annotation keys', () => {
    expect(problems(deployment({}, {}, { labels: { 'Example.com/x': 'a', tier: 'front end' }, annotations: { 'a/b/c': 'x' } }))).toEqual([
      'metadata.labels["Example.com/x"]: label key "Example.com/x" has a prefix that is not a DNS subdomain',
      'metadata.labels["tier"]: label value "front end" must be at most 63 characters, alphanumerics, \'-\', \'_\' or \'.\', starting and ending with an alphanumeric',
      'metadata.annotations["a/b/c"]: annotation key "a/b/c" must be a qualified name ([prefix/]name)',
    ]);
  });

  test('the selector matches the template labels', () => {
    expect(problems(deployment({}, { selector: { matchLabels: { app: 'api' } } }))).toEqual(['spec.template.metadata.labels: `selector` does not match template `labels`']);
    expect(problems(deployment({}, { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }))).toEqual([]);
    expect(problems(deployment({}, { selector: {} }))).toEqual(['spec.selector: empty selector is invalid for a Deployment']);
  });

  test('probes: exactly one handler; liveness and startup successThreshold 1', () => {
    const probe = (p: object) => deployment({ containers: [container({ livenessProbe: p })] });
    expect(problems(probe({ periodSeconds: 5 }))).toEqual(['spec.template.spec.containers[0].livenessProbe: livenessProbe must specify a handler type (exec, httpGet, tcpSocket, grpc)']);
    expect(problems(probe({ exec: { command: ['true'] }, tcpSocket: { port: 8080 } }))).toEqual([
      'spec.template.spec.containers[0].livenessProbe.tcpSocket: livenessProbe may not specify more than 1 handler type (it has exec, tcpSocket)']);
    expect(problems(probe({ tcpSocket: { port: 8080 }, successThreshold: 2 }))).toEqual([
      'spec.template.spec.containers[0].livenessProbe.successThreshold: livenessProbe.successThreshold is 2, but the API server only accepts 1']);
    expect(problems(probe({ tcpSocket: { port: 8080 }, successThreshold: 0 }))).toEqual([]);
  });

  test('init containers: no probes, no lifecycle', () => {
    const init = container({ name: 'init', ports: undefined, lifecycle: undefined });
    expect(problems(deployment({ initContainers: [init] }))).toEqual([
      "spec.template.spec.initContainers[0].readinessProbe: init container 'init' has a readinessProbe, which the API server rejects on init containers"]);
  });

  test('containers: names DNS labels and unique, ports named and in range, requests ≤ limits', () => {
    const c = container({ name: 'app', ports: [{ containerPort: 70000, name: 'http--alt' }], resources: { requests: { cpu: '2' }, limits: { cpu: '1500m' } } });
    expect(problems(deployment({ containers: [c, container()] }))).toEqual([
      "spec.template.spec.containers[1].name: container name 'app' is already used by spec.template.spec.containers[0]",
      'spec.template.spec.containers[0].resources.requests.cpu: cpu request (2) is above its limit (1500m)',
      'spec.template.spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive',
      'spec.template.spec.containers[0].ports[0].name: port name "http--alt" must be an IANA service name: at most 15 characters, a-z, 0-9 and \'-\', at least one letter, no \'--\'',
    ]);
  });
});

describe('what the API server would answer', () => {
  test('kubectl\'s wording for unknown fields, invalid values and unserved kinds', () => {
    const [r] = validateKubernetes([deployment({ hostname: 'Web' }, { paused: 'yes' }, { name: 'web' })]);
    expect(r.problems.map(p => serverAnswer(r, p))).toEqual([
      'The Deployment "web" is invalid: spec.paused: Invalid value: must be boolean',
    ]);
    const [u] = validateKubernetes([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { portz: [] } }]);
    expect(serverAnswer(u, u.problems[0])).toBe('Error from server (BadRequest): Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.portz"');
  });

  test('readablePath', () => {
    expect(readablePath('/spec/template/spec/containers/0/name')).toBe('spec.template.spec.containers[0].name');
    expect(readablePath('/metadata/labels/app.kubernetes.io~1name')).toBe('metadata.labels["app.kubernetes.io/name"]');
  });
});

describe('the precompiled validators (what the package ships)', () => {
  test('judge like ajv compiling the schema at run time, on every object of dist/ and broken ones', () => {
    const dist = path.join(__dirname, '..', '..', 'dist');
    const objects: any[] = fs.readdirSync(dist).flatMap(f => parseYamlDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).map(d => d.value));
    const broken = [deployment({ containers: [container({ imagePullPolcy: 'x', image: 3 })] }, { replicas: 'x' }), cronJob({ schedule: 1 })];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-standalone-'));
    try {
      writeStandalone(dir, undefined, [...new Set([...objects, ...broken].map(o => `${o.apiVersion}/${o.kind}`))]);
      const precompiled = new StrictSchema(dir);
      // lib/schema has no precompiled validators: ajv compiles them (test/setup.ts may point get() at the build's).
      const runtime = new StrictSchema();
      expect(precompiled.mode).toBe('precompiled');
      expect(runtime.mode).toBe('ajv');
      for (const obj of [...objects, ...broken]) {
        const a = precompiled.validator(obj.apiVersion, obj.kind)!;
        const b = runtime.validator(obj.apiVersion, obj.kind)!;
        expect([a(obj), a.errors]).toEqual([b(obj), b.errors]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
