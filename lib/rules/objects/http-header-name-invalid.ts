import { POD_KINDS } from '../k8s';
import { handlersOf } from './handlers';
import { Rule, Violation } from '../types';
import { headerNameProblem } from '../../validation/formats';

export const httpHeaderNameInvalid: Rule = {
  id: 'CKP822',
  name: 'http-header-name-invalid',
  level: 'error',
  summary: 'HTTP header names of probes and hooks are tokens: letters, digits and `-`.',
  why: 'The API server rejects a workload whose probe or hook header name is empty or has spaces, colons or other characters.',
  fix: 'Write the header name alone (`Host`, `X-Probe`) and the value separately.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const h of handlersOf(obj)) {
      const headers = h.handler.httpGet?.httpHeaders;
      (Array.isArray(headers) ? headers : []).forEach((x: any, i: number) => {
        const problem = typeof x?.name === 'string' ? headerNameProblem(x.name) : 'is missing';
        if (problem) out.push({ field: `${h.path}.httpGet.httpHeaders[${i}].name`, value: x?.name, container: h.container.name, message: `${h.role} header name ${JSON.stringify(x?.name)} ${problem}` });
      });
    }
    return out;
  },
};
