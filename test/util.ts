import { App, Chart, Testing } from 'cdk8s';

/** A fresh chart in a fresh app, with a namespace like real apps have. */
export function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'test' });
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
