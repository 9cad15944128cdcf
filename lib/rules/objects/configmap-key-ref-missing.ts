import { containersOf, perEvaluation, perText, podSpecOf, POD_KINDS } from '../k8s';
import * as path from 'path';
import { K8sObject, Rule, RuleContext, Violation } from '../types';

export const configMapKeyRefMissing: Rule = {
  id: 'CKP824',
  name: 'configmap-key-ref-missing',
  level: 'error',
  summary: 'An env var from a ConfigMap key names a key that ConfigMap has, when the ConfigMap is in the same manifests.',
  why: 'A `configMapKeyRef` to a missing key (a typo, or a key dropped because its value was empty) stops the container from '
    + 'starting (`CreateContainerConfigError: couldn\'t find key`), unless the reference is `optional`.',
  fix: 'Add the key to the ConfigMap, correct the key name, or mark the reference `optional: true` if the app has a default.',
  kinds: POD_KINDS,
  check(obj, ctx) {
    const out: Violation[] = [];
    if (!podSpecOf(obj)) return out;
    const maps = configMapsOf(ctx);
    if (maps.size === 0) return out;
    // Found on the first reference: most pods read no ConfigMap key.
    let scope: string | undefined;
    for (const c of containersOf(obj)) {
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        const ref = e?.valueFrom?.configMapKeyRef;
        const map = ref ? maps.get(`${scope ??= scopeOf(obj, ctx)}\0${ref.name}`) : undefined;
        if (!map || ref.optional === true) return;
        if (!(ref.key in (map.data ?? {})) && !(ref.key in (map.binaryData ?? {}))) {
          out.push({ field: `${c.path}.env[${i}].valueFrom.configMapKeyRef.key`, value: ref.key, container: c.name, message: `env var ${e.name} reads key '${ref.key}', which ConfigMap '${ref.name}' does not have` });
        }
      });
    }
    return out;
  },
};

/**
 * Where a pod looks for its ConfigMaps: its namespace, and when linting files, its directory (files
 * linted together may be unrelated projects; one directory is one app's manifests, as in CKP809).
 */
function scopeOf(obj: K8sObject, ctx: RuleContext): string {
  const file = ctx.fileOf?.(obj);
  return `${file === undefined ? '' : perText(path.dirname, file, path.dirname)}\0${obj.metadata?.namespace ?? ''}`;
}

const CONFIG_MAPS = new WeakMap<RuleContext, Map<string, K8sObject>>();

/** The ConfigMaps of the input by scope and name, indexed once per evaluation (the last of a name wins, as applied). */
function configMapsOf(ctx: RuleContext): Map<string, K8sObject> {
  return perEvaluation(CONFIG_MAPS, ctx, () => {
    const maps = new Map<string, K8sObject>();
    for (const o of ctx.objects) {
      if (o?.kind === 'ConfigMap' && typeof o.metadata?.name === 'string') maps.set(`${scopeOf(o, ctx)}\0${o.metadata.name}`, o);
    }
    return maps;
  });
}
