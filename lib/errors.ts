import { Construct } from 'constructs';

/** What a {@link PatternError} names: enough for a user to act without reading our code. */
export interface PatternErrorDetails {
  /** The construct type, e.g. `GracefulWebApp`. */
  readonly construct: string;
  /** The construct path, e.g. `prod/web`. */
  readonly path: string;
  /** The prop or manifest field at fault, e.g. `terminationGracePeriod`. */
  readonly field: string;
  /** The offending value, already formatted with its unit where it has one. */
  readonly value?: string;
  /** The rule this breaks, e.g. `CKP301`. */
  readonly ruleId: string;
  /** One sentence: what is wrong. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
}

/**
 * The one error shape of this library:
 * `GracefulWebApp 'prod/web': terminationGracePeriod (20s) must cover ... [CKP301]. Fix: ...`
 */
export class PatternError extends Error {
  public readonly ruleId: string;
  public readonly path: string;
  public readonly field: string;
  public readonly value?: string;
  public readonly fix: string;

  constructor(details: PatternErrorDetails) {
    super(formatProblem(details));
    this.name = 'PatternError';
    this.ruleId = details.ruleId;
    this.path = details.path;
    this.field = details.field;
    this.value = details.value;
    this.fix = details.fix;
  }
}

/** Formats the message shared by thrown errors and synth-time validation errors. */
export function formatProblem(d: PatternErrorDetails): string {
  return `${d.construct} '${d.path}': ${d.problem} [${d.ruleId}]. Fix: ${d.fix}`;
}

/** A construct's type name and path, for messages. */
export function describe(scope: Construct, constructType: string): { construct: string; path: string } {
  return { construct: constructType, path: scope.node.path };
}
