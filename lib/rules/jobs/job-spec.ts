import { K8sObject } from '../types';

/** The Job spec of a Job, or of a CronJob's job template, with its path. */
export interface JobSpecRef {
  readonly spec: any;
  readonly path: string;
}

/** The Job spec of `obj` (a Job or a CronJob), or undefined if it has none. */
export function jobSpecOf(obj: K8sObject): JobSpecRef | undefined {
  if (obj.kind === 'Job') return obj.spec && typeof obj.spec === 'object' ? { spec: obj.spec, path: 'spec' } : undefined;
  if (obj.kind === 'CronJob') {
    const spec = obj.spec?.jobTemplate?.spec;
    return spec && typeof spec === 'object' ? { spec, path: 'spec.jobTemplate.spec' } : undefined;
  }
  return undefined;
}

/** The API's default backoffLimit. */
export const API_DEFAULT_BACKOFF_LIMIT = 6;

/** True for a whole number ≥ 0, the form every Job count and duration field must have. */
export function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
