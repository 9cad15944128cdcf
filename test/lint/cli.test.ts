import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/lint/cli';

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = path.join(ROOT, 'test/fixtures/seeds');

/**
 * Runs the CLI in-process. POD below is a bare Pod for brevity; CKP504 (bare-pod) has its own tests,
 * so it is skipped here to keep each test about the CLI behaviour it names.
 */
function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  if (argv[0] === 'lint') argv = ['lint', '--skip', 'CKP504', ...argv.slice(1)];
  const code = run(argv, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin: () => Buffer.from(stdin), version: '9.9.9' });
  return { code, stdout, stderr };
}

const POD = (image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app.kubernetes.io/name: p, app.kubernetes.io/instance: p}
  ${extra}
spec:
  securityContext: {runAsNonRoot: true}
  containers:
  - name: app
    image: ${image}
    securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 16Mi}}
`;

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-cli-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};

describe('cdk8s-patterns lint: exit codes', () => {
  test('0 when clean; the last line counts (object, rule) pairs', () => {
    const r = cli(['lint', '-'], POD('nginx:1.25.3'));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^lint: \d+ passed, 0 failed$/);
  });
  test('1 on an error finding', () => {
    const r = cli(['lint', '-'], POD('nginx:latest'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:11 Pod\/p \[app\] CKP101 error: image 'nginx:latest' uses the mutable tag 'latest'\. Fix: Pin it/m);
    expect(r.stdout).toMatch(/\nlint: \d+ passed, 1 failed\n$/);
  });
  test('warnings fail only with --strict', () => {
    const warning = POD('nginx:1.25.3').replace('readOnlyRootFilesystem: true, ', '');
    expect(cli(['lint', '-'], warning).code).toBe(0);
    expect(cli(['lint', '--strict', '-'], warning).code).toBe(1);
  });
  test('--profile strict adds the strict rules (CKP103 digest pinning); default leaves them out (issue 15)', () => {
    const pod = POD('nginx:1.25.3');
    expect(cli(['lint', '-'], pod).stdout).not.toMatch(/CKP103/);
    const strict = cli(['lint', '--profile', 'strict', '--strict', '-'], pod);
    expect(strict.stdout).toMatch(/CKP103 warning: image 'nginx:1\.25\.3' is not pinned by digest/);
    expect(strict.code).toBe(1);
    expect(cli(['lint', '--profile=strict', '-'], POD('nginx:1.25.3@sha256:' + 'a'.repeat(64))).stdout).not.toMatch(/CKP103/);
    expect(cli(['lint', '--profile', 'paranoid', '-'], pod)).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringMatching(/--profile must be one of default, strict/) }));
  });
  test('a suppressed error does not fail, and is shown with its reason', () => {
    const r = cli(['lint', '-'], POD('nginx:latest', 'annotations: {cdk8s-patterns/suppress.CKP101: "kind cluster, rebuilt on push"}'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CKP101 error \(suppressed: kind cluster, rebuilt on push\): image/);
  });
  test('2 on usage errors, with the usage', () => {
    for (const argv of [[], ['lint'], ['lint', '--format', 'xml', '-'], ['lint', '--nope'], ['frobnicate'], ['lint', '--skip', 'CKP999', '-']]) {
      const r = cli(argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.stderr).toMatch(/^cdk8s-patterns: .+\n\nUsage: cdk8s-patterns lint/);
    }
  });
  test('2 on unreadable input, after linting the rest; never a stack trace', () => {
    const good = write('ok/good.yaml', POD('nginx:latest'));
    const binary = write('ok/logo.yaml', Buffer.from([0, 1, 2, 255]));
    const broken = write('ok/broken.yml', 'kind: Pod\nmetadata:\n  name: [x\n');
    const r = cli(['lint', good, binary, broken, path.join(tmp, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/good\.yaml:11 Pod\/p \[app\] CKP101/);
    expect(r.stderr).toContain(`${path.join(tmp, 'missing.yaml')}: cannot read: no such file or directory`);
    expect(r.stderr).toContain(`${binary}: error: is a binary file (it contains NUL bytes), not YAML`);
    expect(r.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: error: document 0: YAML error: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  test('skipped documents are noted but do not fail', () => {
    const r = cli(['lint', '-'], `just a scalar\n---\n${POD('nginx:1.25.3')}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('<stdin>:1: skipped: document 0: a YAML scalar ("just a scalar"), not a Kubernetes object: skipped\n');
  });
});

