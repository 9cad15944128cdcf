import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { yamlFilesIn } from '../lib/lint/cli';

const ROOT = path.join(__dirname, '..');

/** Real manifests to build large inputs from: our hardened dist/ and the seeds' anti-patterns. */
export function templates(): any[] {
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'dist')).map(f => path.join(ROOT, 'dist', f)),
    ...fs.readdirSync(path.join(ROOT, 'test/fixtures/seeds')).map(f => path.join(ROOT, 'test/fixtures/seeds', f)),
  ].filter(f => /\.ya?ml$/.test(f)).sort();
  return files.flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS())).filter(o => o && typeof o === 'object');
}

/**
 * A multi-document YAML text of `count` objects cycling through the templates, each renamed
 * `<name>-<n>`. With `bytes`, every object gets a filler annotation so the text is about that size.
 */
export function corpus(count: number, bytes?: number): string {
  // Each template is serialized once, with placeholders; copies are string replacements (fast).
  const texts = templates().map(t => {
    const obj = structuredClone(t);
    obj.metadata.name = `${obj.metadata.name}-@N@`;
    if (bytes !== undefined) obj.metadata.annotations = { ...obj.metadata.annotations, 'example.com/padding': '@PAD@' };
    return stringify(obj, { version: '1.1' });
  });
  const total = Array.from({ length: count }, (_, n) => texts[n % texts.length].length + 4).reduce((a, b) => a + b, 0);
  const pad = bytes === undefined ? '' : 'x'.repeat(Math.max(1, Math.floor((bytes - total) / count)));
  return Array.from({ length: count }, (_, n) => texts[n % texts.length].replace('@N@', String(n)).replace('@PAD@', pad)).join('---\n');
}

/*
 * Issue 15: the real-world corpus (/work/shared/corpus/manifests, 842 files of public projects) and how
 * the rules agree with the labelled fixtures of Polaris and kube-linter, for every rule with a twin.
 * Used by test/lint/corpus.test.ts (the assertions) and `node scripts/run-ts.js bench/corpus.ts` (time).
 */

/** The corpus directory: beside the checkout in CI (../shared), two levels up from a worktree; undefined if absent. */
export function corpusDir(): string | undefined {
  const candidates = [process.env.CORPUS_DIR, path.join(ROOT, '../shared/corpus/manifests'), path.join(ROOT, '../../shared/corpus/manifests')];
  return candidates.find((d): d is string => d !== undefined && fs.existsSync(d));
}

/** Every *.yaml / *.yml under a directory, sorted, as the CLI finds them. */
export const yamlFiles = (dir: string): string[] => yamlFilesIn(dir);

/** What the twin agreement needs of a finding (a LintFinding has it, old and new). */
export interface TwinFinding {
  readonly file: string;
  readonly documentIndex: number;
  readonly kind: string;
  readonly name: string;
  readonly container?: string;
  readonly ruleId: string;
  readonly suppressed: boolean;
}

/** One labelled unit of a twin fixture: a Polaris fixture file, or an object or container of a kube-linter one. */
export interface TwinUnit {
  readonly ruleId: string;
  readonly tool: 'polaris' | 'kube-linter';
  readonly check: string;
  /** `<file relative to the corpus>` or `<file>#<document>/<object>[/<container>]`. */
  readonly unit: string;
  /** The fixture's label: the twin fires here. */
  readonly expected: boolean;
  /** Our rule has an unsuppressed finding here. */
  readonly got: boolean;
}

/** The twin checks of each rule: what the agreement is measured on. */
export interface Twins {
  readonly id: string;
  readonly polaris?: string;
  readonly kubeLinter?: readonly string[];
}

/** kube-linter fixtures name what must not fire `dont-fire…` (or `good-…`); everything else there must fire. */
const KUBE_LINTER_NEGATIVE = /^(dont-fire|good)/;
/** Kinds of other APIs in the kube-linter fixtures (OpenShift): not Kubernetes, not ours to check. */
const FOREIGN_KINDS = ['DeploymentConfig'];

/**
 * The labelled units of the Polaris and kube-linter fixtures for every rule with a twin, and whether
 * our rule fired on each, from the findings of a lint of the corpus.
 */
