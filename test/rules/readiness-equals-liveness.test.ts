import { readinessEqualsLiveness as rule } from '../../lib/rules/probes/readiness-equals-liveness';
import { container, deployment } from './fixtures';

const ctx = { objects: [] };
const http = { httpGet: { path: '/healthz', port: 8080 } };
const probes = (readinessProbe: any, livenessProbe: any) => deployment({ containers: [container({ readinessProbe, livenessProbe })] });

describe('CKP206 readiness-equals-liveness', () => {
  test('compliant: liveness tolerates failures longer than readiness (GracefulWebApp\'s derivation)', () => {
    expect(rule.check(probes({ ...http, periodSeconds: 5 }, { ...http, periodSeconds: 10, failureThreshold: 6 }), ctx)).toEqual([]);
  });
  test('compliant: different endpoints, or no liveness probe', () => {
    expect(rule.check(probes(http, { httpGet: { path: '/livez', port: 8080 } }), ctx)).toEqual([]);
    expect(rule.check(probes(http, undefined), ctx)).toEqual([]);
  });
  test('non-compliant: seed 001, identical probes', () => {
    const probe = { failureThreshold: 3, httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 };
    expect(rule.check(probes(probe, { ...probe }), ctx)).toEqual([expect.objectContaining({
      field: 'spec.template.spec.containers[0].livenessProbe',
      container: 'app',
      message: expect.stringMatching(/same httpGet endpoint as readinessProbe and gives up as fast \(30s vs 30s of failures\)/),
    })]);
  });
  test('non-compliant: API defaults and named ports are resolved before comparing', () => {
    const liveness = { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' } };
    expect(rule.check(probes(http, liveness), ctx)).toHaveLength(1);
  });
  test('non-compliant: liveness gives up faster than readiness', () => {
    const v = rule.check(probes({ tcpSocket: { port: 8080 }, failureThreshold: 6 }, { tcpSocket: { port: 8080 } }), ctx);
    expect(v[0].message).toMatch(/gives up faster \(30s vs 1m of failures\)/);
  });
});
