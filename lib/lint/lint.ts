import { evaluate, inProfile } from '../rules/engine';
import { compareRuleIds } from '../rules/ids';
import { RULES } from '../rules/index';
import { K8sObject, Rule, RuleLevel, RuleProfile } from '../rules/types';
import { templateLine } from './template';
import { parseYamlDocuments } from './yaml-documents';

/** A file to lint: its name (as it is to be reported) and its bytes or text. */
export interface LintSource {
  readonly file: string;
  readonly content: string | Buffer;
}

export interface LintOptions {
  /** The rules to run. @default - every rule of the registry */
  readonly rules?: readonly Rule[];
  /** Rule ids not to run. @default - none */
  readonly skip?: readonly string[];
  /** `strict` adds the rules of the strict profile (digest pinning). @default 'default' */
  readonly profile?: RuleProfile;
}

/** A rule's finding on an object of a file. */
export interface LintFinding {
  readonly file: string;
  /** 1-based line of the offending field (or its closest ancestor present in the file). */
  readonly line: number;
  /** 0-based position of the YAML document in the file. */
  readonly documentIndex: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly container?: string;
  readonly ruleId: string;
  readonly level: RuleLevel;
  readonly message: string;
  readonly fix: string;
  /** Where in the document: `spec.template.spec.containers[0].image` (`items[2].…` inside a List). */
  readonly field: string;
  readonly suppressed: boolean;
  /** The reason given for the suppression. */
  readonly reason?: string;
  /** The rule threw on this object (a bug in the rule): the run is incomplete, exit code 2. */
  readonly internalError?: true;
}

/**
 * What kind of input problem: a file that is not text (`unreadable`), YAML that does not parse
 * (`yaml-error`), a Helm/Go template (`template`), a document that is not a Kubernetes object
 * (`not-kubernetes`: a scalar, a list, no `apiVersion` or `kind`, a kustomize or component config).
 */
export type LintProblemKind = 'unreadable' | 'yaml-error' | 'template' | 'not-kubernetes';

/** Input that could not be linted, or a document that was skipped. */
export interface LintProblem {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
  /** The input could not be read or parsed: the lint is incomplete (exit code 2). Otherwise a document was skipped. */
  readonly unreadable: boolean;
  /** What kind of problem (issue 15). */
  readonly kind: LintProblemKind;
  /** How many problems of this kind the file has, when one line stands for several (YAML errors). @default 1 */
  readonly count?: number;
}

export interface LintReport {
  /** Sorted by file (in input order), line, rule id. */
  readonly findings: LintFinding[];
  readonly problems: LintProblem[];
  /** Pairs of object × applicable rule checked, and those with a finding that is not suppressed. */
  readonly checked: number;
  readonly failed: number;
  /** Objects checked. */
  readonly objects: number;
  /** The rules that ran. */
  readonly rules: readonly Rule[];
}

/** An object found in a file, with where it is. */
interface Located {
  readonly file: string;
  readonly fileIndex: number;
  readonly documentIndex: number;
  /** `items[3].` for an item of a List, else empty. */
  readonly prefix: string;
  readonly lineOf: (field: string) => number;
}

/** The text of a file, or why it is not text. */
function decode(content: Buffer): { text: string } | { problem: string } {
  if (content.subarray(0, 8000).includes(0)) return { problem: 'is a binary file (it contains NUL bytes)' };
  // What a fatal TextDecoder gives (a leading byte order mark dropped), in a fraction of its time
  // (5 MB: ~40 ms); buffer.isUtf8 is node >= 18.14.
  if (isUtf8) return isUtf8(content) ? { text: content.toString('utf8', hasBom(content) ? 3 : 0) } : { problem: 'is not UTF-8 text' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    return { problem: 'is not UTF-8 text' };
  }
}

const isUtf8: ((input: Buffer) => boolean) | undefined = (require('buffer') as { isUtf8?: (input: Buffer) => boolean }).isUtf8;
const hasBom = (content: Buffer) => content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;

/**
 * API groups of YAML that has `apiVersion` and `kind` but is read by a tool, never sent to the API server:
 * kustomize (`Kustomization`, `Component`), KRM functions, component configs (`KubeletConfiguration`, …).
 */
const CONFIG_GROUP = /^(?:kustomize\.config\.k8s\.io|config\.kubernetes\.io|kpt\.dev|fn\.kpt\.dev|[a-z0-9.-]+\.config\.k8s\.io|kubeadm\.k8s\.io)\//;

/** Why a value is not a Kubernetes object, or undefined when it is one. */
function notKubernetes(o: any): string | undefined {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return describeValue(o);
  if (typeof o.kind !== 'string' || o.kind === '') return 'an object without `kind`';
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return `a ${o.kind} without \`apiVersion\``;
  if (CONFIG_GROUP.test(o.apiVersion)) return `a ${o.kind} of ${o.apiVersion}, a tool's configuration`;
  return undefined;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a YAML sequence';
  return `a YAML scalar (${JSON.stringify(v).slice(0, 40)})`;
}

/**
 * Lints Kubernetes YAML: every document of every file (multi-document files, `kind: List` items),
 * checked together so rules see all objects.
 */
