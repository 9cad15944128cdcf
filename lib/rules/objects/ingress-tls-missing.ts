import { Rule } from '../types';

export const ingressTlsMissing: Rule = {
  id: 'CKP842',
  name: 'ingress-tls-missing',
  level: 'warning',
  summary: 'An Ingress that routes hosts terminates TLS for them (`spec.tls` with a Secret).',
  why: 'Without TLS the controller serves the hosts over plain HTTP: credentials and cookies cross the network readable, '
    + 'and browsers mark the site insecure.',
  fix: 'Add spec.tls with the hosts and the name of a kubernetes.io/tls Secret (e.g. from cert-manager), or suppress with the '
    + 'reason (TLS ends at an outer load balancer).',
  polaris: 'tlsSettingsMissing',
  kinds: ['Ingress'],
  check(obj) {
    const tls = obj.spec?.tls;
    if (Array.isArray(tls) && tls.length > 0) return [];
    return [{ field: 'spec.tls', message: 'has no TLS section: its hosts are served over plain HTTP' }];
  },
};
