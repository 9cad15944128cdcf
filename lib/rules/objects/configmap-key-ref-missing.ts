import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

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
    const ns = obj.metadata?.namespace;
    const maps = new Map<string, any>();
    for (const o of ctx.objects) if (o.kind === 'ConfigMap' && o.metadata?.namespace === ns && typeof o.metadata?.name === 'string') maps.set(o.metadata.name, o);
    if (!podSpecOf(obj) || maps.size === 0) return out;
    for (const c of containersOf(obj)) {
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        const ref = e?.valueFrom?.configMapKeyRef;
        const map = ref ? maps.get(ref.name) : undefined;
        if (!map || ref.optional === true) return;
        if (!(ref.key in (map.data ?? {})) && !(ref.key in (map.binaryData ?? {}))) {
          out.push({ field: `${c.path}.env[${i}].valueFrom.configMapKeyRef.key`, value: ref.key, container: c.name, message: `env var ${e.name} reads key '${ref.key}', which ConfigMap '${ref.name}' does not have` });
        }
      });
    }
    return out;
  },
};
