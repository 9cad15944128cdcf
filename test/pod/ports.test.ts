import { Testing } from 'cdk8s';
import { HealthCheck, kplus } from '../../lib';
import { portNameInvalid } from '../../lib/rules/objects/port-name-invalid';
import { container, deployment } from '../rules/fixtures';
import { ruleIdOf, synthWebApp } from './web-app-helpers';

describe('GracefulWebApp extra ports', () => {
  test('named ports on the container; on the Service only when asked; admitted by the NetworkPolicy', () => {
    const { of } = synthWebApp({ ports: [{ name: 'metrics', port: 9090 }, { name: 'grpc', port: 9000, service: true }] });
    const d = of('Deployment');
    expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }, { containerPort: 9000, name: 'grpc' }]);
    expect(of('Service').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080 }, { name: 'grpc', port: 9000, targetPort: 9000 }]);
    const np = of('NetworkPolicy');
    expect(np.spec.ingress.every((r: any) => r.ports.map((p: any) => p.port).join() === '8080,9090,9000')).toBe(true);
  });

  test('a port with its own peers gets its own ingress rule', () => {
    const { of } = synthWebApp({ ports: [{ name: 'metrics', port: 9090, ingressFrom: [] }] });
    const np = of('NetworkPolicy');
    expect(np.spec.ingress.every((r: any) => r.ports.map((p: any) => p.port).join() === '8080')).toBe(true);
    const withPeer = synthWebApp({ ports: [{ name: 'metrics', port: 9090, ingressFrom: [kplus.Pods.select(Testing.chart(), 'Prom', { labels: { app: 'prometheus' } })] }] });
    const rules = withPeer.of('NetworkPolicy').spec.ingress;
    expect(rules.find((r: any) => r.ports[0].port === 9090).from[0].podSelector.matchLabels).toEqual({ app: 'prometheus' });
  });

  test('a probe may target an extra port by name', () => {
    const { of } = synthWebApp({ ports: [{ name: 'admin', port: 8081 }], readiness: HealthCheck.httpGet('/ready', { port: 'admin' }) });
    expect(of('Deployment').spec.template.spec.containers[0].readinessProbe.httpGet.port).toBe('admin');
  });

  test.each([
    [[{ name: 'metrics-and-more', port: 9090 }], 'CKP821'],
    [[{ name: 'a--b', port: 9090 }], 'CKP821'],
    [[{ name: 'metrics', port: 70000 }], 'CKP827'],
    [[{ name: 'http', port: 9090 }], 'CKP806'],
    [[{ name: 'metrics', port: 8080 }], 'CKP806'],
  ])('refused: %j → %s', (ports, id) => {
    expect(ruleIdOf(() => synthWebApp({ ports }))).toBe(id);
  });

  test('refused: an extra Service port on the servicePort number (CKP806)', () => {
    expect(ruleIdOf(() => synthWebApp({ servicePort: 9000, ports: [{ name: 'grpc', port: 9000, service: true }] }))).toBe('CKP806');
  });
});

describe('CKP821 port-name-invalid', () => {
  test('container port names over 15 characters and Service port names that are not labels', () => {
    const d = deployment({ containers: [container({ ports: [{ containerPort: 9090, name: 'prometheus-metrics' }] })] });
    expect(portNameInvalid.check(d, { objects: [] })[0].message).toMatch(/is 18 characters long/);
    const svc = { kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'Http', port: 80 }] } };
    expect(portNameInvalid.check(svc, { objects: [] })[0].field).toBe('spec.ports[0].name');
  });
  test('compliant', () => {
    expect(portNameInvalid.check(deployment(), { objects: [] })).toEqual([]);
  });
});
