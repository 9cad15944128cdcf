import { kplus } from '../../lib';
import { ingressHostInvalid } from '../../lib/rules/objects/ingress-host-invalid';
import { ingressTlsMissing } from '../../lib/rules/objects/ingress-tls-missing';
import { chart } from '../util';
import { ruleIdOf, synthWebApp } from './web-app-helpers';

describe('GracefulWebApp ingress', () => {
  const { of, app } = synthWebApp({
    ingress: {
      hosts: ['shop.example.com', 'www.shop.example.com'],
      paths: [{ path: '/' }, { path: '/api', pathType: kplus.HttpIngressPathType.EXACT }],
      tlsSecret: 'shop-tls',
      className: 'nginx',
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    },
  });

  test('a networking.k8s.io/v1 Ingress routes every host and path to the Service port, with TLS by Secret name', () => {
    const ing = of('Ingress');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.metadata).toMatchObject({ name: 'web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.tls).toEqual([{ hosts: ['shop.example.com', 'www.shop.example.com'], secretName: 'shop-tls' }]);
    expect(ing.spec.rules).toHaveLength(2);
    expect(ing.spec.rules[0]).toEqual({
      host: 'shop.example.com',
      http: { paths: [
        { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } },
        { path: '/api', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 8080 } } } },
      ] },
    });
    expect(app.ingress).toBeDefined();
    expect(app.rules.findings().filter(f => !f.suppressed)).toEqual([]);
  });

  test('ingressFrom unset: the policy admits anyone already, nothing added', () => {
    expect(of('NetworkPolicy').spec.ingress).toHaveLength(3);
  });

  test('ingressFrom set: the ingress controller\'s namespace is admitted to the served port', () => {
    const c = chart();
    const peer = kplus.Pods.select(c, 'Frontend', { labels: { app: 'frontend' } });
    const np = synthWebApp({ ingressFrom: [peer], ingress: { hosts: ['shop.example.com'], tlsSecret: 'shop-tls' } }).of('NetworkPolicy');
    expect(np.spec.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
  });

  test('ingressFrom: [] with an Ingress: the controller alone is admitted, and no Polaris exemption claims the policy is empty', () => {
    const { of: ofClosed } = synthWebApp({ ingressFrom: [], ingress: { hosts: ['shop.example.com'], tlsSecret: 'shop-tls' } });
    expect(ofClosed('NetworkPolicy').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    expect(ofClosed('Deployment').metadata.annotations ?? {}).not.toHaveProperty(['polaris.fairwinds.com/missingNetworkPolicy-exempt']);
  });

  test('no TLS fails CKP842 unless suppressed with the reason, which Polaris also sees', () => {
    expect(ruleIdOf(() => synthWebApp({ ingress: { hosts: ['shop.example.com'] } }))).toBe('CKP842');
    const { of: ofPlain } = synthWebApp({ ingress: { hosts: ['shop.example.com'] }, suppressions: [{ id: 'CKP842', reason: 'TLS ends at the cloud load balancer in front of the controller' }] });
    const ing = ofPlain('Ingress');
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.metadata.annotations['polaris.fairwinds.com/tlsSettingsMissing-exempt']).toBe('true');
  });

  test.each([
    [{ hosts: ['Shop.Example.com'], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: ['10.0.0.1'], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: ['shop.example.com:443'], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: [], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: ['a.example.com', 'a.example.com'], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: ['a.example.com'], paths: [{ path: 'api' }], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: ['a.example.com'], tlsSecret: 'Shop_TLS' }, 'CKP826'],
    [{ hosts: ['a.example.com'], tlsSecret: 'tls', annotations: { 'a b': 'c' } }, 'CKP840'],
    // Found by the fuzz: cdk8s-plus threw 'there is already an ingress rule' and 'Validation failed'.
    [{ hosts: ['a.example.com'], paths: [{ path: '/' }, { path: '/' }], tlsSecret: 'tls' }, 'CKP841'],
    [{ hosts: ['a.example.com'], paths: [], tlsSecret: 'tls' }, 'CKP841'],
  ])('refused: %j → %s', (ingress, id) => {
    expect(ruleIdOf(() => synthWebApp({ ingress } as any))).toBe(id);
  });

  test('a wildcard host is accepted', () => {
    expect(synthWebApp({ ingress: { hosts: ['*.shop.example.com'], tlsSecret: 'wild-tls' } }).of('Ingress').spec.rules[0].host).toBe('*.shop.example.com');
  });
});

describe('CKP841 ingress-host-invalid and CKP842 ingress-tls-missing', () => {
  const ing = (spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec });
  test('bad rule host, path without /, TLS host no rule routes', () => {
    const v = ingressHostInvalid.check(ing({
      rules: [{ host: 'Web.example.com', http: { paths: [{ path: 'api', pathType: 'Prefix' }] } }],
      tls: [{ hosts: ['other.example.com'], secretName: 'tls' }],
    }), { objects: [] });
    expect(v.map(x => x.field)).toEqual(['spec.rules[0].host', 'spec.rules[0].http.paths[0].path', 'spec.tls[0].hosts[0]']);
  });
  test('TLS missing', () => {
    expect(ingressTlsMissing.check(ing({ rules: [] }), { objects: [] })[0].field).toBe('spec.tls');
    expect(ingressTlsMissing.check(ing({ tls: [{ hosts: ['a.example.com'], secretName: 'x' }] }), { objects: [] })).toEqual([]);
  });
});
