import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const envVarDuplicate: Rule = {
  id: 'CKP904',
  name: 'env-var-duplicate',
  level: 'error',
  summary: 'A container lists each environment variable once.',
  why: 'When a name appears twice in `env`, the last entry silently wins, so one of two settings (a locale, a timezone, a URL) '
    + 'is dropped without a word; `kubectl apply` merges `env` by name, so later edits to either entry land unpredictably.',
  fix: 'Keep one entry per name: remove the duplicate, or set the value in one place only (a construct prop or `env`).',
  kubeLinter: ['duplicate-env-var'],
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const seen = new Set<string>();
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        const name = String(e?.name);
        if (seen.has(name)) {
          out.push({ field: `${c.path}.env[${i}]`, value: name, container: c.name, message: `lists env var ${name} more than once; the last entry wins` });
        }
        seen.add(name);
      });
    }
    return out;
  },
};
