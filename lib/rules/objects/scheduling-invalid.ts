import { podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const schedulingInvalid: Rule = {
  id: 'CKP846',
  name: 'scheduling-invalid',
  level: 'error',
  summary: 'Tolerations, node affinity (preference weights, node selector requirements) and topology spread constraints are ones the API server accepts.',
  why: 'A toleration with operator Exists and a value, a key-less Equal toleration, tolerationSeconds on an effect other than '
    + 'NoExecute, a weight outside 1–100, an In requirement without values, a Gt without one integer or an unknown '
    + 'whenUnsatisfiable gets the workload rejected, so it never rolls out.',
  fix: 'Exists tolerations carry no value; tolerationSeconds goes with NoExecute; weights are 1–100; In/NotIn list values, '
    + 'Exists/DoesNotExist none, Gt/Lt one integer; whenUnsatisfiable is '
    + 'ScheduleAnyway or DoNotSchedule.',
  kinds: POD_KINDS,
  check(obj) {
    const pod = podSpecOf(obj);
    if (!pod) return [];
    const out: Violation[] = [];
    (Array.isArray(pod.spec.tolerations) ? pod.spec.tolerations : []).forEach((t: any, i: number) => {
      const field = `${pod.path}.tolerations[${i}]`;
      const op = t?.operator || 'Equal';
      if (op !== 'Equal' && op !== 'Exists') out.push({ field: `${field}.operator`, value: op, message: `operator ${JSON.stringify(op)} is neither Equal nor Exists` });
      if (op === 'Exists' && t?.value) out.push({ field: `${field}.value`, value: t.value, message: 'operator Exists takes no value' });
      if (op === 'Equal' && !t?.key) out.push({ field: `${field}.key`, message: 'operator Equal needs a key (a key-less toleration must use Exists)' });
      // null and '' (YAML `effect:`) mean every effect.
      if (t?.effect != null && t.effect !== '' && !EFFECTS.includes(t.effect)) out.push({ field: `${field}.effect`, value: t.effect, message: `effect ${JSON.stringify(t.effect)} is not NoSchedule, PreferNoSchedule or NoExecute` });
      if (t?.tolerationSeconds != null && t.effect !== 'NoExecute') out.push({ field: `${field}.tolerationSeconds`, value: t.tolerationSeconds, message: 'tolerationSeconds is set but effect is not NoExecute' });
    });
    const nodeAffinity = pod.spec.affinity?.nodeAffinity;
    const preferred = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    (Array.isArray(preferred) ? preferred : []).forEach((p: any, i: number) => {
      const field = `${pod.path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!Number.isInteger(p?.weight) || p.weight < 1 || p.weight > 100) out.push({ field: `${field}.weight`, value: p?.weight, message: `weight ${JSON.stringify(p?.weight)} is outside 1–100` });
      out.push(...requirementProblems(p?.preference?.matchExpressions, `${field}.preference.matchExpressions`));
    });
    const terms = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    (Array.isArray(terms) ? terms : []).forEach((t: any, i: number) => {
      out.push(...requirementProblems(t?.matchExpressions, `${pod.path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}].matchExpressions`));
    });
    (Array.isArray(pod.spec.topologySpreadConstraints) ? pod.spec.topologySpreadConstraints : []).forEach((c: any, i: number) => {
      const field = `${pod.path}.topologySpreadConstraints[${i}]`;
      if (c?.whenUnsatisfiable !== 'ScheduleAnyway' && c?.whenUnsatisfiable !== 'DoNotSchedule') out.push({ field: `${field}.whenUnsatisfiable`, value: c?.whenUnsatisfiable, message: `whenUnsatisfiable ${JSON.stringify(c?.whenUnsatisfiable)} is neither ScheduleAnyway nor DoNotSchedule` });
      if (!Number.isInteger(c?.maxSkew) || c.maxSkew < 1) out.push({ field: `${field}.maxSkew`, value: c?.maxSkew, message: `maxSkew ${JSON.stringify(c?.maxSkew)} must be a whole number of at least 1` });
    });
    return out;
  },
};

/**
 * Node selector requirements as the API server validates them: In and NotIn with at least one value,
 * Exists and DoesNotExist with none, Gt and Lt with exactly one whole number.
 */
function requirementProblems(expressions: unknown, path: string): Violation[] {
  const out: Violation[] = [];
  (Array.isArray(expressions) ? expressions : []).forEach((e: any, i: number) => {
    const field = `${path}[${i}]`;
    const values = Array.isArray(e?.values) ? e.values : [];
    const op = e?.operator;
    if ((op === 'In' || op === 'NotIn') && values.length === 0) out.push({ field: `${field}.values`, value: values, message: `operator ${op} needs at least one value` });
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) out.push({ field: `${field}.values`, value: values, message: `operator ${op} takes no values` });
    if ((op === 'Gt' || op === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(String(values[0])))) out.push({ field: `${field}.values`, value: values, message: `operator ${op} needs exactly one whole-number value` });
  });
  return out;
}
