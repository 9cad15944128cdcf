import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { PRIVATE_KEY_VALUE, SENSITIVE_NAME } from '../../validation/formats';

export const sensitiveEnvLiteral: Rule = {
  id: 'CKP723',
  name: 'sensitive-env-literal',
  level: 'error',
  summary: 'An env var named like a credential (`*PASSWORD*`, `*TOKEN*`, `*SECRET*`, `*BEARER*`, cloud keys), or holding a private key, takes its value from a Secret, not a literal.',
  why: 'A literal value is written into the manifest, the Deployment\'s history and every `kubectl get -o yaml`: the credential is '
    + 'in Git and readable by anyone who can read the workload.',
  fix: 'Put the value in a Secret and reference it with `valueFrom.secretKeyRef`; or rename the variable if it holds no credential.',
  polaris: 'sensitiveContainerEnvVar',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        // Polaris reads an empty value as unset, as Kubernetes decodes it.
        if (typeof e?.name === 'string' && SENSITIVE_NAME.test(e.name) && typeof e.value === 'string' && e.value !== '') {
          out.push({ field: `${c.path}.env[${i}]`, value: e.name, container: c.name, message: `env var ${e.name} is named like a credential and has a literal value` });
        } else if (typeof e?.value === 'string' && PRIVATE_KEY_VALUE.test(e.value)) {
          out.push({ field: `${c.path}.env[${i}].value`, value: e?.name, container: c.name, message: `env var ${e?.name} holds a private key as a literal value` });
        }
      });
    }
    return out;
  },
};
