import { progressDeadlineTooShort } from '../../lib/rules/rollout/progress-deadline-too-short';
import { replicasBelowOne } from '../../lib/rules/rollout/replicas-below-one';
import { rollingUpdateDropsCapacity } from '../../lib/rules/rollout/rolling-update-drops-capacity';
import { container, deployment } from './fixtures';

const ctx = { objects: [] };
const strategy = (replicas: number, rollingUpdate?: object, type = 'RollingUpdate') => deployment({}, { replicas, strategy: { type, rollingUpdate } });

describe('CKP501 rolling-update-drops-capacity', () => {
  test.each([
    [2, { maxSurge: 1, maxUnavailable: 0 }],
    [1, undefined], // 25% of 1 rounds down to 0 unavailable, up to 1 surge
    [4, { maxSurge: '25%', maxUnavailable: '25%' }],
  ])('compliant: %i replicas, %j', (replicas, ru) => {
    expect(rollingUpdateDropsCapacity.check(strategy(replicas, ru), ctx)).toEqual([]);
  });
  test('non-compliant: 1 replica with maxUnavailable 1', () => {
    expect(rollingUpdateDropsCapacity.check(strategy(1, { maxUnavailable: 1 }), ctx)[0].message).toMatch(/take down all 1 replica/);
  });
  test('non-compliant: both 0', () => {
    expect(rollingUpdateDropsCapacity.check(strategy(3, { maxSurge: 0, maxUnavailable: 0 }), ctx)[0].message).toMatch(/never progress/);
  });
  test('Recreate is out of scope', () => {
    expect(rollingUpdateDropsCapacity.appliesTo!(strategy(1, undefined, 'Recreate'))).toBe(false);
  });
});

describe('CKP502 progress-deadline-too-short', () => {
  const slow = container({ startupProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10, failureThreshold: 30 } });
  test('compliant: default 600s against a 300s startup budget', () => {
    expect(progressDeadlineTooShort.check(deployment({ containers: [slow] }), ctx)).toEqual([]);
  });
  test('non-compliant: 300s startup + 5s readiness + 10s minReady against a 310s deadline', () => {
    const v = progressDeadlineTooShort.check(deployment({ containers: [slow] }, { progressDeadlineSeconds: 310, minReadySeconds: 10 }), ctx);
    expect(v[0].message).toBe('progressDeadlineSeconds (5m10s) is not longer than the startup budget (5m5s) plus minReadySeconds (10s)');
  });
});

describe('CKP503 replicas-below-one', () => {
  test.each([1, 3, undefined])('compliant: %p', r => {
    expect(replicasBelowOne.check(deployment({}, { replicas: r }), ctx)).toEqual([]);
  });
  test.each([0, -1, 1.5])('non-compliant: %p', r => {
    expect(replicasBelowOne.check(deployment({}, { replicas: r }), ctx)).toHaveLength(1);
  });
});
