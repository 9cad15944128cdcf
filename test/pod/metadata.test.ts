import { Duration, Testing } from 'cdk8s';
import { BoundedCronJob, ExternalTrafficPolicy, kplus } from '../../lib';
import { metadataInvalid } from '../../lib/rules/objects/metadata-invalid';
import { serviceExposureInvalid } from '../../lib/rules/objects/service-exposure-invalid';
import { deployment } from '../rules/fixtures';
import { chart } from '../util';
import { ruleIdOf, synthWebApp, webBase } from './web-app-helpers';

describe('labels, annotations, podLabels, podAnnotations', () => {
  const { out, of } = synthWebApp({
    labels: { team: 'payments', 'example.com/cost-centre': 'cc-42' },
    annotations: { 'example.com/owner': 'payments@example.com' },
    podLabels: { 'sidecar.istio.io/inject': 'false' },
    podAnnotations: { 'prometheus.io/scrape': 'true' },
  });

  test('labels and annotations on every object; labels also on the pod template', () => {
    for (const o of out) {
      expect(o.metadata.labels).toMatchObject({ team: 'payments', 'example.com/cost-centre': 'cc-42', 'app.kubernetes.io/name': 'web' });
      expect(o.metadata.annotations['example.com/owner']).toBe('payments@example.com');
    }
    const tmpl = of('Deployment').spec.template.metadata;
    expect(tmpl.labels).toMatchObject({ team: 'payments', 'sidecar.istio.io/inject': 'false' });
    expect(tmpl.annotations['prometheus.io/scrape']).toBe('true');
    expect(of('Deployment').metadata.labels['sidecar.istio.io/inject']).toBeUndefined();
  });

  test('the batch constructs take them too', () => {
    const c = chart();
    new BoundedCronJob(c, 'report', { image: webBase.image, resources: webBase.resources, schedule: '0 3 * * *', activeDeadline: Duration.minutes(10), labels: { team: 'bi' }, podAnnotations: { 'example.com/x': 'y' } });
    const cj = Testing.synth(c).find(o => o.kind === 'CronJob');
    expect(cj.metadata.labels.team).toBe('bi');
    expect(cj.spec.jobTemplate.spec.template.metadata.annotations['example.com/x']).toBe('y');
  });

  test.each([
    [{ labels: { 'Bad Key': 'x' } }],
    [{ labels: { team: 'a'.repeat(64) } }],
    [{ podLabels: { team: 'has space' } }],
    [{ annotations: { 'a/b/c': 'x' } }],
    [{ labels: { 'app.kubernetes.io/name': 'other' } }],
    [{ podAnnotations: { 'cdk8s-patterns/qos-class': 'Burstable' } }],
  ])('refused with CKP840: %j', props => {
    expect(ruleIdOf(() => synthWebApp(props as any))).toBe('CKP840');
  });
});

describe('serviceAnnotations, externalTrafficPolicy, LoadBalancer', () => {
  test('a LoadBalancer that keeps client addresses, restricted to a range', () => {
    const { of } = synthWebApp({
      serviceType: kplus.ServiceType.LOAD_BALANCER,
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
    });
    const svc = of('Service');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['203.0.113.0/24'] });
    expect(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-type']).toBe('nlb');
    expect(of('Deployment').metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-type']).toBeUndefined();
  });
  test.each([
    [{ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }],
    [{ loadBalancerSourceRanges: ['10.0.0.0/8'], serviceType: kplus.ServiceType.NODE_PORT }],
    [{ loadBalancerSourceRanges: ['10.0.0.300/8'], serviceType: kplus.ServiceType.LOAD_BALANCER }],
    [{ externalTrafficPolicy: 'Nearest', serviceType: kplus.ServiceType.LOAD_BALANCER }],
  ])('refused with CKP843: %j', props => {
    expect(ruleIdOf(() => synthWebApp(props as any))).toBe('CKP843');
  });
});

describe('CKP840 metadata-invalid', () => {
  test('object and pod template labels and annotations', () => {
    const d = deployment({}, {}, { labels: { 'x/y/z': 'a' }, annotations: { ok: 'x', 'Bad Key': 'y' } });
    d.spec.template.metadata.labels.version = 'v1.0+build';
    expect(metadataInvalid.check(d, { objects: [] }).map(v => v.field)).toEqual([
      'metadata.labels["x/y/z"]', 'metadata.annotations["Bad Key"]', 'spec.template.metadata.labels["version"]',
    ]);
  });
  test('non-string annotation values, as unquoted YAML produces', () => {
    expect(metadataInvalid.check({ kind: 'ConfigMap', metadata: { name: 'x', annotations: { 'example.com/enabled': true as any } } }, { objects: [] })).toHaveLength(1);
  });
  test('compliant', () => {
    expect(metadataInvalid.check(deployment(), { objects: [] })).toEqual([]);
  });
});

describe('CKP843 service-exposure-invalid', () => {
  const svc = (spec: object) => ({ kind: 'Service', metadata: { name: 'web' }, spec });
  test('externalTrafficPolicy on ClusterIP, source ranges without a load balancer', () => {
    expect(serviceExposureInvalid.check(svc({ externalTrafficPolicy: 'Local' }), { objects: [] })[0].message).toMatch(/ClusterIP Service/);
    expect(serviceExposureInvalid.check(svc({ type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] }), { objects: [] })[0].field).toBe('spec.loadBalancerSourceRanges');
  });
  test('compliant', () => {
    expect(serviceExposureInvalid.check(svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['10.0.0.0/8'] }), { objects: [] })).toEqual([]);
  });
});
