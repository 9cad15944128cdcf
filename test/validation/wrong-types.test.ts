import * as fc from 'fast-check';
import { runProps, TARGETS } from '../fuzz/harness';

/** Values of the wrong JavaScript type, as plain JS or props read from YAML/JSON give them. */
const WRONG: unknown[] = [null, 5, 'x', {}, [], true, NaN, [null], [5], [{}]];

describe.each(TARGETS.map(t => [t.name, t] as const))('%s: a wrong JavaScript type in any prop', (_name, target) => {
  // A prop set that synthesizes, with every prop present (fixed seed), then each prop replaced by each wrong value.
  const base = fc.sample(target.props('valid'), { seed: 3, numRuns: 50 }).find(p => runProps(target, p).kind === 'synthesized')!;
  test.each(Object.keys(base))('%s: refused with a rule id, or valid, never a raw error', key => {
    for (const wrong of WRONG) {
      const outcome = runProps(target, { ...base, [key]: wrong });
      expect(outcome.kind === 'raw' ? `${JSON.stringify(wrong)}: ${outcome.message}` : 'ok').toBe('ok');
      if (outcome.kind === 'refused' && ([null, 5, 'x', true, NaN] as unknown[]).includes(wrong)) expect(outcome.message).toContain(key);
    }
  });
});
