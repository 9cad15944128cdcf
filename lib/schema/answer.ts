import { SchemaProblem } from './problem';
import { SchemaResult } from './validate';

/** `v1`, from `apps/v1`. */
const versionOf = (apiVersion: string) => apiVersion.slice(apiVersion.indexOf('/') + 1);

/** What `kubectl apply` would print for this problem, as the 1.27 API server words it. */
export function serverAnswer(obj: Pick<SchemaResult, 'apiVersion' | 'kind' | 'name' | 'namespace'>, p: SchemaProblem): string {
  switch (p.reason) {
    case 'unknown field':
      return `Error from server (BadRequest): ${obj.kind} in version "${versionOf(obj.apiVersion)}" cannot be handled as a ${obj.kind}: `
        + `strict decoding error: unknown field "${p.path}"`;
    case 'not served':
      return `error: resource mapping not found for name: "${obj.name}" namespace: "${obj.namespace}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`;
    case 'Required value':
      return `The ${obj.kind} "${obj.name}" is invalid: ${p.path}: Required value: ${p.message}`;
    default: {
      const value = p.value === undefined ? '' : ` ${JSON.stringify(p.value)}:`;
      return `The ${obj.kind} "${obj.name}" is invalid: ${p.path || '<object>'}: ${p.reason}:${value} ${p.message}`;
    }
  }
}

/** `Deployment/web` (with `-n namespace` when it has one). */
export function objectName(obj: Pick<SchemaResult, 'kind' | 'name' | 'namespace'>): string {
  return `${obj.kind || '?'}/${obj.name || '?'}${obj.namespace ? ` -n ${obj.namespace}` : ''}`;
}

/** Every problem of the results, as `object path: message` and the server's answer below it. */
export function formatSchemaResults(results: readonly SchemaResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const p of r.problems) {
      lines.push(`${objectName(r)} ${p.path || '(object)'}: ${p.message}`, `    the API server would answer: ${serverAnswer(r, p)}`);
    }
  }
  return lines.join('\n');
}
