import { K8sObject } from '../rules/types';
import { apiServerProblems } from './api-server-rules';
import { SchemaProblem } from './problem';
import { AjvError, groupOf, SCHEMA_VERSION, StrictSchema } from './strict-schema';

export interface ValidateOptions {
  /**
   * Accept objects of kinds the Kubernetes 1.27 API does not serve and whose API group is not one of
   * Kubernetes' own (custom resources): they are not validated. A removed version of a built-in
   * kind (`extensions/v1beta1` Ingress, `policy/v1beta1` PodDisruptionBudget) is always invalid.
   * @default false - an object of an unknown kind is invalid, as `policy-check` without `--allow-unknown-kinds` has it
   */
  readonly allowUnknownKinds?: boolean;
}

/** An object the API server would reject, with why. */
export interface SchemaResult {
  /** The object's position in the list validated. */
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** false for an object of an unknown kind that `allowUnknownKinds` let through unvalidated. */
  readonly validated: boolean;
  /** Empty when the object is valid. */
  readonly problems: SchemaProblem[];
}

const isMap = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates Kubernetes objects (JSON, as `Testing.synth` returns them or YAML holds them) as the
 * 1.27 API server would with strict field validation: the vendored 1.27 schema (types, required
 * fields, enums, unknown fields rejected) and the API-server rules the schema cannot express.
 * Nothing leaves the process: the schema ships with the package.
 * @returns one result per object, in order
 */
export function validateKubernetes(objects: readonly unknown[], options: ValidateOptions = {}): SchemaResult[] {
  const schema = StrictSchema.get();
  return objects.map((obj, index) => validateOne(schema, obj, index, options));
}

/** The results with problems only. */
export function schemaFailures(results: readonly SchemaResult[]): SchemaResult[] {
  return results.filter(r => r.problems.length > 0);
}

/** The problems of one object, for callers that have it alone (the lint rule). */
export function schemaProblems(obj: unknown, options: ValidateOptions = {}): SchemaProblem[] {
  return validateOne(StrictSchema.get(), obj, 0, options).problems;
}

/** True when the schema can judge this object: a served kind, or a built-in API group (removed version). */
export function isKnownKind(obj: K8sObject): boolean {
  const schema = StrictSchema.get();
  const apiVersion = String(obj.apiVersion ?? '');
  return schema.validator(apiVersion, String(obj.kind ?? '')) !== undefined || builtInGroup(schema, apiVersion);
}

/** Groups the API server owns: those 1.27 serves, and `extensions` (all of whose kinds moved). */
function builtInGroup(schema: StrictSchema, apiVersion: string): boolean {
  const group = groupOf(apiVersion);
  return schema.groups.has(group) || group === 'extensions';
}

function validateOne(schema: StrictSchema, obj: unknown, index: number, options: ValidateOptions): SchemaResult {
  const o: Record<string, any> = isMap(obj) ? obj : {};
  const meta = isMap(o.metadata) ? o.metadata : {};
  const head = {
    index,
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
  };
  const result = (problems: SchemaProblem[], validated = true): SchemaResult => ({ ...head, validated, problems });
  if (!isMap(obj)) {
    return result([{ path: '', reason: 'Invalid value', message: `a Kubernetes object is a mapping, not ${Array.isArray(obj) ? 'a list' : typeof obj}` }]);
  }
  const problems: SchemaProblem[] = [];
  if (!head.apiVersion) problems.push({ path: 'apiVersion', reason: 'Required value', message: 'apiVersion is required' });
  if (!head.kind) problems.push({ path: 'kind', reason: 'Required value', message: 'kind is required' });
  if (problems.length > 0) return result(problems);
  if (!head.name && !(typeof meta.generateName === 'string' && meta.generateName)) {
    problems.push({ path: 'metadata.name', reason: 'Required value', message: 'name or generateName is required' });
  }
  if (head.apiVersion === 'v1' && head.kind === 'List' && Array.isArray(o.items)) {
    // kubectl sends a List's items one by one: each is judged as an object of its own.
    const items = (o.items as unknown[]).flatMap((item, i) => validateOne(schema, item, i, options).problems.map(p => ({ ...p, path: `items[${i}]${p.path ? `.${p.path}` : ''}` })));
    return result(items);
  }
  const validate = schema.validator(head.apiVersion, head.kind);
  if (!validate) {
    if (builtInGroup(schema, head.apiVersion)) {
      problems.push({ path: 'apiVersion', reason: 'not served', value: head.apiVersion, message: `${head.apiVersion} ${head.kind} is not served by Kubernetes ${SCHEMA_VERSION}: use a current API version` });
      return result(problems);
    }
    if (options.allowUnknownKinds) return result(problems, false);
    problems.push({ path: 'apiVersion', reason: 'not served', value: head.apiVersion, message: `no schema known for apiVersion ${JSON.stringify(head.apiVersion)} kind ${JSON.stringify(head.kind)} (a custom resource? allowUnknownKinds accepts it)` });
    return result(problems);
  }
  // The API server treats an explicit null as unset.
  if (!validate(stripNulls(obj))) problems.push(...fromAjv(validate.errors ?? []));
  const seen = new Set(problems.map(p => p.path));
  for (const p of apiServerProblems(obj)) {
    // one problem per path: a field the schema already rejects is not judged again
    if (!seen.has(p.path) || p.reason === 'Duplicate value') problems.push(p);
  }
  return result(problems);
}

function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}

/** JSON pointer → the path notation of our findings: `/spec/containers/0/name` → `spec.containers[0].name`. */
export function readablePath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) out += (out ? '.' : '') + seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

const QUANTITY_HINT = 'must be a Kubernetes quantity (e.g. 500m, 2, 128Mi, 1Gi)';
const join = (at: string, field: string) => (at ? `${at}.${field}` : field);

function fromAjvError(e: AjvError): SchemaProblem {
  const at = readablePath(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: join(at, e.params.additionalProperty), reason: 'unknown field', message: `unknown field ${JSON.stringify(e.params.additionalProperty)}` };
    case 'required':
      return { path: join(at, e.params.missingProperty), reason: 'Required value', message: `${e.params.missingProperty} is required` };
    case 'enum':
      return { path: at, reason: 'Unsupported value', message: `must be one of ${(e.params.allowedValues ?? []).map((v: unknown) => JSON.stringify(v)).join(', ')}` };
    case 'pattern':
      return { path: at, reason: 'Invalid value', message: /Ki\|Mi\|Gi/.test(String(e.params.pattern)) ? QUANTITY_HINT : `must match ${e.params.pattern}` };
    default:
      return { path: at, reason: 'Invalid value', message: e.message ?? e.keyword };
  }
}

/** ajv's errors as problems, one per path and kind of error: the branches of a oneOf/anyOf folded into one. */
function fromAjv(errors: readonly AjvError[]): SchemaProblem[] {
  const groups = new Map<string, { e: AjvError; p: SchemaProblem }[]>();
  for (const e of errors) {
    const p = fromAjvError(e);
    const key = e.keyword === 'additionalProperties' || e.keyword === 'required' ? `${p.path}\u0000${e.keyword}` : p.path;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push({ e, p });
  }
  const out: SchemaProblem[] = [];
  for (const items of groups.values()) {
    const branches = items.filter(({ e }) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    if (branches.length === items.length) {
      out.push(...items.map(i => i.p));
      continue;
    }
    const messages = [...new Set(branches.map(b => b.p.message))];
    const message = messages.includes(QUANTITY_HINT) ? QUANTITY_HINT : messages.length > 0 ? messages.join(' or ') : items[0].p.message;
    out.push({ ...items[0].p, message });
  }
  return out;
}
