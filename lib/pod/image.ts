import * as kplus from '../plus';
import { isImageRef, parseImageRef } from '../rules/image-ref';

/** Which image a container runs and how the kubelet gets it. */
export interface ImageProps {
  /**
   * The image, pinned: `repo:tag`, `repo@sha256:<digest>` or both. `latest` or no tag fails synth
   * (rule CKP101) unless suppressed.
   */
  readonly image: string;
  /**
   * When the kubelet pulls. `Always` only re-resolves the tag to a digest (layers stay cached), and it
   * re-checks the pull secret, so a private image cached on a node is not usable without credentials.
   * @default kplus.ImagePullPolicy.ALWAYS
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * Names of existing `kubernetes.io/dockerconfigjson` Secrets for private registries. Only the names
   * are written: credentials never enter the manifests (create the Secret out of band).
   * @default - no pull secrets
   */
  readonly imagePullSecrets?: string[];
}

/** Label-safe version of an image: its tag, else the digest's first 12 hex digits, else undefined. */
export function imageVersion(image: string): string | undefined {
  const ref = parseImageRef(image);
  if (!isImageRef(ref)) return undefined;
  const raw = ref.tag ?? (ref.digest ? ref.digest.split(':')[1].slice(0, 12) : undefined);
  if (!raw) return undefined;
  const safe = raw.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return safe || undefined;
}
