import { containersOf, podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

/** Volume sources the kubelet always mounts read-only: nothing can be written to them. */
const READ_ONLY_SOURCES = ['configMap', 'secret', 'downwardAPI', 'projected'];

/** The mount paths of a container's writable volumes (emptyDir, PVCs, ...). */
function writableMounts(container: any, volumes: unknown): string[] {
  const byName = new Map<string, any>((Array.isArray(volumes) ? volumes : []).map((v: any) => [v?.name, v]));
  return (Array.isArray(container.volumeMounts) ? container.volumeMounts : [])
    .filter((m: any) => m?.readOnly !== true)
    .filter((m: any) => {
      const volume = byName.get(m?.name);
      return volume !== undefined && !READ_ONLY_SOURCES.some(s => volume[s] !== undefined);
    })
    .map((m: any) => String(m.mountPath));
}

export const rootFilesystemWritable: Rule = {
  id: 'CKP705',
  name: 'root-filesystem-writable',
  level: 'warning',
  summary: 'A container either has a read-only root filesystem or mounts a writable volume where it writes.',
  why: 'A container with a writable root filesystem and no writable volume can only write into its copy-on-write image layer: '
    + 'every write loads the node\'s storage driver and fills the node\'s disk, is lost on restart, and '
    + 'lets an attacker drop binaries into the image\'s paths.',
  fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` (with a `sizeLimit`) at each path the program '
    + 'writes, such as /tmp; data that must survive goes to a PersistentVolumeClaim.',
  polaris: 'notReadOnlyRootFilesystem',
  checkov: ['CKV_K8S_22'],
  kubeLinter: ['no-read-only-root-fs'],
  kinds: POD_KINDS,
  appliesTo: obj => podSpecOf(obj)?.spec.os?.name !== 'windows',
  check(obj) {
    const pod = podSpecOf(obj);
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      if (c.container.securityContext?.readOnlyRootFilesystem === true) continue;
      if (writableMounts(c.container, pod?.spec.volumes).length > 0) continue;
      out.push({
        field: `${c.path}.securityContext.readOnlyRootFilesystem`,
        value: c.container.securityContext?.readOnlyRootFilesystem,
        container: c.name,
        message: 'has a writable root filesystem and no writable volume, so every write lands in the container\'s image layer',
      });
    }
    return out;
  },
};
