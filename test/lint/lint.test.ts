import * as fs from 'fs';
import * as path from 'path';
import { lintSources } from '../../lib/lint/lint';
import { RULES } from '../../lib/rules';
import { corpus } from '../../bench/corpus';

const ROOT = path.join(__dirname, '..', '..');
const labels = 'labels: {app.kubernetes.io/name: web, app.kubernetes.io/instance: web}';
const lint = (content: string | Buffer, file = 'm.yaml') => lintSources([{ file, content }]);

describe('lintSources', () => {
  test('reports each finding with file, line, document, object and rule', () => {
    const r = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, ${labels}}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\n  ${labels}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n`);
    const f = r.findings.find(x => x.ruleId === 'CKP101');
    expect(f).toEqual({
      file: 'm.yaml', line: 14, documentIndex: 1, apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p', container: 'app',
      ruleId: 'CKP101', level: 'error', message: 'image \'nginx:latest\' uses the mutable tag \'latest\'', fix: expect.stringMatching(/^Pin it/),
      field: 'spec.containers[0].image', suppressed: false,
    });
    expect(r.objects).toBe(2);
    expect(r.problems).toEqual([]);
  });

  test('a rule that throws gives an internal-error finding at the object (issue 15), and the other rules still report', () => {
    const boom = { ...RULES[0], id: 'CKP000', name: 'boom', kinds: ['Pod'], check: () => { throw new TypeError('containers is not iterable'); } };
    const r = lintSources([{ file: 'm.yaml', content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x}\n` }], { rules: [boom, ...RULES] });
    const internal = r.findings.filter(f => f.internalError);
    expect(internal).toEqual([expect.objectContaining({ ruleId: 'CKP000', level: 'error', kind: 'Pod', name: 'p', line: 5, internalError: true })]);
    expect(internal[0].message).toMatch(/rule CKP000 boom threw on Pod 'p' \(TypeError: containers is not iterable\)/);
    expect(r.findings.some(f => f.ruleId === 'CKP101')).toBe(true);
  });

  test('a repeated key: the object is checked with the last value, and CKP810 reports the repeat at its line (issue 15)', () => {
    const r = lint(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, ${labels}}\nspec:\n  containers:\n  - name: a\n    image: nginx:latest\n    image: nginx:1.25\n`);
    expect(r.problems).toEqual([]);
    expect(r.findings.map(f => [f.ruleId, f.line, f.field])).toEqual(expect.arrayContaining([['CKP810', 8, 'spec.containers[0].image']]));
    expect(r.findings.filter(f => f.ruleId === 'CKP101')).toEqual([]);
    expect(r.findings.find(f => f.ruleId === 'CKP810')!.message).toMatch(/^key 'image' at spec\.containers\[0\]\.image appears more than once/);
  });

  test('templates are reported once and not linted; values that carry templates are manifests', () => {
    const helm = lint('{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n{{- end }}\n');
    expect(helm.objects).toBe(0);
    expect(helm.problems).toEqual([expect.objectContaining({ kind: 'template', line: 1, unreadable: false })]);
    const parses = lint('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n');
    expect(parses.problems.map(p => [p.kind, p.line])).toEqual([['template', 4]]);
    const rule = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, ${labels}}\ndata:\n  summary: Pod {{ $labels.pod }} restarts\n  q: "{{ .x }}"\n  tmpl: |\n    {{ define "slack.title" }}\n    {{ end }}\n  list:\n  - |\n    {{ x }}\n`);
    expect(rule.problems).toEqual([]);
    expect(rule.objects).toBe(1);
  });

  test('the YAML library prints no warnings (a collection as a key is read, not reported on stderr)', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const r = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, ${labels}}\ndata:\n  ? [a, b]\n  : c\n`);
      expect(r.objects).toBe(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('YAML that is not a Kubernetes object is skipped with a note: no apiVersion, a kustomization', () => {
    const r = lint('kind: Deployment\nmetadata: {name: x}\n---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n');
    expect(r.objects).toBe(0);
    expect(r.problems.map(p => [p.kind, p.message])).toEqual([
      ['not-kubernetes', 'document 0: a Deployment without `apiVersion`, not a Kubernetes object: skipped'],
      ['not-kubernetes', 'document 1: a Kustomization of kustomize.config.k8s.io/v1beta1, a tool\'s configuration, not a Kubernetes object: skipped'],
    ]);
  });

  test('findings are sorted by file (in input order), then line, then rule id', () => {
    const pod = (img: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: ${img}}\n`;
    const r = lintSources([{ file: 'z.yaml', content: pod('x:latest') }, { file: 'a.yaml', content: pod('x') }]);
    const order = r.findings.map(f => `${f.file}:${f.line} ${f.ruleId}`);
    expect(order).toEqual([...order].sort((a, b) => (a.startsWith('z') === b.startsWith('z') ? 0 : a.startsWith('z') ? -1 : 1)));
    expect(order.filter(o => o.startsWith('z.yaml')).length).toBeGreaterThan(0);
  });

  test('`kind: List` items are objects of their own, with lines and fields inside the list', () => {
    const r = lint(`apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, ${labels}}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b, ${labels}}\n  spec:\n    containers:\n    - name: c\n      image: busybox\n`);
    expect(r.objects).toBe(2);
    expect(r.findings.find(f => f.ruleId === 'CKP101')).toEqual(expect.objectContaining({ kind: 'Pod', name: 'b', line: 13, field: 'items[1].spec.containers[0].image' }));
  });

  test('a List item that is not an object is skipped, with its line', () => {
    const r = lint(`apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, ${labels}}\n- just text\n`);
    expect(r.objects).toBe(1);
    expect(r.problems).toEqual([{ file: 'm.yaml', line: 7, message: 'document 0: items[1] is a YAML scalar ("just text"), not a Kubernetes object: skipped', unreadable: false, kind: 'not-kubernetes' }]);
  });

  test('suppressions in plain YAML: our annotation with a reason', () => {
    const r = lint(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ${labels}\n  annotations:\n    cdk8s-patterns/suppress.CKP101: "kind cluster only, rebuilt on every push"\nspec:\n  containers:\n  - {name: a, image: x}\n`);
    expect(r.findings.find(f => f.ruleId === 'CKP101')).toEqual(expect.objectContaining({ suppressed: true, reason: 'kind cluster only, rebuilt on every push' }));
  });

  test('suppressions in plain YAML: the Polaris exemption of the twin check, with a reason', () => {
    const exempt = (reason: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ${labels}\n  annotations:\n    polaris.fairwinds.com/hostNetworkSet-exempt: "true"\n    polaris.fairwinds.com/hostNetworkSet-exempt-reason: "${reason}"\nspec:\n  hostNetwork: true\n  containers: []\n`;
    expect(lint(exempt('node agent: must see host interfaces')).findings.find(f => f.ruleId === 'CKP701')?.suppressed).toBe(true);
    expect(lint(exempt('short')).findings.find(f => f.ruleId === 'CKP701')?.suppressed).toBe(false);
  });

  test('skip', () => {
    expect(lint('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n').findings.map(f => f.ruleId)).toEqual(['CKP804']);
    expect(lintSources([{ file: 'm.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' }], { skip: ['CKP804'] }).findings).toEqual([]);
  });
});

