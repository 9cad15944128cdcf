import { Testing } from 'cdk8s';
import { DevContainer, DevSecurity } from '../../lib';
import { chart } from '../util';

describe('DevContainer takes the production props that apply to it', () => {
  const c = chart();
  const box = new DevContainer(c, 'box', {
    image: 'ubuntu:22.04',
    security: DevSecurity.restricted(),
    ssh: false,
    interactive: true,
    secretEnv: { GITHUB_TOKEN: { secret: 'dev-github', key: 'token' } },
    envFrom: [{ configMap: 'dev-settings' }],
    labels: { owner: 'alice' },
    podAnnotations: { 'example.com/purpose': 'scratch' },
    scheduling: { nodeSelector: { pool: 'dev' } },
    serviceAccount: { create: true },
  });
  const out = Testing.synth(c);
  const d = out.find(o => o.kind === 'Deployment');
  const pod = d.spec.template.spec;

  test('env from a Secret key and a ConfigMap, by name', () => {
    expect(pod.containers[0].env).toContainEqual({ name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 'dev-github', key: 'token' } } });
    expect(pod.containers[0].envFrom).toEqual([{ configMapRef: { name: 'dev-settings' } }]);
  });

  test('labels on every object, pod annotations, node selector, its own ServiceAccount without a token', () => {
    for (const o of out) expect(o.metadata.labels.owner).toBe('alice');
    expect(d.spec.template.metadata.annotations['example.com/purpose']).toBe('scratch');
    expect(pod.nodeSelector).toEqual({ pool: 'dev' });
    expect(pod.serviceAccountName).toBe('box');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(out.find(o => o.kind === 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(box.rules.findings().filter(f => !f.suppressed && f.rule.level === 'error')).toEqual([]);
  });
});
