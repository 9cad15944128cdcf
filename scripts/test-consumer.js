#!/usr/bin/env node
// `npm run test:consumer`: what a user installs works in an unchanged `cdk8s init typescript-app`.
// Packs this checkout, checks the tarball's file list, installs it into a copy of test/consumer/app
// and runs what the user runs there: `npx cdk8s synth`, `npx tsc --noEmit`, `npx jest`; then two
// apps beside it: the validation plugin by package in cdk8s.yaml (CKP101 on `nginx:latest`), and a
// GracefulWebApp whose grace period is too short (CKP301 with its fix).
//   --update   rewrite the fixture's jest snapshot from this build (review the diff)
//   --keep     leave the temp directory for a look
'use strict';
const fs = require('fs');
const path = require('path');
const { FIXTURE, pack, install, sibling, npx, tmpdir } = require('./consumer');

const update = process.argv.includes('--update');
const keep = process.argv.includes('--keep');
const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  return ok;
}
function step(name, run) {
  const started = Date.now();
  const value = run();
  console.log(`     ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}
const tail = text => text.trim().split('\n').slice(-25).join('\n');

const dir = tmpdir();
try {
  const tgz = step('npm pack (with the build)', () => pack(dir));
  const files = tgz.files;
  const stray = files.filter(f => /^(test|bench|apps|dist|scripts|\.ci|lib)\//.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)));
  check('tarball: no test/, bench/, apps/, dist/, scripts/, lib/ sources, no .ts but .d.ts', stray.length === 0, stray.slice(0, 5).join(', '));
  const pkg = require('../package.json');
  const needed = [pkg.main, pkg.types, 'build/lint/index.js', 'build/lint/index.d.ts', 'build/jest/index.js', 'build/jest/index.d.ts', 'build/schema/k8s-v1.27-strict.json', 'build/schema/k8s-v1.27-validators.js', 'build/schema/LICENSE-k8s-schema', 'bin/cdk8s-patterns.js', 'plugin/index.js', 'README.md', 'RULES.md', 'CHANGELOG.md', 'LICENSE', 'package.json'];
  const missing = needed.filter(f => !files.includes(f));
  check('tarball: main, types, lint and jest entries, the schema, bin, plugin, README, RULES, CHANGELOG, LICENSE', missing.length === 0, missing.join(', '));
  console.log(`     tarball: ${files.length} files, ${(tgz.size / 1024).toFixed(0)} kB packed, ${(tgz.unpackedSize / 1024).toFixed(0)} kB unpacked`);

  const app = step('npm ci + npm install <tarball>', () => install(dir, tgz.tarball));

  const synth = step('npx cdk8s synth', () => npx(app, ['cdk8s', 'synth']));
  const written = synth.status === 0 ? fs.readdirSync(path.join(app, 'dist')).map(f => fs.readFileSync(path.join(app, 'dist', f), 'utf8')).join('\n') : '';
  const kinds = [...new Set([...written.matchAll(/^kind: (\w+)$/gm)].map(m => m[1]))].sort();
  const expected = ['ConfigMap', 'CronJob', 'Deployment', 'Job', 'NetworkPolicy', 'PodDisruptionBudget', 'Service'];
  check('npx cdk8s synth exits 0 and writes the expected kinds', synth.status === 0 && expected.every(k => kinds.includes(k)), synth.status === 0 ? kinds.join(' ') : tail(synth.output));

  const tsc = step('npx tsc --noEmit', () => npx(app, ['tsc', '--noEmit']));
  check('npx tsc --noEmit (template tsconfig: lib es2016, @types/node 14, skipLibCheck off)', tsc.status === 0, tsc.status === 0 ? '' : tail(tsc.output));

  const jest = step('npx jest', () => npx(app, ['jest', update ? '--ci=false' : '--ci', ...(update ? ['-u'] : [])]));
  check('npx jest (snapshot test and cdk8s-patterns/jest matchers on the user\'s chart)', jest.status === 0, jest.status === 0 ? '' : tail(jest.output));
  if (update && jest.status === 0) {
    fs.cpSync(path.join(app, '__snapshots__'), path.join(FIXTURE, '__snapshots__'), { recursive: true });
    console.log('     snapshot copied back to test/consumer/app/__snapshots__');
  }

  const plugin = sibling(app, 'plugin-app', {
    'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\nvalidations:\n  - package: ./node_modules/cdk8s-patterns\n    version: 0.0.0\n    class: RulePackValidation\n',
    'main.ts': [
      "import { App, Chart } from 'cdk8s';",
      "import * as kplus from 'cdk8s-plus-27';",
      'const app = new App();',
      "const chart = new Chart(app, 'plain');",
      "new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:latest', portNumber: 80 }] });",
      'app.synth();',
      '',
    ].join('\n'),
  });
  const byPackage = step('plugin app: npx cdk8s synth', () => npx(plugin, ['cdk8s', 'synth']));
  check('the plugin by package (./node_modules/cdk8s-patterns) fails synth with CKP101', byPackage.status !== 0 && /CKP101/.test(byPackage.output), `exit ${byPackage.status}`);

  const grace = sibling(app, 'grace-app', {
    'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\n',
    'main.ts': [
      "import { App, Chart, Duration, Size } from 'cdk8s';",
      "import { GracefulWebApp, HealthCheck, kplus } from 'cdk8s-patterns';",
      'const app = new App();',
      "const chart = new Chart(app, 'shop');",
      "new GracefulWebApp(chart, 'web', {",
      "  image: 'registry.example.com/shop/web:2.4.1', port: 8080, readiness: HealthCheck.httpGet('/healthz'),",
      '  resources: { requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(256) } },',
      '  terminationGracePeriod: Duration.seconds(20), drainTimeout: Duration.seconds(30),',
      '});',
      'app.synth();',
      '',
    ].join('\n'),
  });
  const short = step('grace app: npx cdk8s synth', () => npx(grace, ['cdk8s', 'synth']));
  check('a too-short grace period fails synth with CKP301 and the fix', short.status !== 0 && /\[CKP301\]/.test(short.output) && /Fix: raise terminationGracePeriod/.test(short.output), `exit ${short.status}`);
} catch (e) {
  check('consumer test ran to the end', false, e.stderr ? tail(String(e.stderr)) : e.message);
} finally {
  if (keep) console.log(`     kept: ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
const failed = results.filter(ok => !ok).length;
console.log(`consumer: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
