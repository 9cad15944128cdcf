import { isImageRef, parseImageRef } from '../image-ref';
import { containersOf, perText, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const imageDigestMissing: Rule = {
  id: 'CKP103',
  name: 'image-digest-missing',
  level: 'warning',
  profile: 'strict',
  summary: 'Every container image is pinned by digest (`repo@sha256:…`), not only by tag (profile `strict`).',
  why: 'A tag can be pushed again: `app:1.4.2` may be different bytes tomorrow (a rebuilt base image, a compromised registry '
    + 'account), so what runs is not what was reviewed, and two nodes can run different images under one tag. A digest names '
    + 'exactly one image. It costs an update step for every release (a bot or the CI writes the digest), which is why this rule '
    + 'is in the `strict` profile and not the default pack.',
  fix: 'Write the image as `repo:tag@sha256:<digest>` (the tag stays readable, the digest decides), with the digest from the CI '
    + 'build or `crane digest repo:tag`.',
  checkov: ['CKV_K8S_43'],
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const image = c.container.image;
      if (typeof image !== 'string' || image === '') continue; // CKP101
      const ref = perText(parseImageRef, image, parseImageRef);
      if (!isImageRef(ref) || ref.digest) continue; // malformed: CKP101
      out.push({ field: `${c.path}.image`, value: image, container: c.name, message: `image '${image}' is not pinned by digest, so the tag can be moved to other bytes` });
    }
    return out;
  },
};
