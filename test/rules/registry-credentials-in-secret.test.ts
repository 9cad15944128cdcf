import { registryCredentialsInSecret as rule } from '../../lib/rules/image/registry-credentials-in-secret';

const ctx = { objects: [] };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (type: string, body: Record<string, any>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pull' }, type, ...body });
const config = (entry: Record<string, string>) => JSON.stringify({ auths: { 'registry.example': entry } });

describe('CKP102 registry-credentials-in-secret', () => {
  test('applies only to docker config Secrets', () => {
    expect(rule.appliesTo!(secret('Opaque', { data: { '.dockerconfigjson': b64(config({ auth: 'eA==' })) } }))).toBe(false);
    expect(rule.appliesTo!(secret('kubernetes.io/dockerconfigjson', {}))).toBe(true);
    expect(rule.appliesTo!(secret('kubernetes.io/dockercfg', {}))).toBe(true);
  });

  test('compliant: a config without credentials (credential helpers only)', () => {
    const body = JSON.stringify({ auths: { 'registry.example': {} }, credHelpers: { 'registry.example': 'ecr-login' } });
    expect(rule.check(secret('kubernetes.io/dockerconfigjson', { data: { '.dockerconfigjson': b64(body) } }), ctx)).toEqual([]);
  });

  test.each([
    ['auth', { auth: b64('user:secret') }],
    ['password', { username: 'user', password: 'secret' }],
    ['identitytoken', { identitytoken: 'token' }],
  ])('non-compliant: %s in data (base64)', (_field, entry) => {
    const v = rule.check(secret('kubernetes.io/dockerconfigjson', { data: { '.dockerconfigjson': b64(config(entry)) } }), ctx);
    expect(v).toEqual([{ field: 'data[".dockerconfigjson"]', message: 'Secret of type kubernetes.io/dockerconfigjson carries credentials for registry.example in the manifest' }]);
  });

  test('non-compliant: in stringData (plain text)', () => {
    const v = rule.check(secret('kubernetes.io/dockerconfigjson', { stringData: { '.dockerconfigjson': config({ password: 'secret' }) } }), ctx);
    expect(v.map(x => x.field)).toEqual(['stringData[".dockerconfigjson"]']);
  });

  test('non-compliant: the legacy dockercfg format', () => {
    const v = rule.check(secret('kubernetes.io/dockercfg', { data: { '.dockercfg': b64(JSON.stringify({ 'registry.example': { auth: 'eA==' } })) } }), ctx);
    expect(v).toHaveLength(1);
  });

  test('non-compliant: seed 001\'s truncated value still shows an auth field', () => {
    const seed = 'ewoJImF1dGhzIjogewoJCSJjbG91ZG5hdGl2ZXN0ZzEuYXp1cmVjci5pbyI6IHsKCQkJImF1dGgiOiAiWTJ....yIKCQl9Cgl9Cn0=';
    expect(rule.check(secret('kubernetes.io/dockerconfigjson', { data: { '.dockerconfigjson': seed } }), ctx)).toHaveLength(1);
  });

  test('never puts the credential into the finding', () => {
    const v = rule.check(secret('kubernetes.io/dockerconfigjson', { stringData: { '.dockerconfigjson': config({ password: 'hunter2-secret' }) } }), ctx);
    expect(JSON.stringify(v)).not.toMatch(/hunter2/);
  });
});
