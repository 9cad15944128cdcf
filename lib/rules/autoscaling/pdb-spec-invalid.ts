import { Rule, Violation } from '../types';
import { parseBudgetAmount } from './targets';

export const pdbSpecInvalid: Rule = {
  id: 'CKP509',
  name: 'pdb-spec-invalid',
  level: 'error',
  summary: 'A PodDisruptionBudget sets at most one of minAvailable and maxUnavailable, each a whole number ≥ 0 or a percentage up to 100%.',
  why: 'The API server rejects a budget with both fields or a malformed amount; the workload is then left without the '
    + 'protection the budget was meant to give.',
  fix: 'Keep one field (maxUnavailable stays right when the replica count changes), as a count like 1 or a percentage like \'25%\'.',
  kinds: ['PodDisruptionBudget'],
  check(obj) {
    const spec = obj.spec ?? {};
    const out: Violation[] = [];
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
      out.push({ field: 'spec', message: 'sets both minAvailable and maxUnavailable; the API server accepts one' });
    }
    for (const key of ['minAvailable', 'maxUnavailable']) {
      if (spec[key] !== undefined && !parseBudgetAmount(spec[key])) {
        out.push({ field: `spec.${key}`, value: spec[key], message: `${key} is ${JSON.stringify(spec[key])}, not a whole number ≥ 0 or a percentage from 0% to 100%` });
      }
    }
    return out;
  },
};
