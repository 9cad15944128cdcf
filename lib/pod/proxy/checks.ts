import { Duration } from 'cdk8s';
import { RuleGuard } from '../../guard';

/** Rule of a proxy timeout that is missing or not a positive whole number of milliseconds. */
export const PROXY_TIMEOUT_RULE = 'CKP310';
/** Rule of any other proxy setting that HAProxy would refuse or misread. */
export const PROXY_CONFIG_RULE = 'CKP311';

/** Fails (CKP311) unless `value` is a whole number in [min, max]. */
export function checkWhole(guard: RuleGuard, field: string, value: number, min: number, max: number, what: string): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  guard.fail({ field, value: String(value), ruleId: PROXY_CONFIG_RULE, problem: `${field} (${value}) must be a whole number from ${min} to ${max}: ${what}`, fix: `set ${field} to a whole number from ${min} to ${max}.` });
}

/** Fails (CKP310) unless `d` is a positive whole number of milliseconds. */
export function checkTime(guard: RuleGuard, field: string, d: Duration): void {
  const ms = d.toMilliseconds();
  if (Number.isInteger(ms) && ms > 0) return;
  guard.fail({ field, value: `${ms}ms`, ruleId: PROXY_TIMEOUT_RULE, problem: `${field} (${ms}ms) must be a positive whole number of milliseconds: HAProxy reads 0 as "wait forever"`, fix: `set ${field} to at least Duration.millis(1).` });
}

/** Fails (CKP311) when a text meant for one HAProxy word has blanks or control characters. */
export function checkWord(guard: RuleGuard, field: string, value: string, example: string): void {
  if (value.length > 0 && !/[\s\x00-\x1f\x7f"'\\#]/.test(value)) return;
  guard.fail({ field, value: JSON.stringify(value), ruleId: PROXY_CONFIG_RULE, problem: `${field} ${JSON.stringify(value)} must be non-empty, without blanks, quotes, backslashes, '#' or control characters`, fix: `write it as one word, e.g. ${example}.` });
}