export function twinUnits(corpus: string, rules: readonly Twins[], findings: readonly TwinFinding[],
  parse: (text: string) => { index: number; value: unknown }[]): TwinUnit[] {
  const active = findings.filter(f => !f.suppressed);
  const rel = (f: string) => path.relative(corpus, f);
  const byFile = new Map<string, TwinFinding[]>();
  for (const f of active) byFile.set(rel(f.file), [...(byFile.get(rel(f.file)) ?? []), f]);
  const out: TwinUnit[] = [];
  for (const rule of rules) {
    if (rule.polaris) {
      const dir = path.join(corpus, 'FairwindsOps__polaris/test/checks', rule.polaris);
      for (const file of fs.existsSync(dir) ? yamlFiles(dir) : []) {
        const base = path.basename(file);
        if (!/^(success|failure)/.test(base)) continue; // mutated.*, check.yaml: not labelled
        const got = (byFile.get(rel(file)) ?? []).some(f => f.ruleId === rule.id);
        out.push({ ruleId: rule.id, tool: 'polaris', check: rule.polaris, unit: rel(file), expected: base.startsWith('failure'), got });
      }
    }
    for (const check of rule.kubeLinter ?? []) {
      const file = ['yml', 'yaml'].map(e => path.join(corpus, 'stackrox__kube-linter/tests/checks', `${check}.${e}`)).find(f => fs.existsSync(f));
      if (!file) continue;
      const ours = (byFile.get(rel(file)) ?? []).filter(f => f.ruleId === rule.id);
      for (const doc of parse(fs.readFileSync(file, 'utf8'))) {
        const obj = doc.value as any;
        if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string' || FOREIGN_KINDS.includes(obj.kind)) continue;
        const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
        const pod = obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template?.spec : obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
        const containers: string[] = [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c: any) => String(c?.name ?? ''));
        const onDoc = ours.filter(f => f.documentIndex === doc.index);
        const labelledContainers = containers.filter(c => /fire/.test(c));
        if (labelledContainers.length > 0) {
          for (const c of labelledContainers) {
            out.push({ ruleId: rule.id, tool: 'kube-linter', check, unit: `${rel(file)}#${doc.index}/${obj.kind}/${name}/${c}`, expected: !KUBE_LINTER_NEGATIVE.test(c), got: onDoc.some(f => f.container === c) });
          }
        } else {
          out.push({ ruleId: rule.id, tool: 'kube-linter', check, unit: `${rel(file)}#${doc.index}/${obj.kind}/${name}`, expected: !KUBE_LINTER_NEGATIVE.test(name), got: onDoc.length > 0 });
        }
      }
    }
  }
  return out;
}

/** Precision and recall of our rules against the twins' labels. */
export function agreement(units: readonly TwinUnit[]): { tp: number; fp: number; fn: number; tn: number; precision: number; recall: number } {
  const count = (e: boolean, g: boolean) => units.filter(u => u.expected === e && u.got === g).length;
  const [tp, fp, fn, tn] = [count(true, true), count(false, true), count(true, false), count(false, false)];
  return { tp, fp, fn, tn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

/** `node scripts/run-ts.js bench/corpus.ts [--runs N]`: corpus lint time (goal ≤ 2 s on 2 cores), per-rule counts, twin agreement. */
function main(): void {
  const { spawnSync } = require('child_process') as typeof import('child_process');
  const os = require('os') as typeof import('os');
  const dir = corpusDir();
  if (!dir) {
    console.log('corpus not found (../shared/corpus/manifests or ../../shared/corpus/manifests): skipped');
    return;
  }
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 7;
  // Wall time as a user sees it, and CPU time (bench/max-rss.js), which depends far less on the machine's load.
  const cli = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'max-rss.js'), path.join(ROOT, 'bin/cdk8s-patterns.js'), 'lint', '--format', 'json', dir],
      { encoding: 'utf8', maxBuffer: 1 << 30 });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpu: Number(/cpu-ms=(\d+)/.exec(r.stderr)?.[1] ?? NaN), r };
  };
  const warm = cli();
  const report = JSON.parse(warm.r.stdout);
  const samples = Array.from({ length: runs }, cli);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const walls = samples.map(x => x.ms);
  const cpus = samples.map(x => x.cpu);
  console.log(`corpus lint: ${yamlFiles(dir).length} files, machine ${os.cpus().length} cores, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
  console.log(`end to end (lint --format json <corpus>): wall median ${Math.round(med(walls))} ms (min ${Math.round(Math.min(...walls))} – max ${Math.round(Math.max(...walls))}, ${runs} runs); `
    + `CPU median ${med(cpus)} ms; goal ≤ 2000 ms wall: ${med(walls) <= 2000 ? 'met' : 'missed'}`);
  const counts: Record<string, number> = {};
  for (const f of report.findings) if (!f.suppressed) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  console.log(`findings: ${report.findings.length}; by rule: ${Object.entries(counts).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const problems: Record<string, number> = {};
  for (const p of report.problems) problems[p.kind] = (problems[p.kind] ?? 0) + 1;
  const stderrLines = warm.r.stderr.split('\n').filter(l => l.trim() !== '' && !l.startsWith('@usage')).length;
  console.log(`input problems: ${JSON.stringify(problems)}; exit ${warm.r.status}; stderr lines ${stderrLines}`);
  const { RULES } = require('../lib/rules') as typeof import('../lib/rules');
  const { parseYamlDocuments } = require('../lib/lint/yaml-documents') as typeof import('../lib/lint/yaml-documents');
  const a = agreement(twinUnits(dir, RULES, report.findings, parseYamlDocuments));
  console.log(`twin agreement: precision ${a.precision.toFixed(3)}, recall ${a.recall.toFixed(3)} (tp ${a.tp}, fp ${a.fp}, fn ${a.fn}, tn ${a.tn})`);
}

if (process.argv.some(a => /bench[\\/]corpus\.ts$/.test(a))) main();
