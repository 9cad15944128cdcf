// API-server validation that a JSON Schema cannot express (k8s.io/kubernetes pkg/apis/*/validation):
// names per kind, label and annotation syntax, selectors that match their template, probe handlers,
// port names. Where the rule pack already checks the same thing, its rule's check is reused.
import { containerNameDuplicate } from '../rules/objects/container-name-duplicate';
import { containerNameInvalid } from '../rules/objects/container-name-invalid';
import { DNS1035_LABEL, DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../rules/objects/names';
import { initContainerProbeOrLifecycle } from '../rules/probes/init-container-probe-or-lifecycle';
import { probeSuccessThreshold } from '../rules/probes/probe-success-threshold';
import { requestsExceedLimits } from '../rules/resources/requests-exceed-limits';
import { containersOf, PROBE_FIELDS } from '../rules/k8s';
import { K8sObject, Rule } from '../rules/types';
import { SchemaProblem, SchemaReason } from './problem';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

const isMap = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What `metadata.name` must be, by kind (ValidateObjectMeta's name functions). */
function nameProblem(kind: string, name: string): string | undefined {
  if (RBAC_KINDS.has(kind)) {
    return name === '.' || name === '..' || /[/%]/.test(name) ? 'may not be \'.\' or \'..\' or contain \'/\' or \'%\'' : undefined;
  }
  const [re, max, what] = kind === 'Service' ? [DNS1035_LABEL, 63, 'an RFC 1035 label (lowercase letters, digits and \'-\', starting with a letter)']
    : kind === 'Namespace' ? [DNS1123_LABEL, 63, 'an RFC 1123 label (lowercase letters, digits and \'-\')']
      // the CronJob controller appends 11 characters to Job names; a Job's name becomes a label value
      : kind === 'CronJob' ? [DNS1123_SUBDOMAIN, 52, 'an RFC 1123 subdomain']
        : kind === 'Job' ? [DNS1123_SUBDOMAIN, 63, 'an RFC 1123 subdomain']
          : [DNS1123_SUBDOMAIN, 253, 'an RFC 1123 subdomain (lowercase letters, digits, \'-\' and \'.\')'];
  if (name.length > max) return `must be no more than ${max} characters (it has ${name.length})`;
  return re.test(name) ? undefined : `must be ${what}`;
}

/** Why a label or annotation key is not a qualified name (`[prefix/]name`), or undefined. */
function keyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'must be a qualified name ([prefix/]name)';
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0] === '' || parts[0].length > 253 || !DNS1123_SUBDOMAIN.test(parts[0]))) return 'has a prefix that is not a DNS subdomain';
  if (name === '' || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return 'must be a qualified name: alphanumerics, \'-\', \'_\' and \'.\', starting and ending with an alphanumeric, at most 63 characters after the prefix';
  }
  return undefined;
}

function labelProblems(labels: unknown, at: string, out: SchemaProblem[]): void {
  if (!isMap(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    const kp = keyProblem(k);
    if (kp) out.push({ path: `${at}[${JSON.stringify(k)}]`, reason: 'Invalid value', value: k, message: `label key ${JSON.stringify(k)} ${kp}` });
    if (typeof v === 'string' && (v.length > 63 || !LABEL_VALUE.test(v))) {
      out.push({
        path: `${at}[${JSON.stringify(k)}]`, reason: 'Invalid value', value: v,
        message: `label value ${JSON.stringify(v)} must be at most 63 characters, alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`,
      });
    }
  }
}

/** metav1.LabelSelector semantics: matchLabels AND matchExpressions. */
function selectorMatches(sel: Record<string, any>, labels: Record<string, unknown>): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  for (const [k, v] of Object.entries(isMap(sel.matchLabels) ? sel.matchLabels : {})) if (!has(k) || labels[k] !== v) return false;
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    if (!isMap(e)) continue;
    const values: unknown[] = Array.isArray(e.values) ? e.values : [];
    const ok = e.operator === 'In' ? has(e.key) && values.includes(labels[e.key])
      : e.operator === 'NotIn' ? !(has(e.key) && values.includes(labels[e.key]))
        : e.operator === 'Exists' ? has(e.key)
          : e.operator === 'DoesNotExist' ? !has(e.key) : false;
    if (!ok) return false;
  }
  return true;
}

/** The rule pack's checks of server-side validation, reused as they are. */
const REUSED: readonly [Rule, SchemaReason][] = [
  [containerNameInvalid, 'Invalid value'],
  [containerNameDuplicate, 'Duplicate value'],
  [initContainerProbeOrLifecycle, 'Forbidden'],
  [probeSuccessThreshold, 'Invalid value'],
  [requestsExceedLimits, 'Invalid value'],
];

