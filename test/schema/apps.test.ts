import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { buildApp } from '../../apps/main';
import { parseYamlDocuments } from '../../lib/lint/yaml-documents';
import { formatSchemaResults, schemaFailures, validateKubernetes } from '../../lib/schema';

// Schema validity of everything we synthesize, in-process: `npm test` needs nothing outside the
// repository for it (CI still runs ../shared/tools/policy-check --strict on dist/ for Polaris).
const DIST = path.join(__dirname, '..', '..', 'dist');

describe('every app is valid Kubernetes 1.27', () => {
  const app = buildApp(fs.mkdtempSync(path.join(require('os').tmpdir(), 'schema-apps-')));

  test.each(app.charts.map(c => [c.node.id, c] as const))('%s (Testing.synth)', (_id, chart) => {
    const failures = schemaFailures(validateKubernetes(Testing.synth(chart)));
    expect(formatSchemaResults(failures)).toBe('');
  });

  test('every object of dist/', () => {
    const objects = fs.readdirSync(DIST).sort().flatMap(f => parseYamlDocuments(fs.readFileSync(path.join(DIST, f), 'utf8')).map(d => d.value));
    expect(objects.length).toBeGreaterThanOrEqual(27);
    const results = validateKubernetes(objects);
    expect(results.every(r => r.validated)).toBe(true);
    expect(formatSchemaResults(schemaFailures(results))).toBe('');
  });
});
