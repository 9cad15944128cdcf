import { podSpecOf } from '../k8s';
import { Rule, Violation } from '../types';
import { labelKeyProblem, labelValueProblem } from '../../validation/formats';

export const labelInvalid: Rule = {
  id: 'CKP825',
  name: 'label-invalid',
  level: 'error',
  summary: 'Label keys and values (on objects and pod templates) have the form the API server accepts: values of at most 63 alphanumerics, `-`, `_`, `.`.',
  why: 'The API server rejects an object with one bad label; labels derived from props (an app name, a version from an image tag) '
    + 'break it without anyone typing a label.',
  fix: 'Shorten or rewrite the value: at most 63 characters, alphanumerics at both ends, `-`, `_` and `.` between.',
  kinds: ['*'],
  check(obj) {
    const out: Violation[] = [];
    const check = (labels: unknown, path: string) => {
      if (!labels || typeof labels !== 'object') return;
      for (const [k, v] of Object.entries(labels)) {
        const problem = labelKeyProblem(k) ?? (typeof v === 'string' ? labelValueProblem(v) : 'is not a string');
        if (problem) out.push({ field: `${path}[${JSON.stringify(k)}]`, value: v, message: `label ${k}=${JSON.stringify(v)} ${problem}` });
      }
    };
    check(obj.metadata?.labels, 'metadata.labels');
    const pod = podSpecOf(obj);
    if (pod && obj.kind !== 'Pod') check(pod.metadata?.labels, `${pod.path.replace(/\.spec$/, '')}.metadata.labels`);
    return out;
  },
};
