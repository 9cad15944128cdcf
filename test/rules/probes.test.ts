import { probePortUndeclared } from '../../lib/rules/probes/probe-port-undeclared';
import { probeSuccessThreshold } from '../../lib/rules/probes/probe-success-threshold';
import { probeTimingInvalid } from '../../lib/rules/probes/probe-timing-invalid';
import { readinessProbeMissing } from '../../lib/rules/probes/readiness-probe-missing';
import { container, deployment, job } from './fixtures';

const ctx = { objects: [] };

describe('CKP201 readiness-probe-missing', () => {
  test('compliant: serving container with a readiness probe', () => {
    expect(readinessProbeMissing.check(deployment(), ctx)).toEqual([]);
  });
  test('compliant: a container that serves no port needs none', () => {
    expect(readinessProbeMissing.check(deployment({ containers: [container({ ports: undefined, readinessProbe: undefined })] }), ctx)).toEqual([]);
  });
  test('non-compliant: serving container without one', () => {
    const v = readinessProbeMissing.check(deployment({ containers: [container({ readinessProbe: undefined })] }), ctx);
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/serves port 8080 but has no readinessProbe/);
  });
  test('does not apply to Jobs', () => {
    expect(readinessProbeMissing.kinds).not.toContain('Job');
  });
});

describe('CKP202 probe-success-threshold', () => {
  test('compliant: 1 or unset', () => {
    expect(probeSuccessThreshold.check(deployment({ containers: [container({ livenessProbe: { tcpSocket: { port: 8080 }, successThreshold: 1 } })] }), ctx)).toEqual([]);
  });
  test('compliant: readiness may demand more', () => {
    expect(probeSuccessThreshold.check(deployment({ containers: [container({ readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 3 } })] }), ctx)).toEqual([]);
  });
  test.each(['livenessProbe', 'startupProbe'])('non-compliant: %s successThreshold 2', field => {
    const v = probeSuccessThreshold.check(deployment({ containers: [container({ [field]: { tcpSocket: { port: 8080 }, successThreshold: 2 } })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: `spec.template.spec.containers[0].${field}.successThreshold`, value: 2 })]);
  });
});

describe('CKP203 probe-port-undeclared', () => {
  test('compliant: by number and by name', () => {
    const c = container({ livenessProbe: { tcpSocket: { port: 'http' } } });
    expect(probePortUndeclared.check(deployment({ containers: [c] }), ctx)).toEqual([]);
  });
  test('compliant: exec probes have no port', () => {
    const c = container({ readinessProbe: { exec: { command: ['true'] } } });
    expect(probePortUndeclared.check(deployment({ containers: [c] }), ctx)).toEqual([]);
  });
  test('non-compliant: an undeclared number', () => {
    const v = probePortUndeclared.check(deployment({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 9090 } } })] }), ctx);
    expect(v[0].message).toMatch(/targets port 9090, which the container does not declare \(declared: 8080\)/);
  });
  test('non-compliant: an undeclared name', () => {
    const v = probePortUndeclared.check(deployment({ containers: [container({ livenessProbe: { tcpSocket: { port: 'metrics' } } })] }), ctx);
    expect(v[0].message).toMatch(/'metrics'/);
  });
});

describe('CKP204 probe-timing-invalid', () => {
  test('compliant: defaults and sane values', () => {
    expect(probeTimingInvalid.check(deployment(), ctx)).toEqual([]);
    expect(probeTimingInvalid.check(job(), ctx)).toEqual([]);
  });
  test.each([
    [{ periodSeconds: 0 }, 'periodSeconds'],
    [{ timeoutSeconds: 0 }, 'timeoutSeconds'],
    [{ initialDelaySeconds: -1 }, 'initialDelaySeconds'],
    [{ failureThreshold: 0 }, 'failureThreshold'],
    [{ periodSeconds: 2, timeoutSeconds: 2 }, 'timeoutSeconds'],
  ])('non-compliant: %j', (timing, field) => {
    const v = probeTimingInvalid.check(deployment({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 8080 }, ...timing } })] }), ctx);
    expect(v.map(x => x.field)).toContain(`spec.template.spec.containers[0].readinessProbe.${field}`);
  });
});
