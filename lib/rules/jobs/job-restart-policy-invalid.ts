import { BATCH_KINDS, podSpecOf } from '../k8s';
import { Rule } from '../types';
import { jobSpecOf } from './job-spec';

export const jobRestartPolicyInvalid: Rule = {
  id: 'CKP608',
  name: 'job-restart-policy-invalid',
  level: 'error',
  summary: 'A Job\'s pods set restartPolicy Never or OnFailure, and Never when the Job has a podFailurePolicy.',
  why: 'The API server rejects a Job whose pod template leaves restartPolicy out (it defaults to Always) or sets Always, and one '
    + 'with a podFailurePolicy unless restartPolicy is Never, so the apply fails. Seed 004: choose the restart policy deliberately.',
  fix: 'Set `restartPolicy: Never` (a new pod per attempt, failures visible and matched by podFailurePolicy) or `OnFailure` '
    + '(the container restarts in place, without a podFailurePolicy).',
  kinds: BATCH_KINDS,
  check(obj) {
    const pod = podSpecOf(obj);
    if (!pod) return [];
    const field = `${pod.path}.restartPolicy`;
    const policy = pod.spec.restartPolicy;
    if (policy !== 'Never' && policy !== 'OnFailure') {
      return [{ field, value: policy, message: policy === undefined ? 'sets no restartPolicy, so it defaults to Always, which Jobs do not allow' : `restartPolicy ${JSON.stringify(policy)} is not Never or OnFailure` }];
    }
    if (policy === 'OnFailure' && jobSpecOf(obj)?.spec.podFailurePolicy) {
      return [{ field, value: policy, message: 'restartPolicy is OnFailure, but a Job with a podFailurePolicy must use Never' }];
    }
    return [];
  },
};
