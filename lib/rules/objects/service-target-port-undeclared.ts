import { containersOf, objectLabel, perEvaluation, perObject, podSpecOf, POD_KINDS, servedPorts } from '../k8s';
import { K8sObject, Rule, RuleContext, Violation } from '../types';

export const serviceTargetPortUndeclared: Rule = {
  id: 'CKP809',
  name: 'service-target-port-undeclared',
  level: 'error',
  summary: 'A Service\'s targetPort, by number or name, is a port declared (or, by number, probed over HTTP or TCP) by the pods it selects (among the objects of its namespace checked '
    + 'with it: in its file, else in its directory).',
  why: 'A named targetPort that no container of the selected pods declares gives the Service no endpoints: every request fails. A '
    + 'number nobody declares is usually a port nothing listens on, or the app\'s port where a proxy sidecar was meant to '
    + 'receive the traffic (bypassing it).',
  fix: 'Point targetPort at a port a container of the selected pods declares (by name, to follow the port when its number changes), '
    + 'or declare the port on the container that listens on it.',
  kinds: ['Service'],
  check(obj, ctx) {
    const selector = obj.spec?.selector;
    if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
    const file = ctx.fileOf?.(obj);
    const selection = selectedWorkloads(selector, obj.metadata?.namespace, ctx, file === undefined ? undefined : { file, fileOf: ctx.fileOf! });
    const out: Violation[] = [];
    (Array.isArray(obj.spec?.ports) ? obj.spec.ports : []).forEach((p: any, i: number) => {
      const target = p?.targetPort ?? p?.port;
      const protocol = p?.protocol ?? 'TCP';
      for (const w of notDeclaring(selection, target, protocol)) {
        out.push({
          field: `spec.ports[${i}].targetPort`,
          value: target,
          message: `targetPort ${typeof target === 'string' ? `'${target}'` : target}/${protocol} is not declared by any container of ${objectLabel(w)}${elsewhere(w, file, ctx.fileOf)}, which the Service selects`
            + (typeof target === 'string' ? ': the Service gets no endpoints' : ''),
        });
      }
    });
    return out;
  },
};

/** ` (in <file>)` when the workload was read from another file than the Service. */
function elsewhere(workload: K8sObject, file: string | undefined, fileOf: ((o: K8sObject) => string | undefined) | undefined): string {
  const at = fileOf?.(workload);
  return at !== undefined && at !== file ? ` (in ${at})` : '';
}

const dirOf = (file: string) => file.replace(/[\\/][^\\/]*$/, '');

/**
 * Unrelated manifests linted together (a repository of examples) reuse labels such as `app: redis`.
 * A Service is matched with the workloads of its own file; if none there, of its directory (a kustomize
 * base or a chart keeps one object per file); never further.
 */
function inScope(workloads: K8sObject[], scope: { file: string; fileOf: (o: K8sObject) => string | undefined }): K8sObject[] {
  const sameFile = workloads.filter(w => scope.fileOf(w) === scope.file);
  if (sameFile.length > 0) return sameFile;
  const dir = dirOf(scope.file);
  return workloads.filter(w => { const f = scope.fileOf(w); return f !== undefined && dirOf(f) === dir; });
}

/*
 * For 3,000 objects, checking each Service against every object and every selected workload's
 * containers again for each port took a quarter of a second (of 0.4 s for all rules). So, per
 * evaluation, the workloads are indexed by namespace and pod label, and each selector's choice is
 * kept with, per port, the workloads that do not declare it; per workload, its declared ports are
 * a set. The results are the same as the plain definitions (`selects`, `scanPorts`), which still
 * decide whatever the indexes cannot.
 */

