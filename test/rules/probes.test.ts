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
  test('non-compliant: no ports declared, but probed over HTTP or TCP: it serves that port (issue 15)', () => {
    for (const livenessProbe of [{ httpGet: { path: '/healthz', port: 10254 } }, { tcpSocket: { port: 10254 } }]) {
      const v = readinessProbeMissing.check(deployment({ containers: [container({ ports: undefined, readinessProbe: undefined, livenessProbe })] }), ctx);
      expect(v.map(x => x.message)).toEqual([expect.stringMatching(/serves port 10254 but has no readinessProbe/)]);
    }
  });
  test('compliant: an exec liveness probe says nothing about ports', () => {
    const c = container({ ports: undefined, readinessProbe: undefined, livenessProbe: { exec: { command: ['true'] } } });
    expect(readinessProbeMissing.check(deployment({ containers: [c] }), ctx)).toEqual([]);
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
  test('compliant: an undeclared number (Kubernetes does not require probe ports to be declared)', () => {
    expect(probePortUndeclared.check(deployment({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 9090 } } })] }), ctx)).toEqual([]);
    expect(probePortUndeclared.check(deployment({ containers: [container({ ports: undefined, livenessProbe: { tcpSocket: { port: 9001 } } })] }), ctx)).toEqual([]);
  });
  test('compliant: a number declared for TCP and UDP (DNS)', () => {
    const c = container({ ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }], readinessProbe: { tcpSocket: { port: 53 } } });
    expect(probePortUndeclared.check(deployment({ containers: [c] }), ctx)).toEqual([]);
  });
  test('non-compliant: an undeclared name', () => {
    const v = probePortUndeclared.check(deployment({ containers: [container({ livenessProbe: { tcpSocket: { port: 'metrics' } } })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[0].livenessProbe', value: 'metrics' })]);
    expect(v[0].message).toMatch(/'metrics', which the container does not declare \(named ports: http\): the pod is rejected/);
  });
  test('non-compliant: a TCP probe on a port declared only as UDP, by number or name', () => {
    const ports = [{ containerPort: 9999, name: 'udp', protocol: 'UDP' }];
    for (const port of [9999, 'udp']) {
      const v = probePortUndeclared.check(deployment({ containers: [container({ ports, readinessProbe: { tcpSocket: { port } } })] }), ctx);
      expect(v.map(x => x.message)).toEqual([expect.stringMatching(/readinessProbe tcpSocket connects over TCP to port .*9999|udp.*, which the container declares only as UDP/)]);
    }
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
