import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// scripts/prune-build.js (part of `npm run build`, which `npm test` runs first): tsc never deletes the
// output of a deleted source, and npm pack ships build/**/*.js, so the build prunes it.
const ROOT = path.join(__dirname, '..');
const BUILD = path.join(ROOT, 'build');

test('outputs without a lib/ source are removed; compiled sources and the schema validators stay', () => {
  const orphan = path.join(BUILD, 'rules', 'objects', 'zz-deleted-rule');
  for (const ext of ['.js', '.d.ts', '.d.ts.map']) fs.writeFileSync(orphan + ext, '');
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/prune-build.js')], { encoding: 'utf8' });
  expect(out).toContain('pruned build/rules/objects/zz-deleted-rule.js');
  for (const ext of ['.js', '.d.ts', '.d.ts.map']) expect(fs.existsSync(orphan + ext)).toBe(false);
  expect(fs.existsSync(path.join(BUILD, 'index.js'))).toBe(true);
  expect(fs.existsSync(path.join(BUILD, 'schema', 'k8s-v1.27-validators.js'))).toBe(true);
});
