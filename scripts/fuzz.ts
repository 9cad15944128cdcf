// `npm run fuzz [-- --runs N --seed S --construct Name --no-policy]`: generated prop sets per construct
// (valid, boundary, wrong-typed), each of which must synthesize into manifests that pass the rule pack,
// the Kubernetes 1.27 schema and API rules and Polaris (no danger), or be refused with a rule id.
// Prints the seed: the same seed and runs replay the same prop sets.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { setFindingReporter } from '../lib/guard';
import { runProps, showProps, TARGETS } from '../test/fuzz/harness';
import { propSets } from '../test/fuzz/arbitraries';
import { OutputCase, validateOutputs } from '../test/fuzz/validate-output';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const runs = Number(opt('runs') ?? 10000);
const seed = Number(opt('seed') ?? 20261102);
const only = opt('construct');
const policy = !args.includes('--no-policy');
const BATCH = 1000;
/** Every TWIN_EVERY-th case builds a second construct of the same name, which must be refused. */
const TWIN_EVERY = 50;

setFindingReporter(() => undefined);
// cdk8s' Testing.app() leaves a directory under os.tmpdir() per app (40,000 in a default run): here
// they go to one directory of this run's, removed at exit (os.tmpdir() reads TMPDIR on each call).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-fuzz-'));
process.env.TMPDIR = tmp;
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
console.log(`fuzz: seed ${seed}, ${runs} prop sets per construct${policy ? ', output checked by policy-check' : ''}`);
let failedTotal = 0;
for (const target of TARGETS.filter(t => !only || t.name === only)) {
  const started = Date.now();
  const samples = fc.sample(propSets(target.props), { seed, numRuns: runs });
  const counts = { synthesized: 0, refused: 0, raw: 0, schemaInvalid: 0, danger: 0 };
  const rules = new Map<string, number>();
  const examples: string[] = [];
  let pending: OutputCase[] = [];
  const flush = () => {
    for (const [id, v] of validateOutputs(pending)) {
      if (v.schemaErrors.length > 0) { counts.schemaInvalid++; note(`schema #${id}: ${v.schemaErrors[0]}`, samples[Number(id.slice(4))]); }
      if (v.danger.length > 0) { counts.danger++; note(`danger #${id}: ${v.danger[0]}`, samples[Number(id.slice(4))]); }
    }
    pending = [];
  };
  const note = (what: string, props: Record<string, unknown>) => { if (examples.length < 12) examples.push(`  ${what}\n    props: ${showProps(props).slice(0, 600)}`); };
  samples.forEach((props, i) => {
    const id = `case${i}`;
    const outcome = runProps(target, props, `fuzz-${i}`, i % TWIN_EVERY === TWIN_EVERY - 1);
    counts[outcome.kind]++;
    if (outcome.kind === 'refused') for (const r of outcome.ruleIds) rules.set(r, (rules.get(r) ?? 0) + 1);
    if (outcome.kind === 'raw') note(`raw #${i}: ${outcome.message.split('\n').slice(0, 3).join(' | ').slice(0, 300)}`, props);
    if (outcome.kind === 'synthesized' && policy) {
      pending.push({ id, manifests: outcome.manifests });
      if (pending.length >= BATCH) flush();
    }
  });
  if (policy) flush();
  const failed = counts.raw + counts.schemaInvalid + counts.danger;
  failedTotal += failed;
  const top = [...rules].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([r, n]) => `${r} ${n}`).join(', ');
  console.log(`${target.name}: ${runs} prop sets in ${((Date.now() - started) / 1000).toFixed(1)}s: ${counts.synthesized} synthesized, ${counts.refused} refused with a rule id; `
    + `raw errors ${counts.raw}, schema/API-invalid ${counts.schemaInvalid}${policy ? '' : ' (not checked)'}, Polaris danger ${counts.danger}${policy ? '' : ' (not checked)'}`);
  console.log(`  refusals by rule: ${top}`);
  for (const e of examples) console.log(e);
}
console.log(failedTotal === 0 ? 'fuzz: ok' : `fuzz: ${failedTotal} failures (seed ${seed})`);
process.exitCode = failedTotal === 0 ? 0 : 1;
