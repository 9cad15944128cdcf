// Runs TypeScript sources directly: strips types with swc (no type-check; `npm test` type-checks),
// so `cdk8s synth` never runs a stale build and never pays for loading the TypeScript compiler.
'use strict';
const fs = require('fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    // Source maps cost ~20% of a synth; made only when asked for (node --enable-source-maps).
    sourceMaps: process.sourceMapsEnabled ? 'inline' : false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
