import { Testing } from 'cdk8s';
import { addShopCharts } from '../../apps/shop';

describe('apps/shop (issue 12: a production service on day one)', () => {
  const [staging, production] = addShopCharts(Testing.app());
  const synth = (chart: typeof staging) => {
    const out = Testing.synth(chart);
    return { out, of: (kind: string) => out.find(o => o.kind === kind) };
  };
  const stg = synth(staging);
  const prd = synth(production);

  test('one namespace per environment, restricted, default-deny, with a quota; every object in it', () => {
    for (const [env, { out, of }] of [['staging', stg], ['production', prd]] as const) {
      expect(of('Namespace').metadata.name).toBe(`shop-${env}`);
      expect(of('Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
      expect(out.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name)).toEqual(['default-deny', 'web']);
      expect(of('ResourceQuota')).toBeDefined();
      for (const o of out.filter(x => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe(`shop-${env}`);
    }
  });

  test('house defaults reach the web app: pull secret, priority class, part-of, team labels, ingress class', () => {
    const d = prd.of('Deployment');
    expect(d.spec.template.spec.imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
    expect(d.spec.template.spec.priorityClassName).toBe('shop-critical');
    expect(d.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'shop', 'example.com/team': 'shop', 'example.com/environment': 'production' });
    expect(prd.of('Ingress').spec.ingressClassName).toBe('nginx');
  });

  test('same app, different size and hosts: HPA bounds, no replicas on the Deployment, PDB', () => {
    expect(stg.of('HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(prd.of('HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(prd.of('HorizontalPodAutoscaler').spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    expect(prd.of('Deployment').spec.replicas).toBeUndefined();
    expect(prd.of('PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(stg.of('Deployment').spec.template.spec.containers[0].image).toBe(prd.of('Deployment').spec.template.spec.containers[0].image);
    expect(stg.of('Ingress').spec.rules.map((r: any) => r.host)).toEqual(['shop.staging.example.com']);
    expect(prd.of('Ingress').spec.rules.map((r: any) => r.host)).toEqual(['shop.example.com', 'www.shop.example.com']);
  });

  test('Ingress with TLS by Secret name; the controller and Prometheus are admitted, the database is the only egress besides DNS', () => {
    expect(prd.of('Ingress').spec.tls).toEqual([{ hosts: ['shop.example.com', 'www.shop.example.com'], secretName: 'shop-tls' }]);
    const np = prd.out.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'web');
    const peers = np.spec.ingress.map((r: any) => [JSON.stringify(r.from[0]), r.ports.map((p: any) => p.port).join()]);
    expect(peers).toContainEqual([JSON.stringify({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }), '8080']);
    expect(peers.find(([, ports]: string[]) => ports === '9090')[0]).toMatch(/prometheus/);
    expect(np.spec.egress.map((r: any) => r.ports.map((p: any) => p.port).join())).toEqual(['53,53', '5432']);
  });

  test('metrics port and the database password by Secret name only', () => {
    const c = prd.of('Deployment').spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }]);
    expect(c.env).toContainEqual({ name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } });
    expect(prd.out.map(o => o.kind)).not.toContain('Secret');
  });

  test('no unsuppressed rule finding', () => {
    expect(production.web.rules.findings().filter(f => !f.suppressed)).toEqual([]);
    expect(staging.secureNamespace.rules.findings().filter(f => !f.suppressed && f.rule.level !== 'info')).toEqual([]);
  });

  test('snapshot', () => {
    expect(prd.out).toMatchSnapshot();
  });
});
