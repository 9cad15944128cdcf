import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';

/** The manifests of one synthesized prop set. */
export interface OutputCase {
  readonly id: string;
  readonly manifests: readonly any[];
}

/** What the output check found in one case. */
export interface OutputVerdict {
  /** Schema or API-server-rule errors (Kubernetes 1.27). */
  readonly schemaErrors: string[];
  /** Polaris `danger` findings that are not exempted with a reason. */
  readonly danger: string[];
}

/**
 * Checks synthesized manifests against the Kubernetes 1.27 schema, the API-server rules and Polaris.
 * The one place the fuzz run validates output: swap the body for an in-process validator (issue 14)
 * and everything else stays. This one runs `policy-check --json` once per batch, over one temp dir
 * with a file per case (each case in its own namespace, so cross-object checks stay within a case).
 */
export function validateOutputs(cases: readonly OutputCase[]): Map<string, OutputVerdict> {
  const verdicts = new Map<string, OutputVerdict>(cases.map(c => [c.id, { schemaErrors: [], danger: [] }]));
  if (cases.length === 0) return verdicts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckp-fuzz-'));
  try {
    for (const c of cases) fs.writeFileSync(path.join(dir, `${c.id}.yaml`), Yaml.stringify(...c.manifests));
    let out: string;
    try {
      out = execFileSync(policyCheck(), ['--json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
    } catch (e: any) {
      if (e.status !== 1 || !e.stdout) throw e;
      out = e.stdout;
    }
    const report = JSON.parse(out);
    for (const f of report.findings as any[]) {
      const id = path.basename(f.file, '.yaml');
      const v = verdicts.get(id);
      if (!v) continue;
      const line = `${f.kind}/${f.name}${f.container ? ` [${f.container}]` : ''} ${f.check}: ${f.message}${f.details?.length ? ` (${f.details.slice(0, 3).join('; ')})` : ''}`;
      if (f.check === 'k8sSchema') v.schemaErrors.push(line);
      else if (f.severity === 'danger') v.danger.push(line);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return verdicts;
}

/** `policy-check`, beside the checkout (../shared) or two levels up from a worktree; POLICY_CHECK overrides. */
export function policyCheck(): string {
  const root = path.resolve(__dirname, '..', '..');
  const candidates = [process.env.POLICY_CHECK, path.join(root, '..', 'shared/tools/policy-check'), path.join(root, '..', '..', 'shared/tools/policy-check')];
  const found = candidates.find(c => c && fs.existsSync(c));
  if (!found) throw new Error(`policy-check not found (tried ${candidates.filter(Boolean).join(', ')}); set POLICY_CHECK`);
  return found;
}
