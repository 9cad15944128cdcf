import * as fc from 'fast-check';
import { schemaFailures, validateKubernetes } from '../../lib/schema';
import { propSets } from './arbitraries';
import { runProps, showProps, TARGETS } from './harness';

/**
 * Property: every generated prop set (valid, boundary, wrong-typed) either synthesizes into manifests
 * that pass the rule pack at error level (Testing.synth runs it) and the Kubernetes 1.27 schema and
 * API-server rules (validateKubernetes, in-process: no ../shared needed), or is refused with a
 * PatternError or rule findings carrying a rule id; never a raw error. Fixed seed; `npm run fuzz`
 * runs 10,000 per construct and also checks the output with policy-check, Polaris included
 * (test/fuzz/validate-output.ts).
 */
const SEED = 20261102;
// 100 per construct keeps `npm test` within its 30 s (issue 16); `.ci/run` runs 1,000 per construct
// through policy-check too (`npm run fuzz`), and `npm run fuzz` 10,000 by default.
const RUNS = 100;

describe.each(TARGETS.map(t => [t.name, t] as const))('%s: every prop set works or is refused with a rule id', (_name, target) => {
  test(`${RUNS} generated prop sets, seed ${SEED}`, () => {
    fc.assert(fc.property(propSets(target.props), props => {
      const outcome = runProps(target, props);
      if (outcome.kind === 'raw') throw new Error(`raw error: ${outcome.message}\nprops: ${showProps(props)}`);
      if (outcome.kind === 'synthesized') {
        const invalid = schemaFailures(validateKubernetes(outcome.manifests));
        if (invalid.length > 0) throw new Error(`the API server would reject: ${JSON.stringify(invalid.map(r => [r.kind, r.name, r.problems]))}\nprops: ${showProps(props)}`);
      }
      return true;
    }), { seed: SEED, numRuns: RUNS });
  });
});

test('the harness tells a raw error from a refusal', () => {
  const [web] = TARGETS;
  expect(runProps({ ...web, build: () => { throw new TypeError('x.y is not a function'); } }, {}).kind).toBe('raw');
  expect(runProps(web, { image: 'nginx:1.25' }).kind).toBe('refused');
});
