import { BATCH_KINDS, containersOf } from '../k8s';
import { Rule, Violation } from '../types';
import { jobSpecOf } from './job-spec';

/** The actions of Kubernetes 1.27 (FailIndex came in 1.28). */
const ACTIONS = ['FailJob', 'Ignore', 'Count'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['True', 'False', 'Unknown'];
const MAX_RULES = 20;
const MAX_VALUES = 255;

export const jobPodFailurePolicyInvalid: Rule = {
  id: 'CKP609',
  name: 'job-pod-failure-policy-invalid',
  level: 'error',
  summary: 'A Job\'s podFailurePolicy is one the Kubernetes 1.27 API server accepts.',
  why: 'The API server rejects a podFailurePolicy rule with an unknown action or operator, with both or neither of onExitCodes '
    + 'and onPodConditions, with exit code 0 under In, with unsorted or repeated exit codes, or naming a container the pod '
    + 'does not have, so the apply fails.',
  fix: 'Give each rule an action (FailJob, Ignore, Count) and exactly one of `onExitCodes` (operator In/NotIn, sorted distinct '
    + 'codes, no 0 for In) or `onPodConditions` (type and status True/False/Unknown).',
  kinds: BATCH_KINDS,
  appliesTo: obj => jobSpecOf(obj)?.spec.podFailurePolicy !== undefined,
  check(obj) {
    const job = jobSpecOf(obj)!;
    const base = `${job.path}.podFailurePolicy`;
    const rules = job.spec.podFailurePolicy?.rules;
    if (!Array.isArray(rules)) return [{ field: `${base}.rules`, value: rules, message: 'podFailurePolicy has no rules list' }];
    const out: Violation[] = [];
    const bad = (field: string, value: unknown, message: string) => out.push({ field, value, message });
    if (rules.length > MAX_RULES) bad(`${base}.rules`, rules.length, `podFailurePolicy has ${rules.length} rules (at most ${MAX_RULES})`);
    const names = new Set(containersOf(obj).map(c => c.container.name));
    rules.forEach((rule: any, i: number) => {
      const at = `${base}.rules[${i}]`;
      if (!ACTIONS.includes(rule?.action)) bad(`${at}.action`, rule?.action, `action ${JSON.stringify(rule?.action)} is not one of ${ACTIONS.join(', ')}`);
      const codes = rule?.onExitCodes;
      const conditions = Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : [];
      if ((codes ? 1 : 0) + (conditions.length > 0 ? 1 : 0) !== 1) {
        bad(at, undefined, 'a rule needs exactly one of onExitCodes and onPodConditions');
      }
      if (codes) exitCodeProblems(codes, `${at}.onExitCodes`, names, bad);
      conditions.forEach((c: any, j: number) => {
        if (typeof c?.type !== 'string' || c.type === '') bad(`${at}.onPodConditions[${j}].type`, c?.type, 'a pod condition pattern needs a type');
        if (!STATUSES.includes(c?.status)) bad(`${at}.onPodConditions[${j}].status`, c?.status, `status ${JSON.stringify(c?.status)} is not one of ${STATUSES.join(', ')}`);
      });
    });
    return out;
  },
};

function exitCodeProblems(codes: any, at: string, containers: Set<string>, bad: (field: string, value: unknown, message: string) => void): void {
  if (!OPERATORS.includes(codes.operator)) bad(`${at}.operator`, codes.operator, `operator ${JSON.stringify(codes.operator)} is not In or NotIn`);
  if (codes.containerName !== undefined && !containers.has(codes.containerName)) {
    bad(`${at}.containerName`, codes.containerName, `containerName '${codes.containerName}' is not a container of the pod`);
  }
  const values = codes.values;
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES) {
    bad(`${at}.values`, values, `values must list 1 to ${MAX_VALUES} exit codes`);
    return;
  }
  if (codes.operator === 'In' && values.includes(0)) bad(`${at}.values`, values, 'exit code 0 (success) cannot be matched with In');
  const sortedDistinct = values.every((v: unknown, k: number) => Number.isInteger(v) && (k === 0 || (v as number) > values[k - 1]));
  if (!sortedDistinct) bad(`${at}.values`, values, `exit codes ${JSON.stringify(values)} must be whole numbers, in ascending order, without repeats`);
}
