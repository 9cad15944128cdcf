/** An image reference split into its parts. */
export interface ImageRef {
  /** Registry and repository: `cloudnativestg1.azurecr.io/httpserver`. */
  readonly repository: string;
  /** The tag, if any: `1.1`. */
  readonly tag?: string;
  /** The digest, if any: `sha256:…`. */
  readonly digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;

/**
 * Parses `[host[:port]/]path[:tag][@digest]` (the Docker reference grammar), or returns a
 * reason it is not one.
 */
export function parseImageRef(image: string): ImageRef | { error: string } {
  if (!image || image.trim() !== image) return { error: 'is empty or has surrounding whitespace' };
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: `has a malformed digest '${digest}'` };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { error: `has a malformed tag '${tag}'` };
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first));
  if (hasHost && !HOST.test(first)) return { error: `has a malformed registry host '${first}'` };
  const path = hasHost ? rest.slice(slash + 1) : rest;
  if (!REPOSITORY.test(path)) return { error: `has a malformed repository '${path}' (lowercase letters, digits and separators only)` };
  return { repository: rest, tag, digest };
}

export function isImageRef(r: ImageRef | { error: string }): r is ImageRef {
  return !('error' in r);
}
