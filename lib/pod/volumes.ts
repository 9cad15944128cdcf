import { createHash } from 'crypto';
import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { dnsLabelProblem } from '../rules/objects/names';
import { referencedVolume } from './referenced-volumes';

/** Options of a shared emptyDir volume. */
export interface SharedEmptyDirOptions {
  /**
   * The most it may hold; beyond it the pod is evicted rather than filling the node's disk.
   * @default Size.mebibytes(64)
   */
  readonly sizeLimit?: Size;
  /**
   * Back it with memory (tmpfs): fast, counted against the containers' memory limits.
   * @default false
   */
  readonly memory?: boolean;
}

/** Options of one mount of a shared volume. */
export interface SharedMountOptions {
  /**
   * Mount read-only. configMap volumes are always read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this path inside the volume.
   * @default - the whole volume
   */
  readonly subPath?: string;
}

/** A mount of a {@link SharedVolume} in one container. */
export interface SharedMount extends SharedMountOptions {
  readonly volume: SharedVolume;
  /** Where it appears in the container. */
  readonly path: string;
}

/** Options of a volume from an existing Secret. */
export interface SharedSecretOptions {
  /**
   * Start the pod even when the Secret is missing (the directory is then empty).
   * @default false: the pod waits for the Secret
   */
  readonly optional?: boolean;
  /**
   * File mode of the files, e.g. 0o400 so only the owner reads them.
   * @default 0o644 (the Kubernetes default)
   */
  readonly defaultMode?: number;
}

/** Options of a volume from an existing PersistentVolumeClaim. */
export interface SharedClaimOptions {
  /**
   * Mount the claim read-only in every container.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** What a {@link SharedVolume} holds. */
export type SharedVolumeSource =
  | { readonly type: 'emptyDir'; readonly options: SharedEmptyDirOptions }
  | { readonly type: 'configMap'; readonly data: Readonly<Record<string, string>> }
  | { readonly type: 'secret'; readonly secretName: string; readonly options: SharedSecretOptions }
  | { readonly type: 'persistentVolumeClaim'; readonly claimName: string; readonly options: SharedClaimOptions };

/**
 * A pod volume that several containers mount, e.g. an emptyDir an init container fills and the app
 * serves. Declare it once and mount it with {@link SharedVolume.at} wherever it is needed: the pod
 * gets the volume from its mounts, so a mount can never name a volume the pod lacks.
 *
 * ```ts
 * const html = SharedVolume.emptyDir('html');
 * initContainers: [{ name: 'render', ..., mounts: [html.at('/out')] }],
 * mounts: [html.at('/usr/share/nginx/html', { readOnly: true })],
 * ```
 */
export class SharedVolume {
  /** An empty directory that lives as long as the pod (size-limited). */
  public static emptyDir(name: string, options: SharedEmptyDirOptions = {}): SharedVolume {
    return new SharedVolume(name, { type: 'emptyDir', options });
  }

  /**
   * Files from a ConfigMap made for this pod (`<instance>-<name>`, one file per key). Its checksum is
   * written on the pod template, so changing the data rolls the pods.
   */
  public static configMap(name: string, data: Record<string, string>): SharedVolume {
    return new SharedVolume(name, { type: 'configMap', data: { ...data } });
  }

  /**
   * The files of an existing Secret (one per key), by name: TLS certificates, credentials files. The
   * Secret is made outside these manifests; nothing of it is written here.
   * @param secretName the Secret's name (a DNS-1123 subdomain; rule CKP826)
   */
  public static secret(name: string, secretName: string, options: SharedSecretOptions = {}): SharedVolume {
    return new SharedVolume(name, { type: 'secret', secretName, options });
  }

  /**
   * An existing PersistentVolumeClaim, by name: data that outlives the pod. With more than one
   * replica the claim's access mode must allow several pods (ReadWriteMany or ReadOnlyMany).
   * @param claimName the claim's name (a DNS-1123 subdomain; rule CKP826)
   */
  public static persistentVolumeClaim(name: string, claimName: string, options: SharedClaimOptions = {}): SharedVolume {
    return new SharedVolume(name, { type: 'persistentVolumeClaim', claimName, options });
  }

