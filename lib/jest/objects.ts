import { parseYamlDocuments } from '../lint/yaml-documents';
import { K8sObject } from '../rules/types';

/**
 * What the matchers accept: a cdk8s Chart, an App (every chart), the objects `Testing.synth`
 * returns, one object, or YAML text (a synthesized file's content).
 */
export type Synthesized = unknown;

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object';

/** The Kubernetes objects of what a matcher received; throws a TypeError for anything else. */
export function objectsOf(received: Synthesized): K8sObject[] {
  // Duck-typed, so a chart of another copy of cdk8s (a consumer's) is recognised too.
  if (isObject(received) && Array.isArray(received.charts) && typeof received.synthYaml === 'function') {
    return received.charts.flatMap((c: { toJson(): K8sObject[] }) => c.toJson());
  }
  if (isObject(received) && typeof received.toJson === 'function' && isObject(received.node)) return received.toJson();
  if (Array.isArray(received)) return received.flatMap(o => (typeof o === 'string' ? fromYaml(o) : [o]));
  if (typeof received === 'string') return fromYaml(received);
  if (isObject(received) && typeof received.kind === 'string') return [received];
  throw new TypeError(`expected a cdk8s Chart or App, the objects of Testing.synth(chart), an object or YAML text; received ${describe(received)}`);
}

function fromYaml(text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseYamlDocuments(text)) {
    if (doc.errors.length > 0) throw new TypeError(`the YAML does not parse: document ${doc.index}: ${doc.errors[0].message}`);
    if (doc.value !== null && doc.value !== undefined) out.push(doc.value as K8sObject);
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v !== 'object') return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
  return `an object with keys ${Object.keys(v).slice(0, 5).join(', ') || '(none)'}`;
}

/** `Deployment/web`. */
export function objectRef(obj: K8sObject): string {
  return `${obj.kind ?? '?'}/${obj.metadata?.name ?? '?'}`;
}

/** True when `ref` names the object: `web`, or `Deployment/web`. */
export function isNamed(obj: K8sObject, ref: string): boolean {
  return ref.includes('/') ? objectRef(obj) === ref : obj.metadata?.name === ref;
}
