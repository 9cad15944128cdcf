import { podSpecOf } from '../k8s';
import { Rule, Violation } from '../types';

/** The recommended labels that say which application and which instance of it an object belongs to. */
export const IDENTIFYING_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance'];

function missing(labels: unknown): string[] {
  const present = labels && typeof labels === 'object' ? labels as Record<string, unknown> : {};
  return IDENTIFYING_LABELS.filter(l => typeof present[l] !== 'string' || present[l] === '');
}

export const recommendedLabelsMissing: Rule = {
  id: 'CKP804',
  name: 'recommended-labels-missing',
  level: 'info',
  summary: 'Every object, and every pod template, carries `app.kubernetes.io/name` and `app.kubernetes.io/instance`.',
  why: 'Without the recommended labels nobody can select "everything of this app" across kinds: dashboards, cost reports, '
    + '`kubectl get all -l`, and cleanup after an uninstall miss objects or catch another app\'s, and pods cannot be traced '
    + 'back to what created them.',
  fix: 'Label every object and pod template with `app.kubernetes.io/name` (the application) and `app.kubernetes.io/instance` '
    + '(this installation, usually `metadata.name`); add `version`, `component`, `part-of` and `managed-by` where they apply.',
  kinds: ['*'],
  check(obj) {
    const out: Violation[] = [];
    const own = missing(obj.metadata?.labels);
    if (own.length > 0) out.push({ field: 'metadata.labels', message: `has no ${own.join(', ')} label${own.length > 1 ? 's' : ''}` });
    const pod = podSpecOf(obj);
    if (pod && obj.kind !== 'Pod') {
      const template = missing(pod.metadata.labels);
      const field = `${pod.path.replace(/\.spec$/, '')}.metadata.labels`;
      if (template.length > 0) out.push({ field, message: `pod template has no ${template.join(', ')} label${template.length > 1 ? 's' : ''}` });
    }
    return out;
  },
};
