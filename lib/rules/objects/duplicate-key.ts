import { Rule } from '../types';

export const duplicateKey: Rule = {
  id: 'CKP810',
  name: 'duplicate-key',
  level: 'error',
  summary: 'No key appears twice in the same mapping of a manifest.',
  why: 'YAML tools disagree on a repeated key: sigs.k8s.io/yaml (what the API server and kubectl decode with) keeps the last '
    + 'value, and the API server then rejects the object under strict field validation, kubectl\'s default (`--validate=strict`), '
    + 'or keeps the last value with a warning; other tools keep the first or refuse the file. The value meant is usually the one '
    + 'lost: a second `env` list or `resources` block written below the first silently replaces it. The rules here check the '
    + 'last value, as the API server would keep it.',
  fix: 'Delete or merge the repeated key so each appears once.',
  kinds: ['*'],
  // Only a reader knows about repeated keys (JSON has none): the lint's YAML reader passes them in the context.
  check(obj, ctx) {
    return (ctx.duplicateKeys?.(obj) ?? []).map(field => ({
      field,
      message: `key '${/\["([^"]*)"\]$/.exec(field)?.[1] ?? field.slice(field.lastIndexOf('.') + 1)}' at ${field} appears more than once in its mapping; the last value is kept, and kubectl apply (strict field validation) rejects the object`,
    }));
  },
};
