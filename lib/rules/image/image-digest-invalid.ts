import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { imageDigestProblem } from '../../validation/formats';

export const imageDigestInvalid: Rule = {
  id: 'CKP104',
  name: 'image-digest-invalid',
  level: 'error',
  summary: 'An image pinned by digest names a known algorithm and exactly its number of lowercase hex digits (`@sha256:` + 64).',
  why: 'A truncated or mistyped digest parses as a reference but matches no image: the kubelet fails the pull (`ErrImagePull`, then '
    + '`ImagePullBackOff`) on every node, so the rollout never starts its first pod.',
  fix: 'Copy the full digest from the registry (`crane digest repo:tag` or `docker buildx imagetools inspect`): `repo@sha256:<64 hex digits>`.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const image = c.container.image;
      const problem = typeof image === 'string' ? imageDigestProblem(image) : undefined;
      if (problem) out.push({ field: `${c.path}.image`, value: image, container: c.name, message: `image '${image}' ${problem}` });
    }
    return out;
  },
};