describe('cdk8s-patterns lint: inputs', () => {
  test('directories are searched recursively for *.yaml and *.yml, skipping hidden directories and node_modules', () => {
    write('tree/a.yaml', POD('a:latest'));
    write('tree/sub/b.yml', POD('b:latest'));
    write('tree/.git/c.yaml', POD('c:latest'));
    write('tree/node_modules/d.yaml', POD('d:latest'));
    write('tree/notes.txt', 'not yaml');
    const r = cli(['lint', '--format', 'json', path.join(tmp, 'tree')]);
    // The files with findings (each Pod's :latest image is CKP101), each once.
    expect([...new Set(JSON.parse(r.stdout).findings.map((f: any) => path.relative(tmp, f.file)))]).toEqual([path.join('tree', 'a.yaml'), path.join('tree', 'sub', 'b.yml')]);
  });
  test('a directory without YAML is unreadable input', () => {
    fs.mkdirSync(path.join(tmp, 'empty'));
    expect(cli(['lint', path.join(tmp, 'empty')])).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringMatching(/no \*\.yaml or \*\.yml files/) }));
  });
});

describe('cdk8s-patterns lint: formats', () => {
  test('json: the findings with every documented field, and the input problems', () => {
    const r = cli(['lint', '--format', 'json', '-'], POD('nginx:latest'));
    expect(JSON.parse(r.stdout)).toEqual({
      findings: [{
        file: '<stdin>', line: 11, documentIndex: 0, apiVersion: 'v1', kind: 'Pod', namespace: '', name: 'p', container: 'app',
        ruleId: 'CKP101', level: 'error', message: 'image \'nginx:latest\' uses the mutable tag \'latest\'', fix: expect.any(String),
        field: 'spec.containers[0].image', suppressed: false, reason: null, internalError: false,
      }],
      problems: [],
    });
  });
  test('json and sarif: input problems are structured (issue 15)', () => {
    write('bad/broken.yaml', 'a: [1, 2\nb: {\n');
    write('bad/chart.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n');
    write('bad/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n');
    const json = cli(['lint', '--format', 'json', path.join(tmp, 'bad'), path.join(tmp, 'missing.yaml')]);
    expect(json.code).toBe(2);
    const problems = JSON.parse(json.stdout).problems.map((p: any) => [path.relative(tmp, p.file), p.kind, p.unreadable, p.count]);
    expect(problems).toEqual([
      ['missing.yaml', 'unreadable', true, 1],
      [path.join('bad', 'broken.yaml'), 'yaml-error', true, expect.any(Number)],
      [path.join('bad', 'chart.yaml'), 'template', false, 1],
      [path.join('bad', 'kustomization.yaml'), 'not-kubernetes', false, 1],
    ]);
    // stderr: one line per file.
    expect(json.stderr.trim().split('\n')).toHaveLength(4);
    expect(json.stderr).toMatch(/broken\.yaml:\d+: error: document 0: YAML error: .*\(and \d+ more YAML errors? in this file\)/);
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', path.join(tmp, 'bad')]).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes.map((n: any) => [n.descriptor.id, n.level])).toEqual([['yaml-error', 'error'], ['template', 'note'], ['not-kubernetes', 'note']]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });
  test('sarif: SARIF 2.1.0, a rule per id with help, results with physical locations', () => {
    const r = cli(['lint', '--format=sarif', path.join(SEEDS, '001-httpserver.yaml')]);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run0 = log.runs[0];
    expect(run0.tool.driver).toEqual(expect.objectContaining({ name: 'cdk8s-patterns', version: '9.9.9' }));
    const rule = run0.tool.driver.rules.find((x: any) => x.id === 'CKP102');
    expect(rule).toEqual(expect.objectContaining({ name: 'registry-credentials-in-secret', defaultConfiguration: { level: 'error' }, help: { text: expect.stringMatching(/Why: .*\n\nFix: /), markdown: expect.any(String) } }));
    const result = run0.results.find((x: any) => x.ruleId === 'CKP102');
    expect(result).toEqual(expect.objectContaining({
      ruleIndex: run0.tool.driver.rules.indexOf(rule),
      level: 'error',
      locations: [expect.objectContaining({ physicalLocation: { artifactLocation: { uri: expect.stringMatching(/test\/fixtures\/seeds\/001-httpserver\.yaml$/) }, region: { startLine: 8 } } })],
    }));
    expect(run0.results.find((x: any) => x.ruleId === 'CKP804').level).toBe('note');
    expect(run0.invocations[0].executionSuccessful).toBe(true);
  });
  test('text is sorted by file and line', () => {
    const r = cli(['lint', SEEDS]);
    const keys = r.stdout.split('\n').filter(l => l.startsWith(SEEDS)).map(l => /^(.*):(\d+) /.exec(l)!.slice(1));
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || Number(a[1]) - Number(b[1]));
    expect(keys).toEqual(sorted);
  });
});

describe('cdk8s-patterns: the catalogue', () => {
  test('--rules lists every rule', () => {
    const r = cli(['--rules']);
    expect(r.stdout).toMatch(/^CKP101 {2}error {4}image-mutable-tag/);
    expect(r.stdout).toMatch(/\nCKP910 {2}warning {2}shell-as-pid1 /);
  });
  test('--rules --format json gives the rules as data', () => {
    const rules = JSON.parse(cli(['lint', '--rules', '--format', 'json']).stdout);
    expect(rules.find((x: any) => x.id === 'CKP701')).toEqual(expect.objectContaining({ name: 'host-network', polaris: 'hostNetworkSet', kinds: expect.arrayContaining(['Deployment']) }));
  });
  test('--explain prints why, fix and how to suppress', () => {
    const r = cli(['--explain', 'ckp301']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CKP301 prestop-exceeds-grace-period \(error\)\n[\s\S]*\nWhy: [\s\S]*\nFix: [\s\S]*cdk8s-patterns\/suppress\.CKP301/);
    expect(cli(['--explain', 'CKP000'])).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringMatching(/no rule 'CKP000'/) }));
  });
});

