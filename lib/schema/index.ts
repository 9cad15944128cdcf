// The Kubernetes 1.27 schema check (issue 14): the validator behind `toBeValidKubernetes` and
// `cdk8s-patterns lint --schema`.
export { validateKubernetes, schemaFailures, readablePath } from './validate';
export type { ValidateOptions, SchemaResult } from './validate';
export type { SchemaProblem, SchemaReason } from './problem';
export { serverAnswer, formatSchemaResults } from './answer';
export { schemaInvalid } from './schema-invalid';
export { SCHEMA_VERSION } from './strict-schema';
