import { Rule, Violation } from '../types';

export const serviceExposureInvalid: Rule = {
  id: 'CKP843',
  name: 'service-exposure-invalid',
  level: 'error',
  summary: 'externalTrafficPolicy (Cluster or Local) is set only on NodePort and LoadBalancer Services, loadBalancerSourceRanges only on LoadBalancer Services.',
  why: 'The API server rejects externalTrafficPolicy on a ClusterIP Service, and source ranges on a Service without a load '
    + 'balancer restrict nothing: the author believes clients are filtered when they are not.',
  fix: 'Set type: LoadBalancer (or NodePort) with these fields, or remove them and restrict clients with a NetworkPolicy.',
  kinds: ['Service'],
  check(obj) {
    const spec = obj.spec ?? {};
    const type = spec.type ?? 'ClusterIP';
    const out: Violation[] = [];
    const policy = spec.externalTrafficPolicy;
    if (policy !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') {
      out.push({ field: 'spec.externalTrafficPolicy', value: policy, message: `externalTrafficPolicy is set on a ${type} Service` });
    } else if (policy !== undefined && policy !== 'Cluster' && policy !== 'Local') {
      out.push({ field: 'spec.externalTrafficPolicy', value: policy, message: `externalTrafficPolicy ${JSON.stringify(policy)} is neither Cluster nor Local` });
    }
    if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0 && type !== 'LoadBalancer') {
      out.push({ field: 'spec.loadBalancerSourceRanges', value: spec.loadBalancerSourceRanges, message: `loadBalancerSourceRanges is set on a ${type} Service, which has no load balancer` });
    }
    return out;
  },
};
