import * as fc from 'fast-check';
import { parseFast } from '../../lib/lint/yaml-documents';
import { parseYamlDocumentsReference } from '../../lib/lint/yaml-reference';
import { manifestStream, mutate, mutations, stream } from './yaml-arbitraries';
import { expectEqual } from './yaml-compare';

/*
 * The block scanner (`yaml-scanner.ts`) against the reference reader, on YAML printed from random
 * values by the `yaml` package and by js-yaml with varied options, and on such texts mutated at
 * random: where the scanner reads a text (it may leave any to js-yaml), it must read exactly what
 * the reference reads: values, errors, document lines, repeated keys and the line of every field.
 */

const scannerOnly = (text: string) => parseFast(text, 'scanner');

/** The scanner reads `text` as the reference does, or not at all; true when it reads it. */
function checkScanner(text: string): boolean {
  const scanned = scannerOnly(text);
  if (scanned) expectEqual(scanned, parseYamlDocumentsReference(text));
  return scanned !== undefined;
}

describe('block scanner = reference reader, on printed and mutated YAML', () => {
  /** The share of texts of `arbitrary` that the scanner reads (and reads the same). */
  function readShare(arbitrary: fc.Arbitrary<string>, numRuns: number): number {
    let read = 0;
    fc.assert(fc.property(arbitrary, text => {
      if (checkScanner(text)) read++;
    }), { numRuns, seed: 16 });
    return read / numRuns;
  }

  test('printed by the yaml package and js-yaml with varied options: read the same, or left to the others', () => {
    // Not a trivial pass: the scanner reads a good part even of this adversarial YAML (it leaves nested
    // flow collections, `?` keys, keys and strings full of indicators).
    expect(readShare(stream, 200)).toBeGreaterThan(0.25);
  });

  test('manifest-like values printed in block style: read the same, and nearly all by the scanner', () => {
    expect(readShare(manifestStream, 150)).toBeGreaterThan(0.95);
  });

  test('printed, then mutated: read the same or left to the others', () => {
    fc.assert(fc.property(stream, mutations, (text, edits) => {
      checkScanner(mutate(text, edits));
    }), { numRuns: 300, seed: 16 });
  });

  test('mutated manifests: read the same or left to the others', () => {
    const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web # the name\n  labels: {app: web, tier: "front"}\nspec:\n' +
      '  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.25\n        args: ["--port", \'8080\', -v]\n' +
      '        command:\n        - sh\n        - -c\n        - |\n          echo hi\n          exec nginx\n        env:\n        - name: A\n' +
      '          value: >-\n            folded\n            text\n\n            more\n      volumes: []\n---\nkind: Service\nspec:\n  ports:\n  - port: 80\n';
    expect(checkScanner(manifest)).toBe(true);
    fc.assert(fc.property(mutations, edits => {
      checkScanner(mutate(manifest, edits));
    }), { numRuns: 300, seed: 16 });
  });
});
