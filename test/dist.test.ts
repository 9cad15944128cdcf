import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../apps/main';
import { synthApp } from '../lib/synth';

const DIST = path.join(__dirname, '..', 'dist');

function read(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('dist/', () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-dist-'));
  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  test('is byte-identical to a fresh synth (run `npx cdk8s synth` and commit dist/ if this fails)', () => {
    synthApp(buildApp(fresh));
    expect(read(DIST)).toEqual(read(fresh));
  });

  test('a second synth is byte-identical to the first', () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-dist-'));
    try {
      synthApp(buildApp(again));
      expect(read(again)).toEqual(read(fresh));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });
});
