import { Rule, Violation } from '../types';
import { PRIVATE_KEY_VALUE, SENSITIVE_NAME } from '../../validation/formats';

export const sensitiveConfigMapKey: Rule = {
  id: 'CKP724',
  name: 'sensitive-configmap-key',
  level: 'error',
  summary: 'A ConfigMap holds no key named like a credential (`*password*`, `*token*`, `*secret*`, `*bearer*`, cloud keys) and no private key.',
  why: 'ConfigMaps are not secret: they are readable by anyone who can read the namespace\'s config, are never encrypted at rest and '
    + 'end up in Git with the manifests.',
  fix: 'Move the value into a Secret (mounted or as `secretKeyRef`); or rename the key if it holds no credential.',
  polaris: 'sensitiveConfigmapContent',
  kinds: ['ConfigMap'],
  check(obj) {
    const out: Violation[] = [];
    for (const section of ['data', 'binaryData']) {
      for (const key of Object.keys(obj[section] ?? {})) {
        if (SENSITIVE_NAME.test(key)) out.push({ field: `${section}[${JSON.stringify(key)}]`, value: key, message: `key '${key}' is named like a credential` });
        else if (section === 'data' && typeof obj.data[key] === 'string' && PRIVATE_KEY_VALUE.test(obj.data[key])) out.push({ field: `data[${JSON.stringify(key)}]`, value: key, message: `key '${key}' holds a private key` });
      }
    }
    return out;
  },
};
