// `npm run build` (also `prepare`, and the first step of `npm test`): lib/ compiled to build/ as
// `tsc -p tsconfig.build.json` does (through TypeScript's API, scripts/typescript.js: npm test's
// type-check then reuses what this compile parsed), then the schema's precompiled validators
// (compile-schema.js), the pruning of outputs whose source is gone (prune-build.js) and the CLI in
// one file (bundle-cli.js). When nothing the build reads has
// changed since the last successful build, it does nothing: even tsc's incremental no-op costs ~2 s,
// and `npm test` runs the build every time. "Nothing changed" is decided by content (a hash of every
// file under lib/, the tsconfigs, these scripts and the versions of the compiler, ajv and esbuild),
// never by timestamps, and build/'s entry files must still be there. `--force` always builds.
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BUILD = path.join(ROOT, 'build');
const STAMP = path.join(BUILD, '.inputs');
const OUTPUTS = ['index.js', 'index.d.ts', 'lint/cli.js', 'lint/cli.bundle.cjs', 'schema/k8s-v1.27-validators.js'].map(f => path.join(BUILD, f));

/** Every file under `dir`, except under the directories in `skip`. */
function files(dir, skip = []) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (!e.isDirectory()) return [full];
    return skip.includes(full) ? [] : files(full, skip);
  });
}

/** A hash of the files' paths (relative to `root`) and contents, and of the packages' versions. */
function contentHash(root, inputs, packages) {
  const h = crypto.createHash('sha1');
  // A missing input file counts as empty.
  for (const file of [...inputs].sort()) h.update(`${path.relative(root, file)}\0`).update(fs.existsSync(file) ? fs.readFileSync(file) : '').update('\0');
  for (const pkg of packages) h.update(`${pkg}@${require(`${pkg}/package.json`).version}\0`);
  return h.digest('hex');
}

/** The hash of everything the build of `root` reads. */
function inputsHash(root = ROOT) {
  return contentHash(root, [
    ...files(path.join(root, 'lib')),
    ...['tsconfig.json', 'tsconfig.build.json', 'scripts/build.js', 'scripts/typescript.js', 'scripts/compile-schema.js', 'scripts/prune-build.js', 'scripts/bundle-cli.js'].map(f => path.join(root, f)),
  ], ['typescript', 'ajv', 'esbuild']);
}

/** Whether build/ was built from lib/ as it is now (`key`: its inputsHash) and its entry files are there. */
function isCurrent(key = inputsHash()) {
  return OUTPUTS.every(f => fs.existsSync(f)) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === key;
}

/** Runs a script of this directory; resolves to whether it exited 0. */
function step(script, ...args) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(__dirname, script), ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('close', code => resolve(code === 0));
  });
}

/**
 * Builds unless build/ is current (or with `force`); resolves to whether it succeeded. `compiler`: a
 * scripts/typescript.js Compiler to compile with (npm test passes the one its type-check uses).
 */
async function build({ force = false, compiler } = {}) {
  const key = inputsHash();
  if (!force && isCurrent(key)) return true;
  // A failed build leaves no stamp, so the next run builds again.
  fs.rmSync(STAMP, { force: true });
  const tsc = (compiler ?? new (require('./typescript').Compiler)()).compile('tsconfig.build.json', {}, { pretty: process.stdout.isTTY === true });
  process.stdout.write(tsc.output);
  if (!tsc.ok) return false;
  // Each reads tsc's output and none another's (prune-build keeps the validators and the bundle, and
  // removes only files no source compiles to, which no compiled module imports): side by side.
  const steps = await Promise.all([step('compile-schema.js', 'build/schema'), step('prune-build.js'), step('bundle-cli.js')]);
  if (steps.includes(false)) return false;
  fs.writeFileSync(STAMP, key);
  return true;
}

if (require.main === module) {
  build({ force: process.argv.includes('--force') }).then(ok => { if (!ok) process.exitCode = 1; });
}
module.exports = { build, contentHash, files, inputsHash, isCurrent };
