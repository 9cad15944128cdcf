import { imageMutableTag } from '../../lib/rules/image/image-mutable-tag';
import { parseImageRef } from '../../lib/rules/image-ref';
import { container, deployment } from './fixtures';

const check = (image: string) => imageMutableTag.check(deployment({ containers: [container({ image })] }), { objects: [] });

describe('CKP101 image-mutable-tag', () => {
  test.each([
    'nginx:1.25.3',
    'cloudnativestg1.azurecr.io/httpserver:1.1',
    'localhost:5001/fedora-dev-tini:2023.01',
    'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
    'nginx:1.25@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
  ])('accepts pinned %s', image => {
    expect(check(image)).toEqual([]);
  });

  test.each([
    ['nginx', /has no tag/],
    ['nginx:latest', /mutable tag 'latest'/],
    ['localhost:5001/fedora-dev-tini', /has no tag/],
    ['Nginx:1.0', /malformed repository/],
    ['nginx:', /malformed tag/],
  ])('rejects %s', (image, message) => {
    const v = check(image);
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(message);
    expect(v[0].field).toBe('spec.template.spec.containers[0].image');
    expect(v[0].container).toBe('app');
  });

  test('checks init containers too', () => {
    const obj = deployment({ initContainers: [container({ name: 'init', image: 'busybox' })] });
    expect(imageMutableTag.check(obj, { objects: [] }).map(v => v.field)).toEqual(['spec.template.spec.initContainers[0].image']);
  });

  test('a registry port is not a tag', () => {
    expect(parseImageRef('localhost:5001/x')).toEqual({ repository: 'localhost:5001/x', tag: undefined, digest: undefined });
  });
});
