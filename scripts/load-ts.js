// Runs this repository's TypeScript without a build step, for the dev entry points (a dev tool:
// not shipped; the CLI and the plugin run the compiled build/): `run-ts.js` (cdk8s
// synth, benchmarks). esbuild bundles an entry with our sources in one call (packages stay external:
// node resolves them as usual) and node runs the bundle as one CommonJS module. No type-check here
// (that is `npm test`).
//
// The bundle is cached in node_modules/.cache with the hash of each source it was built from, and
// used only while every one of them still has that content: an edit is never missed, and a warm
// start reads one file instead of resolving and loading each module.
// Caveat of bundling: `__dirname` in bundled code is the entry's directory.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const Module = require('module');

const ROOT = path.resolve(__dirname, '..');
// node_modules/.cache of the project: ours in a checkout, the consumer's when we are a dependency.
const NODE_MODULES = path.basename(path.dirname(ROOT)) === 'node_modules' ? path.dirname(ROOT) : path.join(ROOT, 'node_modules');
const CACHE = path.join(NODE_MODULES, '.cache', 'cdk8s-patterns');

const hash = data => crypto.createHash('sha1').update(data).digest('hex');

/** The bundle of `entry`, from the cache when its sources are unchanged. */
function bundle(entry, cacheDir) {
  // Source maps cost time; made only when asked for (node --enable-source-maps).
  const options = {
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    write: false,
    metafile: true,
    sourcemap: process.sourceMapsEnabled ? 'inline' : false,
  };
  const key = hash(JSON.stringify({ entry: path.relative(ROOT, entry), sourcemap: options.sourcemap, esbuild: esbuildVersion() }));
  // One file, so that it is replaced atomically: a first line with the hash of each source, then the bundle.
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    const text = fs.readFileSync(cached, 'utf8');
    const end = text.indexOf('\n');
    const sources = text.startsWith(SOURCES) ? JSON.parse(text.slice(SOURCES.length, end)) : undefined;
    if (sources && Object.entries(sources).every(([file, digest]) => hash(fs.readFileSync(path.join(ROOT, file))) === digest)) {
      return text.slice(end + 1);
    }
  } catch {
    // not cached yet, or a source is gone: build
  }
  const started = Date.now();
  const { outputFiles, metafile } = require('esbuild').buildSync(options);
  const code = outputFiles[0].text;
  try {
    // tsconfig.json too: esbuild reads settings from it that change the output.
    const files = [...Object.keys(metafile.inputs), ...(fs.existsSync(path.join(ROOT, 'tsconfig.json')) ? ['tsconfig.json'] : [])].map(f => path.join(ROOT, f));
    // A source written while (or just before) esbuild read it may not be what the hash below reads: no cache then.
    if (files.every(f => fs.statSync(f).mtimeMs < started - 2000)) {
      const sources = Object.fromEntries(files.map(f => [path.relative(ROOT, f), hash(fs.readFileSync(f))]));
      fs.mkdirSync(cacheDir, { recursive: true });
      writeAtomic(cached, `${SOURCES}${JSON.stringify(sources)}\n${code}`);
    }
  } catch {
    // A read-only install still works, just without the cache.
  }
  return code;
}

/** The first line of a cached bundle (a comment: the bundle runs as it is). */
const SOURCES = '// cdk8s-patterns sources: ';

/** Concurrent runs never read half a file. */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function esbuildVersion() {
  try {
    return require('esbuild/package.json').version;
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error('cdk8s-patterns runs from its TypeScript sources and needs the `esbuild` package to read them. Install it: npm install esbuild');
  }
}

/**
 * Loads a TypeScript entry point of this package as a CommonJS module and returns its exports.
 * With `main`, it runs as the program's main module (`require.main === module` holds, and argv is as
 * if node had run it: `node scripts/run-ts.js apps/main.ts x` gives apps/main.ts argv[2] = 'x').
 * `cacheDir` is for tests.
 */
function loadTs(file, { main = false, cacheDir = CACHE } = {}) {
  const entry = path.resolve(file);
  const code = bundle(entry, cacheDir);
  const mod = new Module(entry, main ? null : module);
  mod.filename = entry;
  mod.paths = Module._nodeModulePaths(path.dirname(entry));
  if (main) {
    process.mainModule = mod;
    process.argv.splice(1, 1);
  }
  mod._compile(code, entry);
  mod.loaded = true;
  return mod.exports;
}

/** The bundle `loadTs(file)` runs (with an inline source map under --enable-source-maps): for the profiler. */
function bundleOf(file, { cacheDir = CACHE } = {}) {
  return bundle(path.resolve(file), cacheDir);
}

module.exports = { loadTs, bundleOf };
