// node scripts/prune-build.js: removes from build/ what no lib/ source compiles to any more. tsc's
// incremental build never deletes the output of a deleted or renamed source, and `npm pack` ships all
// of build/**/*.js: a stale module would reach users. Generated files that have no source
// (the schema's precompiled validators) are kept.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BUILD = path.join(ROOT, 'build');
const KEEP = new Set([path.join('schema', 'k8s-v1.27-validators.js')]);
const OUTPUT = /(\.d\.ts\.map|\.d\.ts|\.js)$/;

function walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(file);
      if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      continue;
    }
    const rel = path.relative(BUILD, file);
    if (!OUTPUT.test(rel) || KEEP.has(rel)) continue;
    if (!fs.existsSync(path.join(ROOT, 'lib', rel.replace(OUTPUT, '.ts')))) {
      fs.rmSync(file);
      process.stdout.write(`pruned build/${rel} (its source is gone)\n`);
    }
  }
}

walk(BUILD);
