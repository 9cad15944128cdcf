import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { envVarNameProblem } from '../../validation/formats';

export const envVarNameInvalid: Rule = {
  id: 'CKP820',
  name: 'env-var-name-invalid',
  level: 'error',
  summary: 'Env var names are what Kubernetes 1.27 accepts: letters, digits, `_`, `-` and `.`, not starting with a digit.',
  why: 'The API server rejects the whole workload for one bad name. It happens without typing one: a config key such as `2fa` '
    + 'becomes an env var of the same name.',
  fix: 'Rename the variable (e.g. `TWO_FA`), or map the config key to a valid name (`config.env: { TWO_FA: \'2fa\' }`).',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        const problem = typeof e?.name === 'string' ? envVarNameProblem(e.name) : 'is missing';
        if (problem) out.push({ field: `${c.path}.env[${i}].name`, value: e?.name, container: c.name, message: `env var name ${JSON.stringify(e?.name)} ${problem}` });
      });
      (Array.isArray(c.container.envFrom) ? c.container.envFrom : []).forEach((e: any, i: number) => {
        const problem = typeof e?.prefix === 'string' && e.prefix !== '' ? envVarNameProblem(e.prefix) : undefined;
        if (problem) out.push({ field: `${c.path}.envFrom[${i}].prefix`, value: e.prefix, container: c.name, message: `envFrom prefix '${e.prefix}' ${problem}` });
      });
    }
    return out;
  },
};
