import * as fs from 'fs';
import * as path from 'path';
import { lintSources } from '../../lib/lint/lint';
import { parseYamlDocuments } from '../../lib/lint/yaml-documents';
import { evaluate, findRule } from '../../lib/rules';

/* Issue 15: widely used manifests that work get no false errors (test/fixtures/lint/real-world/README.md). */
const DIR = path.join(__dirname, '../fixtures/lint/real-world');
const lintFile = (name: string) => lintSources([{ file: name, content: fs.readFileSync(path.join(DIR, name)) }]);
const ids = (name: string) => lintFile(name).findings.map(f => f.ruleId);

test('every fixture names its source on its first line', () => {
  for (const f of fs.readdirSync(DIR).filter(n => n.endsWith('.yaml'))) {
    expect(fs.readFileSync(path.join(DIR, f), 'utf8').split('\n')[0]).toMatch(/^# Source: https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
  }
});

describe.each(['ingress-nginx-cloud-deploy.yaml', 'metallb-native-workloads.yaml', 'argo-cd-namespace-install-9001.yaml'])('%s', name => {
  test('CKP203: probes on undeclared numeric ports work, no finding', () => {
    expect(ids(name)).not.toContain('CKP203');
  });
  test('CKP801: every name is accepted (RBAC names with `:` included)', () => {
    expect(lintFile(name).findings.filter(f => f.ruleId === 'CKP801').map(f => f.message)).toEqual([]);
  });
  test('no internal error, no input problem', () => {
    const r = lintFile(name);
    expect(r.findings.filter(f => f.internalError)).toEqual([]);
    expect(r.problems).toEqual([]);
  });
});

test.each(['kube-prometheus-clusterrole-aggregated-metrics-reader.yaml', 'kube-prometheus-clusterrolebinding-delegator.yaml'])('CKP801: %s, a `system:` RBAC name, is accepted', name => {
  const r = lintFile(name);
  expect(r.objects).toBe(1);
  expect(r.findings.filter(f => f.ruleId === 'CKP801')).toEqual([]);
});

test('argo-cd: a container with no `ports` but probed over TCP on 9001 serves 9001: its metrics Service is right, and it needs readiness and preStop', () => {
  const r = lintFile('argo-cd-namespace-install-9001.yaml');
  const on = (id: string) => r.findings.filter(f => f.ruleId === id).map(f => `${f.kind}/${f.container}: ${f.message}`);
  expect(on('CKP809')).toEqual([]);
  expect(on('CKP201')).toEqual(['Deployment/argocd-notifications-controller: serves port 9001 but has no readinessProbe, so it gets traffic before it is ready']);
  expect(on('CKP302')).toEqual([expect.stringMatching(/^Deployment\/argocd-notifications-controller: serves a port/)]);
});

test('CKP809: unrelated examples linted together (both `app: nginx`) are not matched across directories (issue 15)', () => {
  const files = ['https-nginx/nginx-app.yaml', 'polaris-pull-policy/success.deployment.yaml'];
  for (const f of files) expect(fs.readFileSync(path.join(DIR, f), 'utf8').split('\n')[0]).toMatch(/^# Source: https:\/\/github\.com\//);
  const r = lintSources(files.map(f => ({ file: path.join(DIR, f), content: fs.readFileSync(path.join(DIR, f)) })));
  // The Service's own ReplicationController declares 443 and 80; the Polaris fixture's nginx Deployment is another app.
  expect(r.findings.filter(f => f.ruleId === 'CKP809')).toEqual([]);
  // Without files (as the constructs evaluate), both would be selected: the Deployment does not declare 443.
  const objects = files.flatMap(f => parseYamlDocuments(fs.readFileSync(path.join(DIR, f), 'utf8')).map(d => d.value as any)).filter(Boolean);
  const unscoped = evaluate(objects, { rules: [findRule('CKP809')!] }).findings;
  expect(unscoped.map(f => f.message)).toEqual([expect.stringMatching(/targetPort 443\/TCP is not declared by any container of Deployment 'nginx-deployment'/)]);
});
