import { Rule } from '../types';

export const cronJobConcurrencyAllow: Rule = {
  id: 'CKP604',
  name: 'cronjob-concurrency-allow',
  level: 'warning',
  summary: 'A CronJob sets concurrencyPolicy Forbid or Replace, not Allow (the default).',
  why: 'With Allow, a run that takes longer than the schedule interval overlaps the next one; slow runs then pile up, compete '
    + 'for the same data and locks, and make every run slower still.',
  fix: 'Set `concurrencyPolicy: Forbid` (skip a run while the previous one is active) or `Replace` (stop the old one); keep '
    + 'Allow only for runs that are independent, and suppress this rule saying so.',
  kinds: ['CronJob'],
  check(obj) {
    const policy = obj.spec?.concurrencyPolicy;
    if (policy !== undefined && policy !== null && policy !== 'Allow') return [];
    return [{
      field: 'spec.concurrencyPolicy',
      value: policy,
      message: policy === 'Allow' ? 'concurrencyPolicy is Allow, so slow runs overlap and pile up' : 'sets no concurrencyPolicy, so it is Allow: slow runs overlap and pile up',
    }];
  },
};
