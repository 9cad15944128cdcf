import { sleepSeconds } from '../../lib/rules/k8s';
import { preStopExceedsGrace } from '../../lib/rules/lifecycle/prestop-exceeds-grace';
import { preStopHookMissing } from '../../lib/rules/lifecycle/prestop-hook-missing';
import { container, deployment } from './fixtures';

const ctx = { objects: [] };
const withPreStop = (command: string[], grace?: number) =>
  deployment({ containers: [container({ lifecycle: { preStop: { exec: { command } } } })], terminationGracePeriodSeconds: grace });

describe('CKP301 prestop-exceeds-grace-period', () => {
  test('compliant: sleep 5 within the default 30s', () => {
    expect(preStopExceedsGrace.check(withPreStop(['sleep', '5']), ctx)).toEqual([]);
  });
  test('non-compliant: seed 004, sleep 10000000 with a 20s grace period', () => {
    const v = preStopExceedsGrace.check(withPreStop(['/bin/sh', '-c', 'sleep 10000000'], 20), ctx);
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/preStop sleeps 10000000s, but terminationGracePeriodSeconds is 20s/);
  });
  test('non-compliant: a sleep as long as the default grace period', () => {
    expect(preStopExceedsGrace.check(withPreStop(['sleep', '30']), ctx)).toHaveLength(1);
  });
  test('reads sleep at the start of a script', () => {
    expect(sleepSeconds({ exec: { command: ['sh', '-c', 'sleep 15; nginx -s quit'] } })).toBe(15);
    expect(sleepSeconds({ exec: { command: ['sleep', '2m'] } })).toBe(120);
    expect(sleepSeconds({ exec: { command: ['sleep', 'infinity'] } })).toBe(Infinity);
    expect(sleepSeconds({ exec: { command: ['nginx', '-s', 'quit'] } })).toBeUndefined();
    expect(sleepSeconds({ httpGet: { path: '/' } })).toBeUndefined();
  });
});

describe('CKP302 prestop-hook-missing', () => {
  test('compliant: serving with a hook', () => {
    expect(preStopHookMissing.check(deployment(), ctx)).toEqual([]);
  });
  test('non-compliant: serving without one', () => {
    expect(preStopHookMissing.check(deployment({ containers: [container({ lifecycle: undefined })] }), ctx)).toHaveLength(1);
  });
  test('non-compliant: serving a port it does not declare, known from its HTTP readiness probe (issue 15)', () => {
    const c = container({ ports: undefined, lifecycle: undefined, readinessProbe: { httpGet: { path: '/', port: 9001 } } });
    expect(preStopHookMissing.check(deployment({ containers: [c] }), ctx)).toHaveLength(1);
  });
  test('is a warning', () => {
    expect(preStopHookMissing.level).toBe('warning');
  });
});