function reused(obj: K8sObject, out: SchemaProblem[]): void {
  for (const [rule, reason] of REUSED) {
    if (!rule.kinds.includes(String(obj.kind))) continue;
    for (const v of rule.check(obj, { objects: [obj] })) {
      // The server defaults successThreshold 0 to 1; a missing container name is the schema's finding.
      if (rule === probeSuccessThreshold && v.value === 0) continue;
      if (rule === containerNameInvalid && typeof v.value !== 'string') continue;
      out.push({ path: v.field, message: v.message, reason, ...(v.value !== undefined ? { value: v.value } : {}) });
    }
  }
}

function probeAndPortProblems(obj: K8sObject, out: SchemaProblem[]): void {
  for (const c of containersOf(obj)) {
    if (!c.init) {
      for (const field of PROBE_FIELDS) {
        const p = c.container[field];
        if (!isMap(p)) continue;
        const handlers = PROBE_HANDLERS.filter(h => p[h] !== undefined && p[h] !== null);
        if (handlers.length === 0) out.push({ path: `${c.path}.${field}`, reason: 'Required value', message: `${field} must specify a handler type (${PROBE_HANDLERS.join(', ')})` });
        else if (handlers.length > 1) out.push({ path: `${c.path}.${field}.${handlers[1]}`, reason: 'Forbidden', message: `${field} may not specify more than 1 handler type (it has ${handlers.join(', ')})` });
      }
    }
    (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((port: unknown, j: number) => {
      if (!isMap(port)) return;
      const at = `${c.path}.ports[${j}]`;
      if (Number.isInteger(port.containerPort) && (port.containerPort < 1 || port.containerPort > 65535)) {
        out.push({ path: `${at}.containerPort`, reason: 'Invalid value', value: port.containerPort, message: 'must be between 1 and 65535, inclusive' });
      }
      if (Number.isInteger(port.hostPort) && (port.hostPort < 0 || port.hostPort > 65535)) {
        out.push({ path: `${at}.hostPort`, reason: 'Invalid value', value: port.hostPort, message: 'must be between 0 and 65535, inclusive' });
      }
      const name = port.name;
      if (typeof name === 'string' && name !== '' && (name.length > 15 || !IANA_SVC_NAME.test(name) || name.includes('--') || !/[a-z]/.test(name))) {
        out.push({ path: `${at}.name`, reason: 'Invalid value', value: name, message: `port name ${JSON.stringify(name)} must be an IANA service name: at most 15 characters, a-z, 0-9 and '-', at least one letter, no '--'` });
      }
    });
  }
}

/** The API-server rules the schema cannot express, for one object whose kind the schema serves. */
export function apiServerProblems(obj: K8sObject): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const kind = String(obj.kind);
  const meta = isMap(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name === 'string' && meta.name !== '') {
    const p = nameProblem(kind, meta.name);
    if (p) out.push({ path: 'metadata.name', reason: 'Invalid value', value: meta.name, message: `a ${kind} name ${p}` });
  }
  if (typeof meta.namespace === 'string' && meta.namespace !== '' && (meta.namespace.length > 63 || !DNS1123_LABEL.test(meta.namespace))) {
    out.push({ path: 'metadata.namespace', reason: 'Invalid value', value: meta.namespace, message: 'a namespace must be an RFC 1123 label (lowercase letters, digits and \'-\', at most 63 characters)' });
  }
  labelProblems(meta.labels, 'metadata.labels', out);
  for (const k of isMap(meta.annotations) ? Object.keys(meta.annotations) : []) {
    const kp = keyProblem(k);
    if (kp) out.push({ path: `metadata.annotations[${JSON.stringify(k)}]`, reason: 'Invalid value', value: k, message: `annotation key ${JSON.stringify(k)} ${kp}` });
  }

  const spec = isMap(obj.spec) ? obj.spec : {};
  if (isMap(spec.template) && isMap(spec.template.metadata)) labelProblems(spec.template.metadata.labels, 'spec.template.metadata.labels', out);
  const jobTemplate = spec.jobTemplate?.spec?.template;
  if (isMap(jobTemplate) && isMap(jobTemplate.metadata)) labelProblems(jobTemplate.metadata.labels, 'spec.jobTemplate.spec.template.metadata.labels', out);
  reused(obj, out);
  probeAndPortProblems(obj, out);

  if (SELECTOR_KINDS.has(kind) && isMap(spec.selector) && isMap(spec.template)) {
    const labels = isMap(spec.template.metadata) && isMap(spec.template.metadata.labels) ? spec.template.metadata.labels : {};
    const sel = spec.selector;
    const empty = !(isMap(sel.matchLabels) && Object.keys(sel.matchLabels).length > 0) && !(Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0);
    if (empty) out.push({ path: 'spec.selector', reason: 'Invalid value', message: `empty selector is invalid for a ${kind}` });
    else if (!selectorMatches(sel, labels)) out.push({ path: 'spec.template.metadata.labels', reason: 'Invalid value', value: labels, message: '`selector` does not match template `labels`' });
  }
  if (kind === 'Service') labelProblems(spec.selector, 'spec.selector', out);
  else if (isMap(spec.selector)) labelProblems(spec.selector.matchLabels, 'spec.selector.matchLabels', out);
  return out;
}
