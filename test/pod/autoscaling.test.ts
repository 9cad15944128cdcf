import { Duration } from 'cdk8s';
import { ruleIdOf, synthWebApp } from './web-app-helpers';

describe('GracefulWebApp autoscaling', () => {
  const { of, app } = synthWebApp({ autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80, scaleDownStabilization: Duration.minutes(10) } });

  test('an autoscaling/v2 HPA scales the Deployment on cpu and memory', () => {
    const hpa = of('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.name).toBe('web');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } });
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(600);
    expect(hpa.metadata.labels['app.kubernetes.io/instance']).toBe('web');
    expect(app.autoscaler).toBeDefined();
  });

  test('the Deployment writes no replicas, and says why to Polaris', () => {
    const d = of('Deployment');
    expect(d.spec.replicas).toBeUndefined();
    expect(d.metadata.annotations['polaris.fairwinds.com/deploymentMissingReplicas-exempt']).toBe('true');
    expect(d.metadata.annotations['polaris.fairwinds.com/deploymentMissingReplicas-exempt-reason']).toMatch(/HorizontalPodAutoscaler owns the replica count/);
  });

  test('the PDB follows minReplicas', () => {
    expect(of('PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(app.rules.findings().filter(f => !f.suppressed)).toEqual([]);
  });

  test('minReplicas 1: no PDB, reasoned exemptions for the HPA and the PDB', () => {
    const one = synthWebApp({ autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 60 } });
    expect(one.out.map(o => o.kind)).not.toContain('PodDisruptionBudget');
    expect(one.of('HorizontalPodAutoscaler').metadata.annotations['polaris.fairwinds.com/hpaMinAvailability-exempt-reason']).toMatch(/minReplicas is 1/);
    expect(one.of('Deployment').metadata.annotations['polaris.fairwinds.com/missingPodDisruptionBudget-exempt']).toBe('true');
  });

  test('default minReplicas is 2', () => {
    expect(synthWebApp({ autoscaling: { maxReplicas: 4, cpuUtilization: 70 } }).of('HorizontalPodAutoscaler').spec.minReplicas).toBe(2);
  });

  test('without autoscaling nothing changes: replicas 2, no HPA', () => {
    const plain = synthWebApp();
    expect(plain.of('Deployment').spec.replicas).toBe(2);
    expect(plain.out.map(o => o.kind)).not.toContain('HorizontalPodAutoscaler');
  });

  test.each([
    [{ replicas: 3, autoscaling: { maxReplicas: 5, cpuUtilization: 70 } }, 'CKP505'],
    [{ autoscaling: { minReplicas: 0, maxReplicas: 5, cpuUtilization: 70 } }, 'CKP506'],
    [{ autoscaling: { minReplicas: 5, maxReplicas: 3, cpuUtilization: 70 } }, 'CKP506'],
    [{ autoscaling: { minReplicas: 3, maxReplicas: 3, cpuUtilization: 70 } }, 'CKP506'],
    [{ autoscaling: { maxReplicas: 5, cpuUtilization: 70, scaleDownStabilization: Duration.hours(2) } }, 'CKP506'],
    [{ autoscaling: { maxReplicas: 5 } }, 'CKP508'],
    [{ autoscaling: { maxReplicas: 5, cpuUtilization: 0 } }, 'CKP508'],
  ])('refused: %j → %s', (props, id) => {
    expect(ruleIdOf(() => synthWebApp(props as any))).toBe(id);
  });
});

describe('GracefulWebApp disruption', () => {
  test('minAvailable replaces maxUnavailable', () => {
    expect(synthWebApp({ replicas: 4, disruption: { minAvailable: 3 } }).of('PodDisruptionBudget').spec).toMatchObject({ minAvailable: 3 });
    expect(synthWebApp({ replicas: 4, disruption: { maxUnavailable: '25%' } }).of('PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: '25%' });
  });
  test.each([
    [{ replicas: 2, disruption: { minAvailable: 2 } }, 'CKP507'],
    [{ replicas: 3, disruption: { maxUnavailable: 0 } }, 'CKP507'],
    [{ autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 }, disruption: { minAvailable: '100%' } }, 'CKP507'],
    [{ replicas: 3, disruption: { minAvailable: 1, maxUnavailable: 1 } }, 'CKP509'],
    [{ replicas: 3, disruption: { maxUnavailable: '150%' } }, 'CKP509'],
    [{ replicas: 1, disruption: { maxUnavailable: 1 } }, 'CKP507'],
  ])('refused: %j → %s', (props, id) => {
    expect(ruleIdOf(() => synthWebApp(props as any))).toBe(id);
  });
});
