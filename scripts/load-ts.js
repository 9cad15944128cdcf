// Runs this repository's TypeScript without a build step, for the dev entry points (a dev tool:
// not shipped; the CLI and the plugin run the compiled build/): `run-ts.js` (cdk8s
// synth, benchmarks). esbuild bundles an entry with our sources and the packages they import into
// one CommonJS module (node's own modules and esbuild stay external), and node runs it. No
// type-check here (that is `npm test`).
//
// Why the packages too: loading cdk8s-plus-27 with cdk8s, constructs and yaml is ~135 module files,
// each resolved, read and compiled on its own; from one file it took half the CPU time (0.22 s vs
// 0.42 s, node's start included). The bundle is cached in node_modules/.cache with the hash and the stat stamp of each file it
// was built from (ours and the packages'), and used only while every one of them is unchanged: a
// file whose stamp (inode, size, mtime, ctime) still matches is unchanged; any other is hashed and
// compared. An edit always changes ctime, which no tool can set back, so an edit is never missed,
// and a warm start stats files instead of reading them. V8's code cache for the bundle is kept
// beside it (see compile()).
// Caveats of bundling: `__dirname` in our bundled code is the entry's directory (in a package's
// code it stays the package file's own); a package that needs its own files at run time stays
// external (EXTERNAL).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { compileCached, writeAtomic } = require('../bin/code-cache');

const ROOT = path.resolve(__dirname, '..');
// node_modules/.cache of the project: ours in a checkout, the consumer's when we are a dependency.
const NODE_MODULES = path.basename(path.dirname(ROOT)) === 'node_modules' ? path.dirname(ROOT) : path.join(ROOT, 'node_modules');
const CACHE = path.join(NODE_MODULES, '.cache', 'cdk8s-patterns');
/** Packages node loads from node_modules: esbuild finds its binary relative to its own files. */
const EXTERNAL = ['esbuild'];
/** Changes when what a bundle holds changes (a new cache file, not a stale one). */
const FORMAT = 2;

const hash = data => crypto.createHash('sha1').update(data).digest('hex');

/** What identifies a file's content without reading it; equal stamps mean the file is unchanged. */
function stamp(file) {
  const s = fs.statSync(file);
  return [s.ino, s.size, s.mtimeMs, s.ctimeMs];
}
const sameStamp = (a, b) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/** The first two lines of a cached bundle (comments: the bundle runs as it is). */
const SOURCES = '// cdk8s-patterns sources: ';
const STAMPS = '// cdk8s-patterns stamps: ';

/** The bundle of `entry` and where its code cache goes, from the cache when its files are unchanged. */
function bundle(entry, cacheDir) {
  const sourcemap = process.sourceMapsEnabled ? 'inline' : false;
  // ROOT too: package files' paths are written into the bundle.
  const key = hash(JSON.stringify({ root: ROOT, entry: path.relative(ROOT, entry), sourcemap, esbuild: esbuildVersion(), format: FORMAT }));
  // One file, so that it is replaced atomically: the hash of each file, their stamps, then the bundle.
  const cached = path.join(cacheDir, `${key}.js`);
  // V8 rejects a code cache made under other flags or another version: one per node and flags.
  const v8 = hash(JSON.stringify([process.version, process.execArgv])).slice(0, 12);
  const found = (code, sources) => ({ code, id: `${key}.${hash(JSON.stringify(sources))}`, codeCache: path.join(cacheDir, `${key}.${v8}.v8`) });
  try {
    const text = fs.readFileSync(cached, 'utf8');
    const end1 = text.indexOf('\n');
    const end2 = text.indexOf('\n', end1 + 1);
    if (text.startsWith(SOURCES) && text.startsWith(STAMPS, end1 + 1)) {
      const sources = JSON.parse(text.slice(SOURCES.length, end1));
      const stamps = JSON.parse(text.slice(end1 + 1 + STAMPS.length, end2));
      let restamped = false;
      const unchanged = Object.entries(sources).every(([file, digest]) => {
        const full = `${ROOT}${path.sep}${file}`;
        const now = stamp(full);
        if (sameStamp(stamps[file], now)) return true;
        // Touched, checked out again, or changed just before the build: hashed, as the stamp cannot tell.
        if (hash(fs.readFileSync(full)) !== digest) return false;
        if (settled(now)) {
          stamps[file] = now;
          restamped = true;
        }
        return true;
      });
      if (unchanged) {
        const code = text.slice(end2 + 1);
        if (restamped) {
          try {
            writeCache(cached, sources, stamps, code);
          } catch {
            // read-only: hashed again next time
          }
        }
        return found(code, sources);
      }
    }
  } catch {
    // not cached yet, or a source is gone: build
  }
  const { code, files } = build(entry, sourcemap);
  const sources = {};
  const stamps = {};
  for (const [file, built] of Object.entries(files)) {
    sources[file] = built.digest;
    stamps[file] = built.stamp;
  }
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    writeCache(cached, sources, stamps, code);
    return found(code, sources);
  } catch {
    // A read-only install still works, just without the cache.
    return { code };
  }
}

/**
 * A stamp to trust: the file last changed well before it was taken. File times are coarse (a
 * clock tick), so a file changed twice within one tick can keep its stamp; a stamp taken 2 s later
 * than the change it shows cannot miss the next one. A newer stamp is not kept: the file is hashed.
 */
const settled = ([, , mtimeMs, ctimeMs], now = Date.now()) => mtimeMs < now - 2000 && ctimeMs < now - 2000;

function writeCache(file, sources, stamps, code) {
  writeAtomic(file, `${SOURCES}${JSON.stringify(sources)}\n${STAMPS}${JSON.stringify(stamps)}\n${code}`);
}