describe('lintSources robustness: a clear message per file, never a crash', () => {
  test('a binary file is unreadable', () => {
    const r = lint(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]), 'logo.yaml');
    expect(r.problems).toEqual([{ file: 'logo.yaml', message: 'is a binary file (it contains NUL bytes), not YAML', unreadable: true, kind: 'unreadable' }]);
  });

  test('bytes that are not UTF-8 are unreadable', () => {
    expect(lint(Buffer.from([0x6b, 0x3a, 0x20, 0xc3, 0x28])).problems[0].message).toBe('is not UTF-8 text, not YAML');
  });

  test('invalid YAML: the document and line, and the other documents are still linted', () => {
    const r = lint(`apiVersion: v1\nkind: Service\nmetadata: {name: s, ${labels}}\n---\nkind: Pod\nmetadata:\n  name: [unclosed\n`);
    expect(r.objects).toBe(1);
    expect(r.problems).toEqual([expect.objectContaining({ line: 8, unreadable: true, message: expect.stringMatching(/^document 1: YAML error: /) })]);
  });

  test('a YAML scalar, a sequence and a document without kind are skipped, with a note', () => {
    const r = lint('just text\n---\n- a\n- b\n---\nmetadata: {name: x}\n');
    expect(r.problems.map(p => [p.line, p.message, p.unreadable])).toEqual([
      [1, 'document 0: a YAML scalar ("just text"), not a Kubernetes object: skipped', false],
      [3, 'document 1: a YAML sequence, not a Kubernetes object: skipped', false],
      [6, 'document 2: an object without `kind`, not a Kubernetes object: skipped', false],
    ]);
    expect(r.objects).toBe(0);
  });

  test('a CRD and custom resources of unknown kinds are checked by the rules for every kind only', () => {
    const crd = fs.readFileSync(path.join(ROOT, 'test/fixtures/lint/custom-resources.yaml'), 'utf8');
    const r = lint(crd);
    expect(r.problems).toEqual([]);
    expect(r.objects).toBe(2);
    // Only CKP801 (names), CKP810 (repeated keys), CKP823 (duplicate objects) and CKP840 (labels and annotations)
    // look at every kind, and pass; CKP804 leaves cluster scaffolding alone (issue 15).
    expect(r.findings).toEqual([]);
    expect(r.checked).toBe(8);
  });

  test('an empty file has nothing to lint', () => {
    expect(lint('')).toEqual(expect.objectContaining({ objects: 0, findings: [], problems: [] }));
  });

  // CKP505, CKP507, CKP508 and CKP731 index the objects once per run: the same answers as a search of
  // every object in input order (the first match, in the object's own namespace).
  test('cross-object rules: the first matching object in input order, in the same namespace', () => {
    const hpa = (name: string, ns: string, min: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}, namespace: ${ns}}\n`
      + `spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: ${min}, maxReplicas: 3}\n`;
    const pdb = (name: string, ns: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {minAvailable: 2, selector: {matchLabels: {app: web}}}\n`;
    const r = lint([
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {pod-security.kubernetes.io/enforce: restricted}}\n',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {pod-security.kubernetes.io/enforce: privileged}}\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n'
        + '  template:\n    metadata: {labels: {app: web}}\n    spec:\n      hostNetwork: true\n      containers: [{name: app, image: "nginx:1.25"}]\n',
      hpa('elsewhere', 'other', 1), hpa('first', 'shop', 2), hpa('second', 'shop', 1), pdb('web-a', 'shop'), pdb('web-b', 'shop'), pdb('web-c', 'other'),
    ].join('---\n'));
    const of = (id: string) => r.findings.filter(f => f.ruleId === id).map(f => `${f.name}: ${f.message}`);
    expect(of('CKP505')).toEqual(['web: replicas is 2, but HorizontalPodAutoscaler \'first\' scales this Deployment']);
    expect(of('CKP507')).toEqual(['web-a', 'web-b'].map(p => `${p}: minAvailable 2 lets no pod be evicted at 2 replica(s) (HorizontalPodAutoscaler 'first' minReplicas)`));
    expect(of('CKP508').map(m => m.split(':')[0])).toEqual(['first', 'second']);
    expect(of('CKP731')).toContain('web: shares the host\'s namespaces (hostNetwork), which needs Pod Security level \'privileged\', but namespace \'shop\' enforces \'restricted\'');
  });

  test('a 5 MB file with 3,000 objects', () => {
    const text = corpus(3000, 5_000_000);
    expect(text.length).toBeGreaterThan(4_900_000);
    const r = lint(text, 'big.yaml');
    expect(r.objects).toBe(3000);
    expect(r.problems).toEqual([]);
    // The corpus cycles through dist/ (clean) and the seed fixtures: one CKP301 per copy of seed 002's Deployment.
    const copies = text.match(/^  name: myserver-myapp-lifecycle-\d+$/gm)?.length ?? 0;
    // dist/ has grown (66 objects in 9 files), so seed 002 comes round fewer times than it did.
    expect(copies).toBeGreaterThan(30);
    expect(r.findings.filter(f => f.ruleId === 'CKP301').length).toBe(copies);
  });
});
