import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { BoundedCronJob, BoundedJob, DevContainer, GracefulWebApp, PatternError } from '../../lib';
import { cronJobProps, devContainerProps, jobProps, Mode, Scoped, webAppProps } from './arbitraries';
import * as fc from 'fast-check';
import { testApp } from '../util';

/** One construct under test: how to generate its props and how to build it. */
export interface FuzzTarget {
  readonly name: string;
  readonly props: (mode: Mode) => fc.Arbitrary<Record<string, unknown>>;
  readonly build: (scope: Construct, id: string, props: any) => unknown;
}

export const TARGETS: readonly FuzzTarget[] = [
  { name: 'GracefulWebApp', props: webAppProps, build: (s, id, p) => new GracefulWebApp(s, id, p) },
  { name: 'DevContainer', props: devContainerProps, build: (s, id, p) => new DevContainer(s, id, p) },
  { name: 'BoundedJob', props: jobProps, build: (s, id, p) => new BoundedJob(s, id, p) },
  { name: 'BoundedCronJob', props: cronJobProps, build: (s, id, p) => new BoundedCronJob(s, id, p) },
];

/** What one prop set came to. */
export type Outcome =
  /** Synthesized; the manifests passed the rule pack at error level. */
  | { readonly kind: 'synthesized'; readonly manifests: any[] }
  /** Refused with a PatternError (at construction) or rule-pack findings (at synth), each with a rule id. */
  | { readonly kind: 'refused'; readonly ruleIds: string[]; readonly message: string }
  /** Anything else: a raw TypeError, a cdk8s/cdk8s-plus error, an error without a rule id. */
  | { readonly kind: 'raw'; readonly message: string };

/** Resolves the {@link Scoped} values of a prop set in `scope`, also inside plain objects and arrays (`ingress.controllerFrom`). */
function resolve(props: Record<string, unknown>, scope: Construct): Record<string, unknown> {
  const deep = (v: unknown): unknown => {
    if (v instanceof Scoped) return v.make(scope);
    if (Array.isArray(v)) return v.some(hasScoped) ? v.map(deep) : v;
    if (isPlain(v) && hasScoped(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, deep(v)]));
}

/** An object literal, or one fast-check's record and dictionary make (no prototype). */
function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function hasScoped(v: unknown): boolean {
  if (v instanceof Scoped) return true;
  if (Array.isArray(v)) return v.some(hasScoped);
  return isPlain(v) && Object.values(v).some(hasScoped);
}

const RULE_LINE = /\[(CKP\d{3})\]/g;

/**
 * Builds the construct from `props` in a fresh chart (namespace `namespace`) and synthesizes it.
 * @param twin also build a second construct with the same props (and so the same `name`) in the chart
 */
export function runProps(target: FuzzTarget, props: Record<string, unknown>, namespace = 'fuzz', twin = false): Outcome {
  const chart = new Chart(testApp(), 'fuzz', { namespace });
  try {
    const resolved = resolve(props, chart);
    target.build(chart, 'subject', resolved);
    if (twin) target.build(chart, 'twin', { ...resolved, name: resolved.name ?? 'subject' });
  } catch (e) {
    if (e instanceof PatternError && /^CKP\d{3}$/.test(e.ruleId)) return { kind: 'refused', ruleIds: [e.ruleId], message: e.message };
    return { kind: 'raw', message: describeError(e) };
  }
  try {
    return { kind: 'synthesized', manifests: Testing.synth(chart) };
  } catch (e) {
    // A synth-time refusal is the rule pack's findings, one `[path] message [CKPxxx]. Fix: ...` per line.
    const message = describeError(e);
    const lines = message.split('\n').filter(l => l.trim().startsWith('['));
    const ids = [...message.matchAll(RULE_LINE)].map(m => m[1]);
    if (e instanceof Error && /Validation failed/.test(message) && lines.length > 0 && lines.every(l => /\[CKP\d{3}\]/.test(l))) {
      return { kind: 'refused', ruleIds: [...new Set(ids)], message };
    }
    return { kind: 'raw', message };
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return `thrown non-error: ${String(e)}`;
}

/** A short, stable rendering of a prop set for failure messages. */
export function showProps(props: Record<string, unknown>): string {
  return fc.stringify(props);
}
