import * as path from 'path';
import { run } from '../../lib/lint/cli';

const ROOT = path.join(__dirname, '..', '..');

function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin: () => Buffer.from(stdin), version: '9.9.9' });
  return { code, stdout, stderr };
}

// Compliant with the rule pack; one unknown field (`replica`) for the schema.
const TYPO = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels: {app.kubernetes.io/name: c, app.kubernetes.io/instance: c}
data: {a: b}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app.kubernetes.io/name: web, app.kubernetes.io/instance: web}
spec:
  selector: {app: web}
  ports:
  - port: 80
    targtPort: 8080
`;

describe('cdk8s-patterns lint --schema', () => {
  test('off by default: the unknown field is not looked at', () => {
    const r = cli(['lint', '-'], TYPO);
    expect(r.stdout).not.toContain('CKP800');
    expect(r.code).toBe(0);
  });

  test('text: the finding at the field\'s line, with what the API server would answer', () => {
    const r = cli(['lint', '--schema', '-'], TYPO);
    expect(r.stdout).toContain('<stdin>:17 Service/web CKP800 error: spec.ports[0].targtPort: unknown field "targtPort"; the API server would answer: '
      + 'Error from server (BadRequest): Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].targtPort". '
      + 'Fix: Remove the field or correct its spelling and nesting');
    expect(r.code).toBe(1);
  });

  test('json and sarif carry it like any rule', () => {
    const json = JSON.parse(cli(['lint', '--schema', '--format', 'json', '-'], TYPO).stdout);
    expect(json.findings).toEqual([expect.objectContaining({ ruleId: 'CKP800', level: 'error', kind: 'Service', name: 'web', field: 'spec.ports[0].targtPort', line: 17 })]);
    const sarif = JSON.parse(cli(['lint', '--schema', '--format', 'sarif', '-'], TYPO).stdout);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('CKP800');
    expect(sarif.runs[0].results).toEqual([expect.objectContaining({ ruleId: 'CKP800', level: 'error' })]);
  });

  test('custom resources are not checked; our dist/ is clean', () => {
    expect(cli(['lint', '--schema', '--format', 'json', path.join(ROOT, 'test/fixtures/lint/custom-resources.yaml')]).stdout).not.toContain('CKP800');
    expect(cli(['lint', '--schema', path.join(ROOT, 'dist')]).stdout).not.toContain('CKP800');
  });

  test('--help says what it does and why it is off', () => {
    expect(cli(['--help']).stdout).toMatch(/--schema {20}also validate against the Kubernetes 1\.27 schema[\s\S]*Off by default/);
  });
});
