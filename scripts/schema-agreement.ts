// Does our in-process validator (lib/schema) agree with policy-check's k8sSchema check?
//   node scripts/run-ts.js scripts/schema-agreement.ts [--json] [--fields] [DIR_OR_FILE...]
// Defaults: ../shared/corpus/manifests and test/fixtures. Both sides run with unknown kinds allowed
// (custom resources are not judged). Prints the agreement per object (file, document) and every
// disagreement with both sides' reasons. Needs ../shared/tools/policy-check (it is the reference).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseYamlDocuments } from '../lib/lint/yaml-documents';
import { validateKubernetes } from '../lib/schema';

const ROOT = path.resolve(__dirname, '..');
const SHARED = [path.resolve(ROOT, '../shared'), path.resolve(ROOT, '../../shared')].find(d => fs.existsSync(d)) ?? path.resolve(ROOT, '../shared');
const POLICY_CHECK = process.env.POLICY_CHECK ?? path.join(SHARED, 'tools/policy-check');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const roots = args.filter(a => !a.startsWith('--'));
if (roots.length === 0) roots.push(path.join(SHARED, 'corpus/manifests'), path.join(ROOT, 'test/fixtures'));

function yamlFiles(p: string): string[] {
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap(e => {
    const full = path.join(p, e.name);
    return e.isDirectory() ? yamlFiles(full) : /\.ya?ml$/i.test(e.name) ? [full] : [];
  });
}

interface Verdict { valid: boolean; reasons: string[] }
interface Row { file: string; doc: number; object: string; ours: Verdict; theirs: Verdict }

/** policy-check's k8sSchema verdict per (file, document). */
function theirs(files: string[]): Map<string, Verdict & { object: string }> {
  const r = spawnSync(POLICY_CHECK, ['--json', '--allow-unknown-kinds', ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`policy-check failed (${r.status}): ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  const out = new Map<string, Verdict & { object: string }>();
  for (const o of report.objects) {
    const check = o.checks.find((c: any) => c.check === 'k8sSchema');
    out.set(`${o.file}\u0000${o.docIndex}`, {
      object: `${o.kind}/${o.name}`,
      valid: check.passed,
      reasons: check.passed ? [] : check.results.flatMap((x: any) => x.details ?? [x.message]),
    });
  }
  return out;
}

/** Ours per (file, document): a document that does not parse is invalid, as in policy-check. */
function ours(files: string[]): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const file of files) {
    for (const doc of parseYamlDocuments(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))) {
      const key = `${file}\u0000${doc.index}`;
      if (doc.errors.length > 0) {
        out.set(key, { valid: false, reasons: doc.errors.map(e => `YAML: ${e.message}`) });
        continue;
      }
      if (doc.value === null || doc.value === undefined) continue;
      const [r] = validateKubernetes([doc.value], { allowUnknownKinds: true });
      out.set(key, { valid: r.problems.length === 0, reasons: r.problems.map(p => `${p.path}: ${p.message}`) });
    }
  }
  return out;
}

/** The fields each side names (`path: message` → path; YAML errors count as one field; policy-check words an unserved apiVersion without a path). */
const fieldsOf = (reasons: string[]) => new Set(reasons.map(x => (/^YAML/.test(x) || /parse error/i.test(x) ? 'YAML'
  : /is not served by/.test(x) ? 'apiVersion' : x.slice(0, x.indexOf(': ')))));

function sameFields(r: Row): boolean {
  const a = fieldsOf(r.ours.reasons);
  const b = fieldsOf(r.theirs.reasons);
  return a.size === b.size && [...a].every(x => b.has(x));
}

function main(): void {
  const files = roots.flatMap(yamlFiles);
  const t = theirs(files);
  const o = ours(files);
  const rows: Row[] = [];
  for (const key of new Set([...t.keys(), ...o.keys()])) {
    const [file, doc] = key.split('\u0000');
    const missing: Verdict = { valid: false, reasons: ['(no object here)'] };
    rows.push({ file: path.relative(ROOT, file), doc: Number(doc), object: t.get(key)?.object ?? '?', ours: o.get(key) ?? missing, theirs: t.get(key) ?? missing });
  }
  const agree = rows.filter(r => r.ours.valid === r.theirs.valid);
  const disagreements = rows.filter(r => r.ours.valid !== r.theirs.valid);
  const summary = {
    files: files.length,
    objects: rows.length,
    agree: agree.length,
    bothValid: agree.filter(r => r.ours.valid).length,
    bothInvalid: agree.filter(r => !r.ours.valid).length,
    onlyWeReject: disagreements.filter(r => !r.ours.valid).length,
    onlyPolicyCheckRejects: disagreements.filter(r => !r.theirs.valid).length,
    // Of the objects both reject: those where both name the same fields (a finer agreement).
    bothInvalidSameFields: agree.filter(r => !r.ours.valid && sameFields(r)).length,
  };
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ summary, disagreements }, null, 2)}\n`);
    return;
  }
  const lines = [
    `schema agreement with policy-check (k8sSchema, --allow-unknown-kinds on both sides): ${roots.map(r => path.relative(ROOT, r)).join(', ')}`,
    `${summary.objects} objects in ${summary.files} files: ${summary.agree} agree (${summary.bothValid} valid, ${summary.bothInvalid} invalid), `
      + `${disagreements.length} disagree (${summary.onlyWeReject} only we reject, ${summary.onlyPolicyCheckRejects} only policy-check rejects)`,
    `of the ${summary.bothInvalid} both reject, ${summary.bothInvalidSameFields} with the same fields named (--fields lists the others)`,
  ];
  if (args.includes('--fields')) {
    for (const r of agree.filter(x => !x.ours.valid && !sameFields(x))) {
      lines.push('', `${r.file}:${r.doc} ${r.object}: both invalid, different fields`);
      for (const x of r.ours.reasons) lines.push(`  ours: ${x}`);
      for (const x of r.theirs.reasons) lines.push(`  policy-check: ${x}`);
    }
  }
  for (const r of disagreements) {
    lines.push('', `${r.file}:${r.doc} ${r.object}: ours ${r.ours.valid ? 'valid' : 'invalid'}, policy-check ${r.theirs.valid ? 'valid' : 'invalid'}`);
    for (const x of r.ours.reasons) lines.push(`  ours: ${x}`);
    for (const x of r.theirs.reasons) lines.push(`  policy-check: ${x}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
