// Runs a TypeScript entry point (`node scripts/run-ts.js apps/main.ts`): esbuild bundles it with our
// sources in one call (node_modules stay external), and node runs the bundle as the main module.
// No type-check here (that is `npm test`), nothing written to disk, so no build can go stale.
// Caveat of bundling: `__dirname` in bundled code is the entry's directory.
'use strict';
const path = require('path');
const Module = require('module');
const { buildSync } = require('esbuild');

const entry = path.resolve(process.argv[2]);
const { outputFiles } = buildSync({
  entryPoints: [entry],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  write: false,
  // Source maps cost time on every synth; made only when asked for (node --enable-source-maps).
  sourcemap: process.sourceMapsEnabled ? 'inline' : false,
});
const main = new Module(entry, null);
main.filename = entry;
main.paths = Module._nodeModulePaths(path.dirname(entry));
process.mainModule = main; // `require.main === module` holds in the entry, as under plain node
process.argv.splice(1, 1); // the entry sees argv as if node had run it
main._compile(outputFiles[0].text, entry);