  /**
   * @param name the volume name, a DNS-1123 label unique in the pod (rule CKP808)
   * @param source what it holds
   */
  private constructor(public readonly name: string, public readonly source: SharedVolumeSource) {}

  /** A mount of this volume at `path`. */
  public at(path: string, options: SharedMountOptions = {}): SharedMount {
    return { volume: this, path, ...options };
  }
}

/** Where a pod template records the hash of its configMap volumes' data, so changes roll the pods. */
export const VOLUMES_CHECKSUM_ANNOTATION = 'cdk8s-patterns/volumes-checksum';

/**
 * The volumes of one pod: turns each {@link SharedVolume} into one cdk8s-plus volume (and ConfigMap),
 * and fails (CKP808) on names the pod cannot have.
 */
export class PodVolumes {
  /** The ConfigMaps made for configMap volumes, in the order they were first mounted. */
  public readonly configMaps: kplus.ConfigMap[] = [];
  private readonly shared = new Map<SharedVolume, kplus.Volume>();
  private readonly names = new Map<string, string>();

  /**
   * @param taken volume names already in the pod, each with what uses it (for messages)
   */
  constructor(private readonly scope: Construct, private readonly guard: RuleGuard, private readonly instance: string, taken: Record<string, string>) {
    for (const [name, owner] of Object.entries(taken)) this.names.set(name, owner);
  }

  /** Reserves a volume name for `owner`, failing if it is invalid or taken. */
  public claim(name: string, owner: string, field: string): void {
    const problem = dnsLabelProblem(name);
    if (problem) {
      this.guard.fail({ field, value: `'${name}'`, ruleId: 'CKP808', problem: `volume name '${name}' ${problem}`, fix: 'name the volume with a DNS-1123 label, e.g. \'html\'.' });
    }
    const other = this.names.get(name);
    if (other !== undefined) {
      this.guard.fail({ field, value: `'${name}'`, ruleId: 'CKP808', problem: `volume name '${name}' of ${owner} is already used by ${other}: the API server rejects duplicate volume names`, fix: `rename the volume, e.g. '${name}-2'.` });
    }
    this.names.set(name, owner);
  }

  /** The cdk8s-plus volume for a shared volume, made on first use. */
  public resolve(volume: SharedVolume, field: string): kplus.Volume {
    const existing = this.shared.get(volume);
    if (existing) return existing;
    this.claim(volume.name, `shared volume '${volume.name}'`, field);
    const source = volume.source;
    let made: kplus.Volume;
    if (source.type === 'emptyDir') {
      made = kplus.Volume.fromEmptyDir(this.scope, `Volume-${volume.name}`, volume.name, {
        sizeLimit: source.options.sizeLimit ?? Size.mebibytes(64),
        medium: source.options.memory ? kplus.EmptyDirMedium.MEMORY : undefined,
      });
    } else if (source.type === 'secret' || source.type === 'persistentVolumeClaim') {
      made = referencedVolume(this.scope, this.guard, volume.name, field, source);
    } else {
      const configMap = new kplus.ConfigMap(this.scope, `ConfigMap-${volume.name}`, { metadata: { name: `${this.instance}-${volume.name}` } });
      for (const key of Object.keys(source.data).sort()) configMap.addData(key, source.data[key]);
      this.configMaps.push(configMap);
      made = kplus.Volume.fromConfigMap(this.scope, `Volume-${volume.name}`, configMap, { name: volume.name });
    }
    this.shared.set(volume, made);
    return made;
  }

  /** The checksum of every configMap volume's data, or undefined when there are none. */
  public checksum(): string | undefined {
    const maps = [...this.shared.keys()]
      .flatMap(v => (v.source.type === 'configMap' ? [{ name: v.name, data: v.source.data }] : []))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(({ name, data }) => [name, Object.keys(data).sort().map(k => [k, data[k]])]);
    return maps.length === 0 ? undefined : createHash('sha256').update(JSON.stringify(maps)).digest('hex');
  }
}
