import { Rule, Violation } from '../types';

const KEY = /^[-._a-zA-Z0-9]+$/;

/** Why `key` is not a valid ConfigMap key, or undefined if it is one. */
export function configKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'is empty';
  if (key.length > 253) return `is ${key.length} characters long (at most 253)`;
  if (key === '.' || key === '..') return `may not be '${key}'`;
  if (!KEY.test(key)) return 'may only contain letters, digits, \'-\', \'_\' and \'.\'';
  return undefined;
}

export const configMapKeyInvalid: Rule = {
  id: 'CKP802',
  name: 'configmap-key-invalid',
  level: 'error',
  summary: 'ConfigMap and Secret keys are valid file names: letters, digits, `-`, `_` and `.`.',
  why: 'The API server rejects a ConfigMap or Secret with an empty key or a key with other characters (a key becomes a file '
    + 'name when mounted), so the config and every pod that needs it never start.',
  fix: 'Rename the key to use only letters, digits, \'-\', \'_\' and \'.\' (e.g. \'log.level\' or \'LOG_LEVEL\').',
  kinds: ['ConfigMap', 'Secret'],
  check(obj) {
    const out: Violation[] = [];
    for (const section of ['data', 'binaryData', 'stringData']) {
      for (const key of Object.keys(obj[section] ?? {})) {
        const problem = configKeyProblem(key);
        if (problem) out.push({ field: `${section}[${JSON.stringify(key)}]`, value: key, message: `key ${JSON.stringify(key)} ${problem}` });
      }
    }
    return out;
  },
};
