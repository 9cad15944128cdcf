import { K8sObject, Rule } from '../rules/types';
import { serverAnswer } from './answer';
import { SchemaReason } from './problem';
import { isKnownKind, schemaProblems } from './validate';

const FIX: Partial<Record<SchemaReason, string>> = {
  'unknown field': 'Remove the field or correct its spelling and nesting (`kubectl explain <kind>.<path>` shows the 1.27 fields).',
  'not served': 'Use an API version Kubernetes 1.27 serves (`kubectl api-resources` lists them), e.g. apps/v1, networking.k8s.io/v1, policy/v1.',
  'Required value': 'Set the field: the API server requires it.',
};

/**
 * CKP800: the object as the 1.27 API server judges it (lib/schema). Not in the default registry:
 * `cdk8s-patterns lint --schema` adds it (loading the schema costs more than the rest of the pack).
 * Custom resources are not looked at (their schema is the CRD's, which we do not have).
 */
export const schemaInvalid: Rule = {
  id: 'CKP800',
  name: 'schema-invalid',
  level: 'error',
  summary: 'Every object is valid against the Kubernetes 1.27 API: its schema with unknown fields rejected, and the API server\'s own checks.',
  why: 'The API server rejects an object with a misspelled or misplaced field (with strict field validation; without it the field is '
    + 'silently dropped, so the setting never takes effect), a wrong type, a missing required field, an API version it does not '
    + 'serve, or a name, label or selector it does not accept. The apply fails, or worse, half-applies.',
  fix: 'Correct the field the finding names; the message says what the API server would answer.',
  kinds: ['*'],
  appliesTo: (obj: K8sObject) => isKnownKind(obj),
  check(obj) {
    const meta = obj.metadata ?? {};
    const head = { apiVersion: String(obj.apiVersion ?? ''), kind: String(obj.kind ?? ''), name: String(meta.name ?? ''), namespace: String(meta.namespace ?? '') };
    return schemaProblems(obj, { allowUnknownKinds: true }).map(p => ({
      field: p.path,
      ...(p.value !== undefined ? { value: p.value } : {}),
      message: `${p.path || 'the object'}: ${p.message}; the API server would answer: ${serverAnswer(head, p)}`,
      ...(FIX[p.reason] ? { fix: FIX[p.reason] } : {}),
    }));
  },
};
