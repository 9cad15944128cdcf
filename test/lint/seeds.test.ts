import * as fs from 'fs';
import * as path from 'path';
import { lintSources, LintFinding } from '../../lib/lint/lint';

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = 'test/fixtures/seeds';

/** Lints the seeds' own manifests (test/fixtures/seeds, written from the YAML in ../shared/seeds). */
function lintDir(dir: string) {
  const files = fs.readdirSync(path.join(ROOT, dir)).filter(f => /\.ya?ml$/.test(f)).sort();
  return lintSources(files.map(f => ({ file: `${dir}/${f}`, content: fs.readFileSync(path.join(ROOT, dir, f)) })));
}

const seeds = lintDir(SEEDS);
const on = (object: string, ruleId: string | RegExp) => seeds.findings.filter(f => `${f.kind}/${f.name}` === object && (typeof ruleId === 'string' ? f.ruleId === ruleId : ruleId.test(f.ruleId)));
const at = (f: LintFinding) => `${f.file}:${f.line}`;

describe('lint on the seeds\' manifests reports every anti-pattern they teach', () => {
  test('seed 000: bash -ec as PID 1, running a keep-alive loop (shell-as-pid1)', () => {
    expect(on('Deployment/fedora-dev-tini-force', 'CKP910').map(f => [at(f), f.container, f.field])).toEqual([
      [`${SEEDS}/000-fedora-dev-tini-force.yaml:24`, 'fedora-dev-tini', 'spec.template.spec.containers[0].args'],
    ]);
  });

  test('seed 000: `command` replaces the image\'s init, /tini (CKP901)', () => {
    expect(on('Deployment/fedora-dev-tini-force', 'CKP901')).toEqual([expect.objectContaining({ container: 'fedora-dev-tini', level: 'warning' })]);
  });

  test('seed 000 and 004: `latest` and untagged images', () => {
    expect(on('Deployment/fedora-dev-tini-force', 'CKP101').map(f => f.message)).toEqual([expect.stringMatching(/mutable tag 'latest'/)]);
    expect(on('Pod/always', 'CKP101').map(f => f.message)).toEqual([expect.stringMatching(/'busybox:latest' uses the mutable tag/)]);
    expect(on('Job/bad', 'CKP101').map(f => f.message)).toEqual([expect.stringMatching(/'busybox' has no tag/)]);
  });

  test('seed 001: registry credentials pasted into a Secret manifest', () => {
    expect(on('Secret/cloudnative', 'CKP102').map(f => [at(f), f.level, f.message])).toEqual([
      [`${SEEDS}/001-httpserver.yaml:8`, 'error', 'Secret of type kubernetes.io/dockerconfigjson carries credentials for cloudnativestg1.azurecr.io in the manifest'],
    ]);
  });

  test('seed 001: readiness probe identical to the liveness probe', () => {
    expect(on('Deployment/httpserver', 'CKP206').map(f => [f.container, f.field])).toEqual([['httpserver', 'spec.template.spec.containers[0].livenessProbe']]);
  });

  test('seed 002: preStop sleeps 10000000 s against a 20 s grace period', () => {
    expect(on('Deployment/myserver-myapp-lifecycle', 'CKP301').map(f => [at(f), f.message])).toEqual([
      [`${SEEDS}/002-myserver-myapp-lifecycle.yaml:39`, expect.stringMatching(/preStop sleeps 10000000s, but terminationGracePeriodSeconds is 20s/)],
    ]);
  });

  test('seed 004: a bare Pod (CKP504)', () => {
    expect(on('Pod/always', 'CKP504')).toHaveLength(1);
  });

  test('seed 004: a Job that fails fast and retries without bound: no deadline (error), no backoffLimit, no ttl', () => {
    expect(on('Job/bad', /^CKP6\d\d$/).map(f => [f.ruleId, f.level])).toEqual([['CKP601', 'error'], ['CKP602', 'warning'], ['CKP603', 'warning']]);
  });

  test('the security rules fire on every seed workload that runs as root with a writable root filesystem', () => {
    const workloads = ['Deployment/fedora-dev-tini-force', 'Deployment/httpserver', 'Deployment/myserver-myapp-lifecycle', 'Job/bad', 'Pod/always'];
    for (const w of workloads) expect([w, on(w, 'CKP705').length, on(w, 'CKP706').length]).toEqual([w, 1, 1]);
  });

  test('counts per rule (the closing note of issue 5)', () => {
    const counts: Record<string, number> = {};
    for (const f of seeds.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    expect({ counts, objects: seeds.objects, problems: seeds.problems }).toMatchSnapshot();
  });
});

test('lint on the hardened output in dist/ reports nothing but the dev boxes\' reasoned relaxations', () => {
  const dist = lintDir('dist');
  expect(dist.objects).toBeGreaterThan(0);
  expect(dist.problems).toEqual([]);
  expect(dist.findings.filter(f => !f.suppressed)).toEqual([]);
  // DevContainer's named security profiles (root for sshd/apt, sudo, apt's capabilities) and its Recreate shutdown, each
  // with a reason; CKP707/CKP708 are suppressed by the Polaris exemptions of their twins (issue 15).
  expect(dist.findings.map(f => `${f.file} ${f.ruleId}`)).toEqual([
    'dist/fedora-dev.k8s.yaml CKP302', 'dist/fedora-dev.k8s.yaml CKP707', 'dist/fedora-dev.k8s.yaml CKP706',
    'dist/ubuntu-dev.k8s.yaml CKP708', 'dist/ubuntu-dev.k8s.yaml CKP705', 'dist/ubuntu-dev.k8s.yaml CKP706',
  ]);
  for (const f of dist.findings) expect(f.reason?.length).toBeGreaterThanOrEqual(10);
});
