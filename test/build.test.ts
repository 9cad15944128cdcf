import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const { inputsHash } = require('../scripts/build.js') as { inputsHash: (root: string) => string };

// scripts/build.js skips the build when its inputs hash is the one stamped by the last build.
describe('the build is skipped only when nothing it reads changed', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-build-'));
    write('lib/index.ts', 'export const a = 1;\n');
    write('lib/schema/k8s.json', '{}');
    write('tsconfig.json', '{}');
    write('tsconfig.build.json', '{}');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the same content gives the same hash, even rewritten (timestamps do not count)', () => {
    const before = inputsHash(root);
    write('lib/index.ts', 'export const a = 1;\n');
    expect(inputsHash(root)).toBe(before);
  });

  test.each([
    ['an edit under lib/ (same size)', () => write('lib/index.ts', 'export const a = 2;\n')],
    ['an edit to a data file under lib/', () => write('lib/schema/k8s.json', '{"a":1}')],
    ['a new file under lib/', () => write('lib/pod/new.ts', '')],
    ['a renamed file', () => fs.renameSync(path.join(root, 'lib/index.ts'), path.join(root, 'lib/main.ts'))],
    ['tsconfig.build.json', () => write('tsconfig.build.json', '{"compilerOptions":{}}')],
    ['a build script', () => write('scripts/prune-build.js', '//')],
  ])('%s changes the hash', (_, change) => {
    const before = inputsHash(root);
    change();
    expect(inputsHash(root)).not.toBe(before);
  });
});

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
