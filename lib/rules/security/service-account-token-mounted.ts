import { podSpecOf, POD_KINDS } from '../k8s';
import { Rule } from '../types';

export const serviceAccountTokenMounted: Rule = {
  id: 'CKP730',
  name: 'service-account-token-mounted',
  level: 'warning',
  summary: 'A pod that sets `automountServiceAccountToken: true` says why, by suppressing this rule with the reason. '
    + '(Pods that leave it unset are Polaris `automountServiceAccountToken`\'s to judge.)',
  why: 'Most apps never call the API server; a mounted token is a credential that anyone who gets code running in the pod '
    + 'can use against the cluster with the ServiceAccount\'s permissions, so asking for one is a decision a reviewer should see.',
  fix: 'Set automountServiceAccountToken: false; an app that calls the API keeps true and suppresses this rule with the reason.',
  polaris: 'automountServiceAccountToken',
  kinds: POD_KINDS,
  check(obj) {
    const pod = podSpecOf(obj);
    if (pod?.spec.automountServiceAccountToken !== true) return [];
    const saName = pod.spec.serviceAccountName ?? 'default';
    return [{ field: `${pod.path}.automountServiceAccountToken`, value: true, message: `mounts the token of ServiceAccount '${saName}' without a recorded reason` }];
  },
};
