import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';

/** A Kubernetes quantity: a non-negative decimal with an optional binary/decimal suffix or exponent. */
const QUANTITY = /^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?$/;

/** Why `q` is not a non-negative quantity, or undefined. */
export function quantityProblem(q: unknown): string | undefined {
  if (typeof q === 'number') return Number.isFinite(q) && q >= 0 ? undefined : `${q} is not a non-negative quantity`;
  if (typeof q !== 'string') return `${JSON.stringify(q)} is not a quantity`;
  return QUANTITY.test(q) ? undefined : `'${q}' is not a non-negative quantity (e.g. 500m, 256Mi)`;
}

export const resourceQuantityInvalid: Rule = {
  id: 'CKP829',
  name: 'resource-quantity-invalid',
  level: 'error',
  summary: 'Resource requests and limits are non-negative quantities such as `500m` or `256Mi`.',
  why: 'The API server rejects the workload for a negative, `NaN` or `Infinity` amount, which a computed value writes without anyone '
    + 'typing it.',
  fix: 'Give amounts as kplus.Cpu.millis(n) / Size.mebibytes(n) with a finite, non-negative n.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      for (const section of ['requests', 'limits']) {
        const amounts = c.container.resources?.[section] ?? {};
        for (const name of Object.keys(amounts)) {
          const q = amounts[name];
          const problem = quantityProblem(q);
          if (problem) out.push({ field: `${c.path}.resources.${section}.${name}`, value: q, container: c.name, message: `${section}.${name} ${problem}` });
        }
      }
    }
    return out;
  },
};
