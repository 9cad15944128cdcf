import { Construct, IConstruct } from 'constructs';
import { PatternError } from '../errors';
import * as kplus from '../plus';
import { IngressProps } from './ingress';
import { SchedulingProps } from './scheduling';

/**
 * What a platform team decides once for every construct below an App or Chart. Each field is the
 * construct prop of the same name (for `ingressClassName`: `ingress.className`).
 */
export interface HouseDefaultsProps {
  /** @default - none */
  readonly imagePullSecrets?: string[];
  /** @default - the construct's default (Always) */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /** @default - none */
  readonly priorityClassName?: string;
  /** @default - none */
  readonly partOf?: string;
  /** Merged key by key with the construct's `labels`. @default - none */
  readonly labels?: Record<string, string>;
  /** Merged key by key with the construct's `annotations`. @default - none */
  readonly annotations?: Record<string, string>;
  /** Merged key by key with the construct's `podLabels`. @default - none */
  readonly podLabels?: Record<string, string>;
  /** Merged key by key with the construct's `podAnnotations`. @default - none */
  readonly podAnnotations?: Record<string, string>;
  /** `nodeSelector` merges key by key; `tolerations` and the affinities are replaced as a whole. @default - none */
  readonly scheduling?: SchedulingProps;
  /** The IngressClass of every `ingress` that names none. @default - the cluster's default class */
  readonly ingressClassName?: string;
}

const MAP_FIELDS = ['labels', 'annotations', 'podLabels', 'podAnnotations'] as const;
const DEFAULTS = new WeakMap<IConstruct, HouseDefaultsProps>();

/**
 * House defaults: set once on an App or Chart, read by every construct created below it.
 *
 * Why a lookup up the construct tree at construct time, not an Aspect: our constructors decide from
 * their props (a PodDisruptionBudget or not, which checks fail, which objects exist); an Aspect runs
 * at synth, after those decisions, could only patch JSON and could not tell a prop the user gave from
 * one it should fill. Precedence, highest first: the construct's own prop; the nearest scope's house
 * defaults; an outer scope's; the library default. Maps merge key by key with the same precedence;
 * lists (imagePullSecrets, tolerations) are replaced, never concatenated.
 */
export class HouseDefaults {
  /**
   * Sets the defaults for constructs created below `scope` from now on. Must be called before any
   * construct is added to `scope`, or those would silently miss them.
   */
  public static set(scope: Construct, defaults: HouseDefaultsProps): void {
    if (scope.node.children.length > 0) {
      throw new PatternError({
        construct: 'HouseDefaults', path: scope.node.path || '<app>', field: 'scope', value: scope.node.children.map(c => c.node.id).join(', '), ruleId: 'CKP847',
        problem: 'house defaults are set on a scope that already has constructs, which would not get them', fix: 'call HouseDefaults.set(scope, ...) right after creating the App or Chart, before adding constructs.',
      });
    }
    if (DEFAULTS.has(scope)) {
      throw new PatternError({ construct: 'HouseDefaults', path: scope.node.path || '<app>', field: 'scope', ruleId: 'CKP847', problem: 'house defaults are set twice on one scope', fix: 'set them once per scope; set more specific ones on a Chart below the App.' });
    }
    DEFAULTS.set(scope, defaults);
  }

  /** The defaults in force for a construct created at `scope`, merged from the root down. */
  public static of(scope: IConstruct): HouseDefaultsProps {
    let merged: HouseDefaultsProps = {};
    for (const s of scope.node.scopes) {
      const own = DEFAULTS.get(s);
      if (own) merged = mergeDefaults(merged, own);
    }
    return merged;
  }
}

/** `inner` over `outer`: fields of `inner` win, maps merge key by key. */
function mergeDefaults(outer: HouseDefaultsProps, inner: HouseDefaultsProps): HouseDefaultsProps {
  const out: Record<string, unknown> = { ...outer, ...stripUndefined(inner) };
  for (const f of MAP_FIELDS) if (outer[f] || inner[f]) out[f] = { ...outer[f], ...inner[f] };
  if (outer.scheduling || inner.scheduling) {
    const nodeSelector = outer.scheduling?.nodeSelector || inner.scheduling?.nodeSelector ? { ...outer.scheduling?.nodeSelector, ...inner.scheduling?.nodeSelector } : undefined;
    out.scheduling = { ...outer.scheduling, ...stripUndefined(inner.scheduling ?? {}), ...(nodeSelector ? { nodeSelector } : {}) };
  }
  return out as HouseDefaultsProps;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The props a construct takes that house defaults may fill. */
type Defaultable = Omit<HouseDefaultsProps, 'ingressClassName'> & { readonly ingress?: IngressProps };

/** `props` with the house defaults in force at `scope` filled in, by the documented precedence. */
export function withHouseDefaults<P extends Defaultable>(scope: IConstruct, props: P): P {
  const { ingressClassName, ...house } = HouseDefaults.of(scope);
  if (Object.keys(house).length === 0 && ingressClassName === undefined) return props;
  const merged = mergeDefaults(house, props as HouseDefaultsProps) as Record<string, unknown>;
  if (props.ingress && props.ingress.className === undefined && ingressClassName !== undefined) {
    merged.ingress = { ...props.ingress, className: ingressClassName };
  }
  return { ...props, ...merged };
}
