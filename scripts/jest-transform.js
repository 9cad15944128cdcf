// Jest transform: strips types with esbuild (types are checked by `tsc --noEmit` in `npm test`).
'use strict';
const { transformSync } = require('esbuild');

module.exports = {
  process(src, filename) {
    const { code, map } = transformSync(src, { loader: 'ts', format: 'cjs', target: 'es2020', sourcefile: filename, sourcemap: 'external' });
    return { code, map };
  },
};
