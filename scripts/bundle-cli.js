// node scripts/bundle-cli.js: build/lint/cli.bundle.cjs, the compiled CLI (build/lint/cli.js and what it
// requires of ours) in one file, which bin/cdk8s-patterns.js runs. A short-lived process pays for every
// module it loads (resolution, a package.json lookup, a wrapper) and for calls between modules; one
// bundle made a lint of 3,000 objects about a tenth cheaper in CPU time. Packages (js-yaml, yaml) stay
// dependencies, and the schema (CKP800, `--schema`: 2 MB of validators) stays a module loaded only when
// asked for. `.cjs`: not a tsc output, so scripts/prune-build.js leaves it alone.
'use strict';
const path = require('path');
const { buildSync } = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
buildSync({
  entryPoints: [path.join(ROOT, 'build/lint/cli.js')],
  outfile: path.join(ROOT, 'build/lint/cli.bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  packages: 'external',
  external: ['../schema/lint-rules'],
  logLevel: 'warning',
});
