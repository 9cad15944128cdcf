// Jest transform: strips types with esbuild (types are checked by `tsc --noEmit` in `npm test`).
//
// Jest runs each test file in a vm context, whose global object answers every lookup of a global
// (`Array.isArray`, `String(x)`, `Math.max`) through an interceptor, much slower than a property of a
// plain object. The rules make millions of such lookups in the exhaustive tests, so each module
// reads the built-ins it names once, into a plain object, and esbuild's `define` points the free
// uses there (locals of the same name are left alone). Only built-ins that tests never replace: not
// Date, timers or Promise (jest's fake timers swap those on the global). Measured on
// test/rules/type-confusion.test.ts: ~25 % less time, paired.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const { transformSync, version } = require('esbuild');

const BUILTINS = ['Array', 'Object', 'String', 'Number', 'Boolean', 'Math', 'JSON', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'Symbol', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Reflect', 'parseInt', 'parseFloat', 'isNaN', 'isFinite'];
const HOLDER = '__builtins';
const define = Object.fromEntries(BUILTINS.map(n => [n, `${HOLDER}.${n}`]));
const banner = `var ${HOLDER} = { ${BUILTINS.join(', ')} };`;
// The output depends on this file and on esbuild, which jest's default cache key does not cover.
const SELF = crypto.createHash('sha1').update(fs.readFileSync(__filename)).update(version).digest('hex');

module.exports = {
  getCacheKey(src, filename) {
    return crypto.createHash('sha1').update(SELF).update('\0').update(filename).update('\0').update(src).digest('hex');
  },
  process(src, filename) {
    const { code, map } = transformSync(src, { loader: 'ts', format: 'cjs', target: 'es2020', sourcefile: filename, sourcemap: 'external', define, banner });
    return { code, map };
  },
};
