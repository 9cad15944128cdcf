import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// scripts/load-ts.js: how the CLI, the validation plugin and `cdk8s synth` run our TypeScript.
const { loadTs } = require('../scripts/load-ts');

describe('loadTs', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-load-ts-'));
    cacheDir = path.join(dir, 'cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Written a minute ago: load-ts does not cache a bundle of sources written just before it was built.
  const write = (file: string, text: string) => {
    fs.writeFileSync(path.join(dir, file), text);
    const then = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, file), then, then);
  };
  const load = () => loadTs(path.join(dir, 'entry.ts'), { cacheDir });

  test('runs a TypeScript entry with its imports and returns its exports', () => {
    write('dep.ts', 'export const two: number = 2;\n');
    write('entry.ts', "import { two } from './dep';\nexport const answer = (x: number): number => x * two;\nexport const where = __dirname;\n");
    const m = load();
    expect(m.answer(21)).toBe(42);
    expect(m.where).toBe(dir);
    // One bundle, after the hashes of the sources it was built from.
    const [cached] = fs.readdirSync(cacheDir);
    expect(fs.readFileSync(path.join(cacheDir, cached), 'utf8')).toMatch(/^\/\/ cdk8s-patterns sources: \{"[^"]*dep\.ts":"[0-9a-f]{40}"/);
  });

  test('a changed source is never served from the cache, even with the same size and an edit in an import', () => {
    write('dep.ts', 'export const n = 1;\n');
    write('entry.ts', "export { n } from './dep';\n");
    expect(load().n).toBe(1);
    const bundle = fs.readdirSync(cacheDir).find(f => f.endsWith('.js'))!;
    const built = fs.statSync(path.join(cacheDir, bundle)).mtimeMs;
    expect(load().n).toBe(1);
    expect(fs.statSync(path.join(cacheDir, bundle)).mtimeMs).toBe(built); // served from the cache
    write('dep.ts', 'export const n = 7;\n');
    expect(load().n).toBe(7);
  });
});

describe('loadTs cache', () => {
  test('a source written just before the build is bundled but not cached (esbuild may have read it half-written)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-load-ts-'));
    try {
      fs.writeFileSync(path.join(dir, 'entry.ts'), 'export const n: number = 3;\n');
      expect(loadTs(path.join(dir, 'entry.ts'), { cacheDir: path.join(dir, 'cache') }).n).toBe(3);
      expect(fs.existsSync(path.join(dir, 'cache'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
