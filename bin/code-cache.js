'use strict';
// V8's code cache for one large CommonJS file (the lint CLI bundle; scripts/load-ts.js's bundles).
// A short process spends much of its time compiling the functions it runs, the same ones every run;
// V8 can save them after a run and load them in the next instead (node 22 does this by itself with
// module.enableCompileCache(); node 18 and 20 need it done by hand).
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

/**
 * Compiles `code` as node compiles a CommonJS module and returns the module function, with the code
 * cache in `cacheFile` when it was made from this very `id` (V8 also checks the source and its own
 * flags, and rejects a cache that does not match). A missing or stale cache is written at exit,
 * from the functions compiled by then (so only by a run that `writes`: one that ran the code a
 * typical run runs); with `firstRun: 'note'` the first run after a change only notes the id and the
 * second writes the cache (an edit-and-run loop never pays for a cache it will not use). A cache that
 * cannot be read or written is no error: the code is compiled as usual.
 */
function compileCached(code, filename, { id, cacheFile, firstRun = 'write', writes = true }) {
  let cachedData;
  let seen = false;
  try {
    const data = fs.readFileSync(cacheFile);
    // The first line names what the cache was made from; nothing after it: seen once.
    const end = data.indexOf(10);
    if (end >= 0 && data.subarray(0, end).toString() === id) {
      seen = true;
      if (data.length > end + 1) cachedData = data.subarray(end + 1);
    }
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(code), {
    filename,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (writes && (!cachedData || script.cachedDataRejected)) {
    const write = seen || firstRun === 'write';
    process.once('exit', () => {
      try {
        writeAtomic(cacheFile, write ? Buffer.concat([Buffer.from(`${id}\n`), script.createCachedData()]) : `${id}\n`);
      } catch {
        // read-only: no code cache
      }
    });
  }
  return script.runInThisContext({ displayErrors: true });
}

/** Writes a file whole or not at all (a concurrent run reads the old file or the new one). */
function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * Loads a CommonJS file through the code cache and returns its exports: what `require(file)` returns,
 * for a self-contained file (a bundle: it gets its own `require` for what it leaves out).
 */
function requireCached(file, { cacheFile, writes = true }) {
  const code = fs.readFileSync(file, 'utf8');
  const id = require('crypto').createHash('sha1').update(code).digest('hex');
  const fn = compileCached(code, file, { id, cacheFile, writes });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  // In require's cache, as `require(file)` would put it (and take it out if loading throws).
  Module._cache[file] = mod;
  try {
    fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  } catch (e) {
    delete Module._cache[file];
    throw e;
  }
  mod.loaded = true;
  return mod.exports;
}

module.exports = { compileCached, requireCached, writeAtomic };
