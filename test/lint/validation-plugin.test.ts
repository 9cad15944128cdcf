import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Validation, ValidationContext as CliContext } from 'cdk8s-cli/lib/plugins';
import { RulePackValidation, RulePackValidationContext } from '../../lib/lint/validation-plugin';

// Compile-time: our declared subset of cdk8s-cli's plugin API stays compatible with the real one
// (tsc --noEmit in `npm test` fails here if cdk8s-cli changes what it hands plugins).
const asCliPlugin: Validation = new RulePackValidation();
const acceptsCliContext = (context: CliContext): RulePackValidationContext => context;
void asCliPlugin; void acceptsCliContext;

const ROOT = path.join(__dirname, '..', '..');
const APPS = path.join(ROOT, 'test/fixtures/plugin-apps');
const SEEDS = path.join(ROOT, 'test/fixtures/seeds');
// The real context cdk8s-cli hands to plugins (exported as `cdk8s-cli/plugins`).
const { ValidationContext } = require('cdk8s-cli/plugins');

async function validate(manifests: string[], props?: any) {
  const context = new ValidationContext(manifests, 'cdk8s-patterns', '0.1.0', { 'myserver-myapp-lifecycle': { path: 'seeds/lifecycle' } });
  const logged: string[] = [];
  context.logger.log = (m: string) => logged.push(m);
  await new RulePackValidation(props).validate(context);
  return { report: context.report.toJson(), logged };
}

describe('RulePackValidation', () => {
  test('fails on error findings, one violation per rule with the resources, manifest paths and fields', async () => {
    const manifest = path.join(SEEDS, '002-myserver-myapp-lifecycle.yaml');
    const { report, logged } = await validate([manifest]);
    expect(report.summary.status).toBe('failure');
    expect(report.violations.map((v: any) => v.ruleName)).toEqual(['CKP201 readiness-probe-missing (error)', 'CKP301 prestop-exceeds-grace-period (error)', 'CKP401 resources-missing (error)']);
    expect(report.violations[1]).toEqual({
      ruleName: 'CKP301 prestop-exceeds-grace-period (error)',
      recommendation: expect.stringMatching(/^terminationGracePeriodSeconds covers the preStop hook.*The grace period starts/),
      fix: expect.stringMatching(/^Make terminationGracePeriodSeconds/),
      violatingConstructs: [{
        resourceName: 'myserver-myapp-lifecycle',
        constructPath: 'seeds/lifecycle',
        manifestPath: manifest,
        locations: [expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.lifecycle\.preStop: container 'myserver-myapp-lifecycle-label' preStop sleeps 10000000s/)],
      }],
    });
    // Below the threshold: logged, not violations.
    expect(logged).toEqual(expect.arrayContaining([expect.stringMatching(/^\[cdk8s-patterns\] warning: Deployment\/myserver-myapp-lifecycle CKP705: /)]));
  });

  test('threshold: warning makes warnings violations; skip drops rules', async () => {
    const manifest = path.join(SEEDS, '001-httpserver.yaml');
    const { report } = await validate([manifest], { threshold: 'warning', skip: ['CKP102', 'CKP203'] });
    // CKP302: the container declares no port but is probed over HTTP on 8080: it serves it (issue 15).
    // CKP707/CKP708: the seed sets neither allowPrivilegeEscalation: false nor drops capabilities (issue 15).
    expect(report.violations.map((v: any) => v.ruleName.split(' ')[0])).toEqual(['CKP206', 'CKP302', 'CKP705', 'CKP706', 'CKP707', 'CKP708']);
  });

  test('succeeds on the hardened dist/', async () => {
    const dist = fs.readdirSync(path.join(ROOT, 'dist')).map(f => path.join(ROOT, 'dist', f));
    const { report } = await validate(dist);
    expect(report.summary.status).toBe('success');
    expect(report.violations).toEqual([]);
  });

  test('bad properties fail with what is wrong', () => {
    expect(() => new RulePackValidation({ threshold: 'fatal' } as any)).toThrow(/threshold must be one of info, warning, error, not "fatal"/);
    expect(() => new RulePackValidation({ skip: ['CKP999'] })).toThrow(/skip: 'CKP999' is not a rule id/);
    expect(() => new RulePackValidation({ level: 'error' } as any)).toThrow(/unknown property 'level' \(known: threshold, skip\)/);
  });
});

describe('`cdk8s synth` with the plugin in cdk8s.yaml (by local path)', () => {
  let out: string;
  type Synth = { status: number | null; output: string; reports: any[] };
  const results: Record<string, Promise<Synth>> = {};
  // Both apps' synths start at once: each is two node processes (the CLI, the app) that mostly start up.
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-plugin-'));
    for (const app of ['bad', 'good']) results[app] = synthAsync(app);
  });
  afterAll(async () => {
    await Promise.allSettled(Object.values(results));
    fs.rmSync(out, { recursive: true, force: true });
  });

  function synthAsync(app: string): Promise<Synth> {
    const reports = path.join(out, `${app}-reports.json`);
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/cdk8s-cli/bin/cdk8s'), 'synth', '--output', path.join(out, app), '--validation-reports-output-file', reports], {
        cwd: path.join(APPS, app),
        env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      });
      let output = '';
      child.stdout.on('data', d => { output += d; });
      child.stderr.on('data', d => { output += d; });
      child.on('error', reject);
      child.on('close', status => {
        try {
          resolve({ status, output, reports: JSON.parse(fs.readFileSync(reports, 'utf8')).reports });
        } catch (e) {
          reject(new Error(`cdk8s synth of ${app} wrote no report (exit ${status}): ${output}`));
        }
      });
    });
  }
  const synth = (app: string) => results[app];

  test('a bad app: exit code 2 and the rule ids, with construct paths', async () => {
    const r = await synth('bad');
    expect(r.status).toBe(2);
    expect(r.output).toMatch(/CKP102 registry-credentials-in-secret \(error\)/);
    expect(r.output).toMatch(/CKP301 prestop-exceeds-grace-period \(error\)/);
    const [report] = r.reports;
    expect(report.summary.status).toBe('failure');
    expect(report.violations.map((v: any) => [v.ruleName.split(' ')[0], v.violatingConstructs.map((c: any) => c.constructPath)])).toEqual([
      ['CKP102', ['bad/secret']],
      ['CKP301', ['bad/lifecycle']],
      ['CKP401', ['bad/lifecycle']],
    ]);
  });

  test('a good app: exit code 0', async () => {
    const r = await synth('good');
    expect([r.status, r.reports[0].summary.status, r.reports[0].violations]).toEqual([0, 'success', []]);
  });
});