describe('bin/cdk8s-patterns.js (what `npx cdk8s-patterns` runs: the compiled build/)', () => {
  test('lints stdin and sets the exit code', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cdk8s-patterns.js'), 'lint', '-'], { input: POD('nginx:latest'), encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toMatch(/CKP101 error/);
  });
  test('--version', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cdk8s-patterns.js'), '--version'], { encoding: 'utf8' });
    expect(r.stdout).toBe(`${require('../../package.json').version}\n`);
  });
  // The build bundles the CLI (scripts/bundle-cli.js); the bin runs it, with the same output as the library's `run`.
  test('runs the one-file bundle of the CLI, which the package ships, with the output of `run`', () => {
    const modules = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'bin/cdk8s-patterns.js'))}); process.on('exit', () => console.error(JSON.stringify(Object.keys(require.cache))))`, 'x', '--version'], { encoding: 'utf8' });
    const loaded = (JSON.parse(modules.stderr) as string[]).map(f => path.relative(ROOT, f));
    expect(loaded).toContain(path.join('build', 'lint', 'cli.bundle.cjs'));
    expect(loaded.filter(f => f.startsWith('build'))).toEqual([path.join('build', 'lint', 'cli.bundle.cjs')]);
    expect(require('../../package.json').files).toContain('build/lint/cli.bundle.cjs');
    const input = `${POD('nginx:latest')}---\n${POD('nginx:1.25', 'namespace: x')}`;
    const { version } = require('../../package.json');
    for (const format of ['text', 'json', 'sarif']) {
      const argv = ['lint', '--format', format, '-'];
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cdk8s-patterns.js'), ...argv], { input, encoding: 'utf8' });
      let stdout = '';
      const code = run(argv, { stdout: t => { stdout += t; }, stderr: () => undefined, readStdin: () => Buffer.from(input), version });
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: code, stdout });
    }
  });

  // bin/code-cache.js: the bundle's compiled code is kept in the project's node_modules/.cache.
  test('keeps V8\'s code cache of the bundle in node_modules/.cache; output is the same with it, without it and with a broken one', () => {
    // The package as a project has it: node_modules/cdk8s-patterns (bin copied, build linked), its dependencies beside it.
    const project = fs.mkdtempSync(path.join(tmp, 'project-'));
    const pkg = path.join(project, 'node_modules', 'cdk8s-patterns');
    fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
    for (const f of ['cdk8s-patterns.js', 'code-cache.js']) fs.copyFileSync(path.join(ROOT, 'bin', f), path.join(pkg, 'bin', f));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'build'), path.join(pkg, 'build'));
    for (const dep of ['js-yaml', 'yaml']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(project, 'node_modules', dep));
    const cacheDir = path.join(project, 'node_modules', '.cache', 'cdk8s-patterns');
    const lint = (...argv: string[]) => spawnSync(process.execPath, [path.join(pkg, 'bin', 'cdk8s-patterns.js'), ...argv], { input: POD('nginx:latest'), encoding: 'utf8' });
    const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

    expect(lint('--version').stdout).toBe(`${require('../../package.json').version}\n`);
    expect(cacheFiles()).toEqual([]); // a --version run compiles little: it writes no cache
    const first = lint('lint', '--format', 'json', '-');
    expect(first.status).toBe(1);
    expect(cacheFiles()).toEqual([expect.stringMatching(/^lint-cli\.[0-9a-f]{12}\.v8$/)]);
    const file = path.join(cacheDir, cacheFiles()[0]);
    const made = fs.readFileSync(file);
    const id = require('crypto').createHash('sha1').update(fs.readFileSync(path.join(ROOT, 'build/lint/cli.bundle.cjs'))).digest('hex');
    expect(made.subarray(0, made.indexOf(10)).toString()).toBe(id);
    expect(made.length).toBeGreaterThan(10_000);

    const second = lint('lint', '--format', 'json', '-');
    expect([second.status, second.stdout, second.stderr]).toEqual([first.status, first.stdout, first.stderr]);
    expect(fs.readFileSync(file).equals(made)).toBe(true); // used, not written again

    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${id}\n`), Buffer.alloc(5000, 7)]));
    const broken = lint('lint', '--format', 'json', '-');
    expect([broken.status, broken.stdout, broken.stderr]).toEqual([first.status, first.stdout, first.stderr]);
    expect(fs.readFileSync(file).length).toBeGreaterThan(10_000); // V8 rejected it: made again
  });
});
