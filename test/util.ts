import { App, Chart, Testing } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

let outdir: string | undefined;

/**
 * A fresh app for a test that never writes it to disk: cdk8s' `Testing.app()` with one output
 * directory for all of a test file's apps. `Testing.app()` alone makes a new temporary directory per
 * app and leaves it: the suite made ~3,000 a run, and removing them took the run's last 2-4 s.
 */
export function testApp(): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-test-'));
  return Testing.app({ outdir });
}

/** A fresh chart in a fresh app, with a namespace like real apps have. */
export function chart(): Chart {
  return new Chart(testApp(), 'test', { namespace: 'test' });
}

/** The synthesized objects of a chart, by kind. */
export function byKind(c: Chart): Record<string, any[]> {
  const out: Record<string, any[]> = {};
  for (const o of Testing.synth(c)) (out[o.kind] ??= []).push(o);
  return out;
}

/** The only object of a kind. */
export function only(c: Chart, kind: string): any {
  const list = byKind(c)[kind] ?? [];
  if (list.length !== 1) throw new Error(`expected one ${kind}, got ${list.length}`);
  return list[0];
}

export { App };