export function lintSources(sources: readonly LintSource[], options: LintOptions = {}): LintReport {
  const skip = new Set(options.skip ?? []);
  const rules = (options.rules ?? RULES).filter(r => !skip.has(r.id) && inProfile(r, options.profile ?? 'default'));
  const objects: K8sObject[] = [];
  const where: Located[] = [];
  const problems: LintProblem[] = [];
  const duplicateKeys = new Map<K8sObject, string[]>();

  sources.forEach((source, fileIndex) => {
    const { file } = source;
    const decoded = typeof source.content === 'string' ? { text: source.content } : decode(source.content);
    if ('problem' in decoded) {
      problems.push({ file, message: `${decoded.problem}, not YAML`, unreadable: true, kind: 'unreadable' });
      return;
    }
    // TextDecoder drops a UTF-8 byte order mark; a string may still start with one.
    const text = decoded.text.replace(/^\uFEFF/, '');
    // A Helm/Go template is reported once, whether or not it happens to parse: its values are not the manifest's.
    const template = templateLine(text);
    if (template !== undefined) {
      problems.push({ file, line: template, message: 'a Helm/Go template (`{{ … }}` in its YAML structure), not a manifest; lint what it renders (`helm template … | cdk8s-patterns lint -`)', unreadable: false, kind: 'template' });
      return;
    }
    const yamlErrors: { document: number; line: number; message: string }[] = [];
    for (const doc of parseYamlDocuments(text)) {
      const skipped = (line: number, what: string) => problems.push({ file, line, message: `document ${doc.index}: ${what}, not a Kubernetes object: skipped`, unreadable: false, kind: 'not-kubernetes' });
      if (doc.errors.length > 0) {
        for (const e of doc.errors) yamlErrors.push({ document: doc.index, ...e });
        continue;
      }
      const value = doc.value as any;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        skipped(doc.line, describeValue(value));
        continue;
      }
      const isList = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
      const entries: [unknown, string][] = isList ? value.items.map((item: unknown, i: number) => [item, `items[${i}].`]) : [[value, '']];
      for (const [obj, prefix] of entries) {
        const o = obj as any;
        const what = notKubernetes(o);
        if (what !== undefined) {
          skipped(doc.lineOf(prefix.replace(/\.$/, '')), `${prefix ? `${prefix.slice(0, -1)} is ` : ''}${what}`);
          continue;
        }
        objects.push(o);
        where.push({ file, fileIndex, documentIndex: doc.index, prefix, lineOf: doc.lineOf });
        const repeated = (doc.duplicateKeys ?? []).filter(d => d.field.startsWith(prefix)).map(d => d.field.slice(prefix.length));
        if (repeated.length > 0) duplicateKeys.set(o, repeated);
      }
    }
    // One problem per file that does not parse: its first error, and how many there are (a template that
    // slipped past detection can have hundreds).
    if (yamlErrors.length > 0) {
      const [first] = yamlErrors;
      const more = yamlErrors.length > 1 ? ` (and ${yamlErrors.length - 1} more YAML error${yamlErrors.length > 2 ? 's' : ''} in this file)` : '';
      problems.push({ file, line: first.line, message: `document ${first.document}: YAML error: ${first.message}${more}`, unreadable: true, kind: 'yaml-error', count: yamlErrors.length });
    }
  });

  const fileOfObject = new Map<K8sObject, string>(objects.map((o, i) => [o, where[i].file]));
  const evaluation = evaluate(objects, { rules, profile: options.profile, fileOf: o => fileOfObject.get(o), duplicateKeys: o => duplicateKeys.get(o) });
  const fileOrder = new Map<LintFinding, number>();
  const findings = evaluation.findings.map((f): LintFinding => {
    const at = where[f.objectIndex];
    const meta = f.object.metadata ?? {};
    // An internal error is about the whole object: its line is the object's.
    const field = f.field === '' ? at.prefix.replace(/\.$/, '') : `${at.prefix}${f.field}`;
    const finding: LintFinding = {
      file: at.file,
      line: at.lineOf(field),
      documentIndex: at.documentIndex,
      apiVersion: String(f.object.apiVersion ?? ''),
      kind: String(f.object.kind),
      namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
      name: typeof meta.name === 'string' ? meta.name : '',
      ...(f.container !== undefined ? { container: f.container } : {}),
      ruleId: f.rule.id,
      level: f.internalError ? 'error' : f.rule.level,
      message: f.message,
      fix: f.fix,
      field,
      suppressed: f.suppressed !== undefined,
      ...(f.suppressed ? { reason: f.suppressed.reason } : {}),
      ...(f.internalError ? { internalError: true as const } : {}),
    };
    fileOrder.set(finding, at.fileIndex);
    return finding;
  });
  // As `localeCompare` orders, without loading the collator unless two container names must be compared.
  const containerOrder = (a = '', b = '') => (a === b ? 0 : a.localeCompare(b));
  findings.sort((a, b) => fileOrder.get(a)! - fileOrder.get(b)! || a.line - b.line || compareRuleIds(a.ruleId, b.ruleId) || containerOrder(a.container, b.container));
  return {
    findings,
    problems,
    checked: evaluation.checked,
    failed: evaluation.failed,
    objects: objects.length,
    rules,
  };
}
