import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { evaluate, RULES } from '../../lib/rules';
import { K8sObject, Rule } from '../../lib/rules/types';

/*
 * Issue 15: no rule may throw, whatever the types in the object. Real manifests (our dist/ and the
 * seed fixtures: every kind the rules look at, with annotations that switch rules on) are broken one
 * field at a time into every wrong JSON type, exhaustively; then fast-check builds random trees
 * inside them. Rules are called directly, so a throw is the rule's, not hidden by the engine.
 */

const ROOT = path.join(__dirname, '../..');

function bases(): K8sObject[] {
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'dist')).map(f => path.join(ROOT, 'dist', f)),
    ...fs.readdirSync(path.join(ROOT, 'test/fixtures/seeds')).map(f => path.join(ROOT, 'test/fixtures/seeds', f)),
  ].filter(f => /\.ya?ml$/.test(f)).sort();
  const objects = files.flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS()))
    .filter(o => o && typeof o === 'object' && typeof o.kind === 'string') as K8sObject[];
  // One object per kind, plus the annotations that switch on the annotation-driven rules.
  const byKind = new Map<string, K8sObject>();
  for (const o of objects) if (!byKind.has(o.kind!)) byKind.set(o.kind!, o);
  return [...byKind.values()];
}

/** Every path to a value in a JSON tree. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** `obj` with the value at `at` replaced: the nodes on the path are copied, the rest is shared (rules only read). */
function setAt(obj: any, at: (string | number)[], value: unknown): any {
  if (at.length === 0) return value;
  const copy = Array.isArray(obj) ? [...obj] : { ...obj };
  copy[at[0]] = setAt(obj[at[0]], at.slice(1), value);
  return copy;
}

const WRONG: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], [null], {}, { '': null }, [[]], '0', '-1'];

/** The rules that look at a kind (any value: a mutation may make `kind` anything). */
const rulesByKind = new Map<unknown, Rule[]>();
function rulesFor(kind: unknown): Rule[] {
  let rules = rulesByKind.get(kind);
  if (!rules) rulesByKind.set(kind, rules = RULES.filter(r => r.kinds.includes('*') || r.kinds.includes(kind as string)));
  return rules;
}

/** Runs every rule that looks at the object's kind; returns the rules that threw, with the error. */
function throwers(obj: K8sObject): string[] {
  const out: string[] = [];
  for (const rule of rulesFor(obj.kind)) {
    try {
      if (rule.appliesTo && !rule.appliesTo(obj)) continue;
      rule.check(obj, { objects: [obj] });
    } catch (e) {
      out.push(`${rule.id}: ${(e as Error).message}`);
    }
  }
  return out;
}

const ANNOTATED = (o: K8sObject): K8sObject => {
  // The annotations that turn on CKP303, CKP403 and CKP612, on the object and on its pod template.
  const annotations = {
    'cdk8s-patterns/qos-class': 'Guaranteed',
    'cdk8s-patterns/app-container': 'app',
    'cdk8s-patterns/app-stop-seconds': '10',
    'cdk8s-patterns/expected-runtime': '60s',
  };
  const copy = structuredClone(o) as any;
  copy.metadata = { ...copy.metadata, annotations: { ...copy.metadata?.annotations, ...annotations } };
  for (const t of [copy.spec?.template, copy.spec?.jobTemplate?.spec?.template]) {
    if (t && typeof t === 'object') t.metadata = { ...t.metadata, annotations: { ...t.metadata?.annotations, ...annotations } };
  }
  return copy;
};

describe('no rule throws on wrong-typed input', () => {
  const found = bases();
  const KINDS = ['Deployment', 'Job', 'CronJob', 'Service', 'Pod', 'StatefulSet', 'DaemonSet', 'ConfigMap', 'Secret', 'PersistentVolumeClaim',
    'Ingress', 'HorizontalPodAutoscaler'];
  const objects = [...found, ...KINDS.filter(k => !found.some(o => o.kind === k)).map(minimal)].map(ANNOTATED);

  test('the bases cover the kinds the rules look at', () => {
    const kinds = new Set(objects.map(o => o.kind));
    const looked = new Set(RULES.flatMap(r => r.kinds).filter(k => k !== '*'));
    expect([...looked].filter(k => !kinds.has(k) && k !== 'ReplicaSet' && k !== 'ReplicationController')).toEqual([]);
  });

  test('every field of every base object, replaced by each wrong type', () => {
    // One example per distinct error, so a failure lists every bug at once.
    const failures = new Map<string, string>();
    for (const base of objects) {
      for (const at of paths(base)) {
        for (const wrong of WRONG) {
          const obj = setAt(base, at, wrong);
          if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue;
          for (const t of throwers(obj)) if (!failures.has(t)) failures.set(t, `${base.kind} ${at.join('.')} = ${JSON.stringify(wrong)}`);
        }
      }
    }
    expect([...failures].map(([t, example]) => `${t} (${example})`)).toEqual([]);
  });

  test('random JSON trees in place of any field (fast-check)', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(fc.property(fc.nat(), fc.nat(), json, (which, where, value) => {
      const base = objects[which % objects.length];
      const all = paths(base).filter(p => p.length > 0);
      const obj = setAt(base, all[where % all.length], value);
      expect(throwers(obj)).toEqual([]);
    }), { seed: 15, numRuns: 1500 });
  });

  test('a rule that throws becomes an internal-error finding naming the rule and the object; the others still run', () => {
    const boom: Rule = { ...RULES[0], id: 'CKP000', name: 'boom', kinds: ['*'], check: () => { throw new TypeError('x is not iterable'); } };
    const obj = minimal('ConfigMap');
    const e = evaluate([obj], { rules: [boom, ...RULES] });
    const internal = e.findings.filter(f => f.internalError);
    expect(internal).toHaveLength(1);
    expect(internal[0].rule.id).toBe('CKP000');
    expect(internal[0].message).toContain("ConfigMap 'm'");
    expect(internal[0].message).toContain('TypeError: x is not iterable');
    expect(e.failed).toBeGreaterThanOrEqual(1);
  });
});

function minimal(kind: string): K8sObject {
  const pod = { containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 80 }] }] };
  const template = { metadata: { labels: { app: 'a' } }, spec: pod };
  switch (kind) {
    case 'Pod': return { apiVersion: 'v1', kind, metadata: { name: 'm' }, spec: pod };
    case 'CronJob': return { apiVersion: 'batch/v1', kind, metadata: { name: 'm' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
    case 'Service': return { apiVersion: 'v1', kind, metadata: { name: 'm' }, spec: { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http' }] } };
    case 'Secret': return { apiVersion: 'v1', kind, metadata: { name: 'm' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } };
    case 'PersistentVolumeClaim': return { apiVersion: 'v1', kind, metadata: { name: 'm' }, spec: { resources: { requests: { storage: '1Gi' } } } };
    case 'ConfigMap': return { apiVersion: 'v1', kind, metadata: { name: 'm' }, data: { k: 'v' } };
    case 'Ingress': return { apiVersion: 'networking.k8s.io/v1', kind, metadata: { name: 'm' }, spec: { rules: [{ host: 'a.example' }] } };
    case 'HorizontalPodAutoscaler': return { apiVersion: 'autoscaling/v2', kind, metadata: { name: 'm' }, spec: { minReplicas: 1, maxReplicas: 2 } };
    default: return { apiVersion: 'apps/v1', kind, metadata: { name: 'm' }, spec: { selector: { matchLabels: { app: 'a' } }, template } };
  }
}
