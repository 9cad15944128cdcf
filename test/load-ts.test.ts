import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// scripts/load-ts.js: how `cdk8s synth`, the benchmarks and the dev scripts run our TypeScript.
const { loadTs } = require('../scripts/load-ts');

describe('loadTs', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-load-ts-'));
    cacheDir = path.join(dir, 'cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Written a minute ago: load-ts trusts the stat stamp only of a file that changed well before it looked.
  const write = (file: string, text: string, time = new Date(Date.now() - 60_000)) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    fs.utimesSync(path.join(dir, file), time, time);
  };
  const load = () => loadTs(path.join(dir, 'entry.ts'), { cacheDir });
  const bundleFile = () => path.join(cacheDir, fs.readdirSync(cacheDir).find(f => f.endsWith('.js'))!);
  /** The cache's header: the hash and the stamp of each file, by path relative to the project. */
  const header = () => {
    const [sources, stamps] = fs.readFileSync(bundleFile(), 'utf8').split('\n', 2).map(l => JSON.parse(l.slice(l.indexOf('{'))));
    const key = (name: string) => Object.keys(sources).find(f => f.endsWith(`/${name}`))!;
    return { sources, stamps, key };
  };

  test('runs a TypeScript entry with its imports and returns its exports', () => {
    write('dep.ts', 'export const two: number = 2;\n');
    write('entry.ts', "import { two } from './dep';\nexport const answer = (x: number): number => x * two;\nexport const where = __dirname;\n");
    const m = load();
    expect(m.answer(21)).toBe(42);
    expect(m.where).toBe(dir);
    // One bundle, after the hashes of the sources it was built from.
    expect(fs.readFileSync(bundleFile(), 'utf8')).toMatch(/^\/\/ cdk8s-patterns sources: \{"[^"]*dep\.ts":"[0-9a-f]{40}"/);
  });

  test('a changed source is never served from the cache, even with the same size, mtime and an edit in an import', () => {
    const then = new Date(Date.now() - 60_000);
    write('dep.ts', 'export const n = 1;\n', then);
    write('entry.ts', "export { n } from './dep';\n");
    expect(load().n).toBe(1);
    const built = fs.statSync(bundleFile()).mtimeMs;
    expect(load().n).toBe(1);
    expect(fs.statSync(bundleFile()).mtimeMs).toBe(built); // served from the cache
    // Same size and the same mtime: only the ctime (which utimes cannot set) tells.
    write('dep.ts', 'export const n = 7;\n', then);
    expect(load().n).toBe(7);
  });

  test('bundles packages; a package file keeps its own __dirname and its strict mode', () => {
    write('node_modules/pkg/package.json', '{ "name": "pkg", "main": "index.js" }\n');
    write('node_modules/pkg/index.js', "/* a licence header */\n'use strict';\nexports.where = __dirname;\nexports.strict = (function () { return this === undefined; })();\n");
    write('entry.ts', "// @ts-ignore\nexport { where, strict } from 'pkg';\nexport const here = __dirname;\n");
    const m = load();
    expect(m).toMatchObject({ where: path.join(dir, 'node_modules', 'pkg'), strict: true, here: dir });
    const { sources } = header();
    expect(Object.keys(sources).some(f => f.endsWith('node_modules/pkg/index.js'))).toBe(true);
    // In the bundle, not loaded by node from node_modules.
    expect(Object.keys(require.cache).some(f => f.startsWith(path.join(dir, 'node_modules')))).toBe(false);
  });

  test('a source changed just before the build has no stamp: it is hashed on each run until it settles', () => {
    write('dep.ts', 'export const n = 1;\n');
    // (A time in the future: "just before" however long the build takes.)
    write('entry.ts', "export { n } from './dep';\n", new Date(Date.now() + 60_000));
    expect(load().n).toBe(3 - 2);
    // (dep.ts's stamp depends on how long ago its ctime was, which a test cannot set back.)
    const { sources, stamps, key } = header();
    expect(sources[key('entry.ts')]).toMatch(/^[0-9a-f]{40}$/);
    expect(stamps[key('entry.ts')]).toBeNull();
    // Still served from the cache, checked by its content.
    const built = fs.statSync(bundleFile()).mtimeMs;
    expect(load().n).toBe(1);
    expect(fs.statSync(bundleFile()).mtimeMs).toBe(built);
  });
});
