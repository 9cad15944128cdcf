'use strict';
// Lets Node require this package's TypeScript sources without a build step, for the CLI and the
// cdk8s validation plugin. Each .ts file is transpiled once (TypeScript's transpileModule: types
// stripped, nothing checked; `npm test` type-checks) and cached by content hash under
// node_modules/.cache, so later runs start without loading the compiler (~1 s saved).
// Compiled .js files next to the sources win: Node tries `.js` before `.ts`.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
// node_modules/.cache of the project: ours in a checkout, the consumer's when we are a dependency.
const NODE_MODULES = path.basename(path.dirname(ROOT)) === 'node_modules' ? path.dirname(ROOT) : path.join(ROOT, 'node_modules');
const CACHE = path.join(NODE_MODULES, '.cache', 'cdk8s-patterns-ts');
const COMPILER_OPTIONS = { module: 'commonjs', target: 'es2020', esModuleInterop: true };

let ts;
let salt;

function transpile(source, filename) {
  // The compiler version and options decide the output, so they are part of the key.
  salt ??= `${require('typescript/package.json').version}:${JSON.stringify(COMPILER_OPTIONS)}`;
  const key = crypto.createHash('sha1').update(salt).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  try {
    ts ??= require('typescript');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error('cdk8s-patterns runs from its TypeScript sources and needs the `typescript` package to read them '
      + '(once: the output is cached). Install it: npm install --save-dev typescript');
  }
  const options = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, ROOT).options;
  const js = ts.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, js);
    fs.renameSync(tmp, cached); // atomic: concurrent runs never read half a file
  } catch {
    // A read-only install still works, just without the cache.
  }
  return js;
}

// Another loader (ts-node, a test runner) already handles .ts: leave it in charge.
if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function loadTs(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}
