import { computeQosClass } from '../../lib/rules/qos';
import { qosClassMismatch } from '../../lib/rules/resources/qos-class-mismatch';
import { requestsExceedLimits } from '../../lib/rules/resources/requests-exceed-limits';
import { resourcesMissing } from '../../lib/rules/resources/resources-missing';
import { parseQuantity } from '../../lib/rules/k8s';
import { container, deployment } from './fixtures';

const ctx = { objects: [] };
const res = (requests?: object, limits?: object) => ({ requests, limits });

describe('quantities and QoS', () => {
  test.each([['700m', 0.7], ['1', 1], ['1.5', 1.5], ['200Mi', 200 * 2 ** 20], ['1G', 1e9], ['1e3', 1000], [2, 2], ['x', undefined]])('%s', (q, v) => {
    expect(parseQuantity(q)).toBe(v);
  });
  test('Guaranteed needs equal cpu and memory for every container', () => {
    const g = { cpu: '700m', memory: '200Mi' };
    expect(computeQosClass({ containers: [{ resources: res(g, g) }] })).toBe('Guaranteed');
    expect(computeQosClass({ containers: [{ resources: res(undefined, g) }] })).toBe('Guaranteed'); // requests default to limits
    expect(computeQosClass({ containers: [{ resources: res(g, g) }, { resources: res({ cpu: '10m', memory: '10Mi' }, { memory: '10Mi' }) }] })).toBe('Burstable');
    expect(computeQosClass({ containers: [{ resources: res(g, g) }], initContainers: [{ resources: res({ cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '1Gi' }) }] })).toBe('Burstable');
    expect(computeQosClass({ containers: [{}] })).toBe('BestEffort');
    expect(computeQosClass({ containers: [{ resources: res({ cpu: '700m', memory: '200Mi' }, { cpu: '0.7', memory: '209715200' }) }] })).toBe('Guaranteed');
  });
});

describe('CKP401 resources-missing', () => {
  test('compliant', () => {
    expect(resourcesMissing.check(deployment(), ctx)).toEqual([]);
  });
  test('compliant: limits alone (requests default to them)', () => {
    expect(resourcesMissing.check(deployment({ containers: [container({ resources: res(undefined, { cpu: '1', memory: '1Gi' }) })] }), ctx)).toEqual([]);
  });
  test('non-compliant: BestEffort', () => {
    const v = resourcesMissing.check(deployment({ containers: [container({ resources: undefined })] }), ctx);
    expect(v[0].message).toMatch(/BestEffort/);
  });
  test('non-compliant: no memory limit', () => {
    const v = resourcesMissing.check(deployment({ containers: [container({ resources: res({ cpu: '1', memory: '1Gi' }) })] }), ctx);
    expect(v[0].message).toBe('sets no limits.memory');
  });
});

describe('CKP402 requests-exceed-limits', () => {
  test('compliant', () => {
    expect(requestsExceedLimits.check(deployment(), ctx)).toEqual([]);
  });
  test('non-compliant: cpu request above limit', () => {
    const v = requestsExceedLimits.check(deployment({ containers: [container({ resources: res({ cpu: '2', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }) })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[0].resources.requests.cpu', message: 'cpu request (2) is above its limit (1)' })]);
  });
});

describe('CKP403 qos-class-mismatch', () => {
  const declared = (qos: string, containers: any[]) => {
    const d = deployment({ containers });
    d.spec.template.metadata.annotations = { 'cdk8s-patterns/qos-class': qos };
    return d;
  };
  test('applies only when a class is declared', () => {
    expect(qosClassMismatch.appliesTo!(deployment())).toBe(false);
    expect(qosClassMismatch.appliesTo!(declared('Guaranteed', [container()]))).toBe(true);
  });
  test('compliant: declared Guaranteed and is', () => {
    expect(qosClassMismatch.check(declared('Guaranteed', [container()]), ctx)).toEqual([]);
  });
  test('non-compliant: a Burstable sidecar under a Guaranteed declaration', () => {
    const sidecar = container({ name: 'proxy', resources: res({ cpu: '10m', memory: '16Mi' }, { cpu: '100m', memory: '16Mi' }) });
    const v = qosClassMismatch.check(declared('Guaranteed', [container(), sidecar]), ctx);
    expect(v[0].message).toBe("declares QoS class Guaranteed, but Kubernetes computes Burstable (container 'proxy' has requests ≠ limits or misses a cpu or memory limit)");
    expect(v[0].field).toBe('spec.template.metadata.annotations.cdk8s-patterns/qos-class');
  });
});