/**
 * Bundles `entry` in a child process: esbuild's plugins need its asynchronous API. Returns the code
 * and, for each file it was built from (relative to ROOT), the hash of the content esbuild bundled
 * and its stamp (null when too recent to trust). Only after an edit; a warm start reads the cache.
 */
function build(entry, sourcemap) {
  const r = require('child_process').spawnSync(process.execPath, [__filename, '--build', JSON.stringify({ entry, sourcemap })], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`esbuild could not bundle ${path.relative(ROOT, entry)}:\n${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

/** The child's side of build(): esbuild's asynchronous build, the result as JSON on stdout. */
async function buildChild({ entry, sourcemap }) {
  const files = {};
  /** Stamped before it is read: a change after the stamp changes the stamp. */
  const read = file => {
    const s = stamp(file);
    const data = fs.readFileSync(file);
    files[path.relative(ROOT, file)] = { digest: hash(data), stamp: settled(s) ? s : null };
    return data;
  };
  const result = await require('esbuild').build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    external: EXTERNAL,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    write: false,
    metafile: true,
    // Source maps cost time; made only when asked for (node --enable-source-maps).
    sourcemap,
    logLevel: 'silent',
    plugins: [{ name: 'cdk8s-patterns-files', setup: b => b.onLoad({ filter: /./, namespace: 'file' }, args => load(args.path, read)) }],
  });
  // tsconfig.json too: esbuild reads settings from it that change the output.
  if (fs.existsSync(path.join(ROOT, 'tsconfig.json'))) read(path.join(ROOT, 'tsconfig.json'));
  // The files esbuild bundled (read by read(), unless no loader above knows them), and tsconfig.json.
  const inputs = new Set([...Object.keys(result.metafile.inputs), 'tsconfig.json']);
  for (const f of inputs) if (!files[f] && fs.existsSync(path.join(ROOT, f))) read(path.join(ROOT, f));
  process.stdout.write(JSON.stringify({ code: result.outputFiles[0].text, files: Object.fromEntries([...inputs].filter(f => files[f]).map(f => [f, files[f]])) }));
}

const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.cjs': 'js', '.mjs': 'js', '.json': 'json' };

/**
 * A file for esbuild, read by `read` (which hashes what is bundled). A package's code that reads
 * `__dirname`/`__filename` (cdk8s' Yaml.load runs a script beside it) gets its own file's values,
 * as when node loads it; esbuild would give every module the bundle's.
 */
function load(file, read) {
  const loader = LOADERS[path.extname(file)];
  if (!loader) return undefined;
  const data = read(file);
  if (!/[\\/]node_modules[\\/]/.test(file)) return { contents: data, loader };
  const text = data.toString('latin1');
  // Most package files: esbuild reads them itself, after read() (not sent back: cheaper).
  if (loader !== 'js' || !/\b__(?:dirname|filename)\b/.test(text)) return undefined;
  return withOwnPaths(file, data.toString('utf8'), loader);
}

function withOwnPaths(file, text, loader) {
  // After a hashbang and 'use strict' (which must stay first, comments aside, to mean anything).
  const prologue = /^(?:#![^\n]*)?(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|(['"])use strict\1;?)*/.exec(text)[0];
  const paths = `var __dirname = ${JSON.stringify(path.dirname(file))}, __filename = ${JSON.stringify(file)};`;
  return { contents: `${prologue}${paths}${text.slice(prologue.length)}`, loader };
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
 * Compiles the bundle as node compiles a CommonJS module, with V8's code cache when there is one
 * for this very bundle (bin/code-cache.js, which the lint CLI uses too). Returns the module function.
 * The cache is made at exit of the second run of a bundle: after each edit the first run only notes
 * the bundle, so an edit-and-synth loop never pays for a cache it will not use.
 */
function compile({ code, id, codeCache }, filename) {
  if (!codeCache) return undefined;
  return compileCached(code, filename, { id, cacheFile: codeCache, firstRun: 'note' });
}

/**
 * Loads a TypeScript entry point of this package as a CommonJS module and returns its exports.
 * With `main`, it runs as the program's main module (`require.main === module` holds, and argv is as
 * if node had run it: `node scripts/run-ts.js apps/main.ts x` gives apps/main.ts argv[2] = 'x').
 * `cacheDir` is for tests.
 */
function loadTs(file, { main = false, cacheDir = CACHE } = {}) {
  const entry = path.resolve(file);
  const bundled = bundle(entry, cacheDir);
  const mod = new Module(entry, main ? null : module);
  mod.filename = entry;
  mod.paths = Module._nodeModulePaths(path.dirname(entry));
  if (main) {
    process.mainModule = mod;
    process.argv.splice(1, 1);
  }
  // Under --enable-source-maps node's own compile, which registers the bundle's source map.
  const fn = process.sourceMapsEnabled ? undefined : compile(bundled, entry);
  if (fn) {
    const req = Module.createRequire(entry);
    fn.call(mod.exports, mod.exports, req, mod, entry, path.dirname(entry));
  } else {
    mod._compile(bundled.code, entry);
  }
  mod.loaded = true;
  return mod.exports;
}

/** The bundle `loadTs(file)` runs (with an inline source map under --enable-source-maps): for the profiler. */
function bundleOf(file, { cacheDir = CACHE } = {}) {
  return bundle(path.resolve(file), cacheDir).code;
}

if (process.argv[2] === '--build' && require.main === module) {
  buildChild(JSON.parse(process.argv[3])).catch(e => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}

module.exports = { loadTs, bundleOf };