function selects(selector: Record<string, unknown>, obj: K8sObject): boolean {
  const labels = podSpecOf(obj)?.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Whether a container (not an init container) of the workload declares the port: a name, else a number, and the protocol. */
function scanPorts(workload: K8sObject, target: unknown, protocol: unknown): boolean {
  return containersOf(workload, { init: false }).some(c => (Array.isArray(c.container.ports) ? c.container.ports : []).some((cp: any) =>
    (typeof target === 'string' ? cp?.name === target : cp?.containerPort === target) && (cp?.protocol ?? 'TCP') === protocol)
    || (typeof target === 'number' && protocol === 'TCP' && servedPorts(c.container).includes(target)));
}

/** The selected workloads that do not declare the port, in the objects' order. */
function notDeclaring(selection: Selection, target: unknown, protocol: unknown): K8sObject[] {
  if ((typeof target !== 'string' && typeof target !== 'number') || typeof protocol !== 'string') {
    return selection.workloads.filter(w => !scanPorts(w, target, protocol));
  }
  const key = portKey(target, protocol);
  let missing = selection.missing.get(key);
  if (!missing) {
    missing = selection.workloads.filter(w => !declaredPorts(w).has(key));
    selection.missing.set(key, missing);
  }
  return missing;
}

/** The `portKey`s of what the containers (not init containers) of a workload declare, once per evaluation. */
function declaredPorts(workload: K8sObject): Set<string> {
  return perObject(declaredPorts, workload, findDeclaredPorts);
}

function findDeclaredPorts(workload: K8sObject): Set<string> {
  const ports = new Set<string>();
  for (const c of containersOf(workload, { init: false })) {
    for (const cp of Array.isArray(c.container.ports) ? c.container.ports : []) {
      const p = cp?.protocol ?? 'TCP';
      if (typeof p !== 'string') continue;
      if (typeof cp?.name === 'string') ports.add(portKey(cp.name, p));
      if (typeof cp?.containerPort === 'number') ports.add(portKey(cp.containerPort, p));
    }
    // A number its HTTP or TCP probes connect to is a TCP port it listens on, declared or not (issue 15).
    for (const port of servedPorts(c.container)) if (typeof port === 'number') ports.add(portKey(port, 'TCP'));
  }
  return ports;
}

const portKey = (port: string | number, protocol: string) => `${typeof port}\0${port}\0${protocol}`;

interface Selection {
  /** The pod workloads a selector selects, in the objects' order. */
  readonly workloads: K8sObject[];
  /** By `portKey`: those that do not declare the port. */
  readonly missing: Map<string, K8sObject[]>;
}

function selectedWorkloads(selector: Record<string, unknown>, namespace: unknown, ctx: RuleContext,
  scope: { file: string; fileOf: (o: K8sObject) => string | undefined } | undefined): Selection {
  const index = perEvaluation(WORKLOADS, ctx, () => indexWorkloads(ctx.objects));
  const inNamespace = index.get(namespace);
  if (!inNamespace) return { workloads: [], missing: new Map() };
  const key = `${JSON.stringify(selector)}\0${scope?.file ?? ''}`;
  let selection = inNamespace.bySelector.get(key);
  if (!selection) {
    const [label, value] = Object.entries(selector)[0];
    // The label index compares values as strings, so it may hold more: `selects` decides.
    const selected = (inNamespace.byLabel.get(labelKey(label, value)) ?? []).filter(o => selects(selector, o));
    selection = { workloads: scope ? inScope(selected, scope) : selected, missing: new Map() };
    inNamespace.bySelector.set(key, selection);
  }
  return selection;
}

interface NamespaceWorkloads {
  /** By each `label=value` of their pods. */
  readonly byLabel: Map<string, K8sObject[]>;
  /** What each selector (as JSON) selects. */
  readonly bySelector: Map<string, Selection>;
}

const WORKLOADS = new WeakMap<RuleContext, Map<unknown, NamespaceWorkloads>>();

const labelKey = (label: string, value: unknown) => `${label}\0${String(value)}`;

function indexWorkloads(objects: readonly K8sObject[]): Map<unknown, NamespaceWorkloads> {
  const index = new Map<unknown, NamespaceWorkloads>();
  for (const o of objects) {
    if (!POD_KINDS.includes(o.kind as any)) continue;
    const namespace = o.metadata?.namespace;
    let inNamespace = index.get(namespace);
    if (!inNamespace) {
      inNamespace = { byLabel: new Map(), bySelector: new Map() };
      index.set(namespace, inNamespace);
    }
    for (const [label, value] of Object.entries(podSpecOf(o)?.metadata?.labels ?? {})) {
      const key = labelKey(label, value);
      const list = inNamespace.byLabel.get(key);
      if (list) list.push(o);
      else inNamespace.byLabel.set(key, [o]);
    }
  }
  return index;
}
