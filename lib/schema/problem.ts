/**
 * How the API server classifies a field error (k8s.io/apimachinery field.ErrorType), plus the
 * decoder's answer to an unknown field under strict field validation.
 */
export type SchemaReason = 'Invalid value' | 'Required value' | 'Unsupported value' | 'Duplicate value' | 'Forbidden' | 'unknown field' | 'not served';

/** One thing the API server would reject in an object. */
export interface SchemaProblem {
  /** Where: `spec.template.spec.containers[0].name` (empty for the object itself). */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  readonly reason: SchemaReason;
  /** The offending value, when there is one. */
  readonly value?: unknown;
}
