// The consumer fixture (test/consumer/app: an unchanged `cdk8s init typescript-app` project plus its
// main.ts/main.test.ts) with the packed library installed, as a user's app has it. Shared by
// scripts/test-consumer.js (CI) and bench/consumer.ts.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const FIXTURE = path.join(ROOT, 'test/consumer/app');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ENV = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/** `npm pack` of this checkout (runs `prepare`: the build) into `dir`: the tarball and its file list. */
function pack(dir) {
  const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // npm prints the lifecycle scripts' output before the JSON.
  const [info] = JSON.parse(out.slice(out.indexOf('\n[') + 1 || out.indexOf('[')));
  return { tarball: path.join(dir, info.filename), files: info.files.map(f => f.path), size: info.size, unpackedSize: info.unpackedSize };
}

/** A copy of the fixture at `dir/app` with its own lockfile installed and the tarball added. */
function install(dir, tarball) {
  const app = path.join(dir, 'app');
  fs.cpSync(FIXTURE, app, { recursive: true, filter: src => !/[\\/](node_modules|dist|cdk8s\.out)$/.test(src) });
  execFileSync(NPM, ['ci', '--no-audit', '--no-fund'], { cwd: app, env: ENV, stdio: 'pipe' });
  execFileSync(NPM, ['install', '--no-save', '--no-audit', '--no-fund', tarball], { cwd: app, env: ENV, stdio: 'pipe' });
  return app;
}

/** Another app beside `app` sharing its node_modules (and tsconfig), from the given files. */
function sibling(app, name, files) {
  const dir = path.join(path.dirname(app), name);
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join(app, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(app, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** Runs `npx <args>` in `cwd`: status, combined output, wall time in ms. */
function npx(cwd, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

module.exports = { ROOT, FIXTURE, pack, install, sibling, npx, tmpdir: () => fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-consumer-')) };
