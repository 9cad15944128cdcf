import { Duration, Testing } from 'cdk8s';
import { BoundedJob } from '../../lib';
import { referenceNameInvalid } from '../../lib/rules/objects/reference-name-invalid';
import { chart } from '../util';
import { deployment, container } from '../rules/fixtures';
import { ruleIdOf, synthWebApp, webBase } from './web-app-helpers';

describe('secretEnv and envFrom', () => {
  const { of } = synthWebApp({
    env: { MODE: 'web' },
    secretEnv: { DB_PASSWORD: { secret: 'shop-db', key: 'password' }, API_TOKEN: { secret: 'api', key: 'token', optional: true } },
    envFrom: [{ configMap: 'shared-settings' }, { secret: 'feature-flags', prefix: 'FLAG_', optional: true }],
  });
  const main = of('Deployment').spec.template.spec.containers[0];

  test('secretKeyRef by name and key: no value in the manifest', () => {
    expect(main.env).toContainEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } });
    expect(main.env).toContainEqual({ name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token', optional: true } } });
    expect(JSON.stringify(of('Deployment'))).not.toMatch(/"value":"(?!web)/);
  });

  test('envFrom with prefix and optional', () => {
    expect(main.envFrom).toEqual([{ configMapRef: { name: 'shared-settings' } }, { prefix: 'FLAG_', secretRef: { name: 'feature-flags', optional: true } }]);
  });

  test('the batch constructs take them too', () => {
    const c = chart();
    new BoundedJob(c, 'migrate', { image: webBase.image, resources: webBase.resources, activeDeadline: Duration.minutes(10), secretEnv: { DB_URL: { secret: 'db', key: 'url' } } });
    const job = Testing.synth(c).find(o => o.kind === 'Job');
    expect(job.spec.template.spec.containers[0].env).toContainEqual({ name: 'DB_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } });
  });

  test.each([
    [{ secretEnv: { DB: { secret: 'Shop_DB', key: 'password' } } }, 'CKP826'],
    [{ secretEnv: { DB: { secret: 'db', key: 'pass word' } } }, 'CKP802'],
    [{ env: { DB: 'x' }, secretEnv: { DB: { secret: 'db', key: 'password' } } }, 'CKP904'],
    [{ envFrom: [{ secret: 'a', configMap: 'b' }] }, 'CKP826'],
    [{ envFrom: [{}] }, 'CKP826'],
    [{ envFrom: [{ configMap: 'UPPER' }] }, 'CKP826'],
  ])('refused: %j → %s', (props, id) => {
    expect(ruleIdOf(() => synthWebApp(props as any))).toBe(id);
  });
});

describe('CKP826 reference-name-invalid', () => {
  test('flags secretKeyRef, envFrom, volume and service account names no object can have', () => {
    const d = deployment({
      serviceAccountName: 'Web_SA',
      containers: [container({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'Bad Name', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'ok' } }] })],
      volumes: [{ name: 'certs', secret: { secretName: '-tls' } }],
    });
    expect(referenceNameInvalid.check(d, { objects: [] }).map(v => v.field)).toEqual([
      'spec.template.spec.serviceAccountName', 'spec.template.spec.volumes[0].secret.secretName', 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name',
    ]);
  });
  test('Ingress TLS secret names', () => {
    const ing = { kind: 'Ingress', metadata: { name: 'web' }, spec: { tls: [{ secretName: 'web_tls' }] } };
    expect(referenceNameInvalid.check(ing, { objects: [] })[0].field).toBe('spec.tls[0].secretName');
  });
  test('compliant', () => {
    expect(referenceNameInvalid.check(deployment(), { objects: [] })).toEqual([]);
  });
});
