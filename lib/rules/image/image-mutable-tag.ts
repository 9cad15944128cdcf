import { isImageRef, parseImageRef } from '../image-ref';
import { containersOf, perText, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

export const imageMutableTag: Rule = {
  id: 'CKP101',
  name: 'image-mutable-tag',
  level: 'error',
  summary: 'Every container image is pinned by a version tag or a digest, never `latest` or no tag.',
  why: 'An image without a tag means `:latest`, and `latest` moves: two pods of one Deployment can run different code, a rollback '
    + 'redeploys whatever `latest` is today, and nobody can tell which version runs. With the default pull policy a node may also '
    + 'keep a stale `latest` forever.',
  fix: 'Pin the image to a release tag (`repo:1.4.2`) or a digest (`repo@sha256:…`); or suppress with a reason for a dev-only image.',
  polaris: 'tagNotSpecified',
  checkov: ['CKV_K8S_14'],
  kubeLinter: ['latest-tag'],
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const image = c.container.image;
      const field = `${c.path}.image`;
      if (typeof image !== 'string' || image === '') {
        out.push({ field, value: image, container: c.name, message: 'has no image', fix: 'Set `image` to a pinned reference such as `repo:1.4.2`.' });
        continue;
      }
      const ref = perText(parseImageRef, image, parseImageRef);
      if (!isImageRef(ref)) {
        out.push({ field, value: image, container: c.name, message: `image '${image}' ${ref.error}`, fix: 'Write the image as `registry/repository:tag` or `registry/repository@sha256:<digest>`.' });
      } else if (!ref.digest && !ref.tag) {
        out.push({ field, value: image, container: c.name, message: `image '${image}' has no tag, so it means whatever '${ref.repository}:latest' is when a node pulls it`, fix: `Pin it: '${ref.repository}:<version>' or '${ref.repository}@sha256:<digest>'.` });
      } else if (!ref.digest && ref.tag === 'latest') {
        out.push({ field, value: image, container: c.name, message: `image '${image}' uses the mutable tag 'latest'`, fix: `Pin it: '${ref.repository}:<version>' or '${ref.repository}@sha256:<digest>'.` });
      }
    }
    return out;
  },
};
