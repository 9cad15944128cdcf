import { fieldSegments, parseYamlDocuments } from '../../lib/lint/yaml-documents';

describe('parseYamlDocuments: YAML as the API server reads it', () => {
  test('YAML 1.1 scalars: on/yes/no are booleans, 0777 is octal, timestamps stay strings', () => {
    const [doc] = parseYamlDocuments('a: on\nb: yes\nc: no\nd: 0777\ne: 2023-01-28T09:17:05Z\nf: "on"\n');
    expect(doc.value).toEqual({ a: true, b: true, c: false, d: 511, e: '2023-01-28T09:17:05Z', f: 'on' });
  });

  test('a duplicate key: the last value wins (as sigs.k8s.io/yaml decodes), and the repeat is listed with its line', () => {
    const [doc] = parseYamlDocuments('metadata:\n  name: a\n  name: b\n  annotations:\n    a.b/c: x\n    a.b/c: z\nitems:\n- {k: 1, k: 2}\n');
    expect(doc.value).toEqual({ metadata: { name: 'b', annotations: { 'a.b/c': 'z' } }, items: [{ k: 2 }] });
    expect(doc.errors).toEqual([]);
    expect(doc.duplicateKeys).toEqual([{ field: 'metadata.name', line: 3 }, { field: 'metadata.annotations["a.b/c"]', line: 6 }, { field: 'items[0].k', line: 8 }]);
  });

  test('multi-document streams: each document with its index and first line; empty documents are null', () => {
    const docs = parseYamlDocuments('# header\n---\nkind: A\n---\n---\n# only a comment\n---\n\nkind: B\n');
    expect(docs.map(d => [d.index, d.line, d.value])).toEqual([[0, 3, { kind: 'A' }], [1, 4, null], [2, 5, null], [3, 9, { kind: 'B' }]]);
  });

  test('syntax errors are reported, never thrown', () => {
    const docs = parseYamlDocuments('kind: A\n---\nspec: [unclosed\n---\nkind: C\n');
    expect(docs.map(d => d.errors.length > 0)).toEqual([false, true, false]);
    expect(docs[2].value).toEqual({ kind: 'C' });
  });

  test('aliases and merge keys resolve', () => {
    const [doc] = parseYamlDocuments('base: &b {x: 1}\nmerged:\n  <<: *b\n  z: 2\n');
    expect(doc.value).toEqual({ base: { x: 1 }, merged: { x: 1, z: 2 } });
  });

  test('lineOf: the line of a field, or of its closest ancestor present', () => {
    const text = [
      'apiVersion: v1', // 1
      'kind: Pod', // 2
      'metadata:', // 3
      '  name: p', // 4
      'spec:', // 5
      '  containers:', // 6
      '  - name: a', // 7
      '    image: x', // 8
      '  - name: b', // 9
      '    image: "y"', // 10
      'data:', // 11
      '  .dockerconfigjson: abc', // 12
    ].join('\n');
    const [doc] = parseYamlDocuments(text);
    expect(doc.lineOf('spec.containers[1].image')).toBe(10);
    expect(doc.lineOf('spec.containers[1].readinessProbe')).toBe(9);
    expect(doc.lineOf('spec.containers[0]')).toBe(7);
    expect(doc.lineOf('data[".dockerconfigjson"]')).toBe(12);
    expect(doc.lineOf('status.phase')).toBe(1);
  });

  test('fieldSegments', () => {
    expect(fieldSegments('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(fieldSegments('items[2].data[".dockercfg"]')).toEqual(['items', 2, 'data', '.dockercfg']);
  });
});

describe('js-yaml, loaded only for what the block scanner leaves to it', () => {
  test("the scanner's event types and scalar styles are js-yaml's", () => {
    const jsYaml = jest.requireActual<typeof import('js-yaml')>('js-yaml');
    const events = jest.requireActual<typeof import('../../lib/lint/yaml-events')>('../../lib/lint/yaml-events');
    expect(events.EVENT_ID).toEqual(jsYaml.EVENT_ID);
    expect(events.SCALAR_STYLE).toEqual(jsYaml.SCALAR_STYLE);
  });

  test('a manifest the scanner reads does not load js-yaml; a piece it leaves does', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('js-yaml', () => {
        loads++;
        return jest.requireActual('js-yaml');
      });
      const { parseFast } = require('../../lib/lint/yaml-documents') as typeof import('../../lib/lint/yaml-documents');
      expect(parseFast('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "v"\n', 'scanner')).toBeDefined();
      expect(loads).toBe(0);
      // A tag: js-yaml's events read it (the scanner leaves it).
      const text = 'a: !!str 1\n';
      expect(parseFast(text, 'scanner')).toBeUndefined();
      expect(parseFast(text)?.map(d => d.value)).toEqual([{ a: '1' }]);
      expect(loads).toBe(1);
    });
  });
});
