import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternError } from '../errors';
import * as kplus from '../plus';
import { isImageRef, parseImageRef } from '../rules/image-ref';
import { dnsLabelProblem } from '../rules/objects/names';
import { programProblem } from '../rules/probes/handler-command-empty';
import { Suppression } from '../rules/suppressions';
import {
  dnsSubdomainProblem, envVarNameProblem, headerNameProblem, imageDigestProblem, INT32_MAX, labelValueProblem, mountPathProblem, portNameProblem,
} from './formats';

/**
 * The prop checks every construct runs at construction, before it builds anything.
 *
 * Each checker takes the prop's field path as the user wrote it (`sidecars[0].readiness.timeout`),
 * the value as given (any JavaScript value: props also come from plain JS, YAML and JSON), and the
 * rule id that covers the constraint; on a bad value it throws a {@link PatternError} naming the
 * construct path, the field, the value, the rule and a fix. A checker returns the value narrowed to
 * its type, or undefined when it is left out and optional, so checks compose:
 *
 * ```ts
 * const c = new PropChecker(scope, 'GracefulWebApp', props.suppressions);
 * const p = c.props(props);                                     // an object
 * c.port('port', p.port, 'CKP827', { required: true });
 * c.duration('minReady', p.minReady, 'CKP828');                 // whole seconds, 0 … int32
 * c.each('sidecars', p.sidecars, (s, f) => c.object(f, s, 'CKP830', { required: true }));
 * ```
 *
 * Refusals are not suppressible: a value the API server rejects, or that cannot be rendered, cannot be
 * accepted for a reason. Only {@link PropChecker.policy} checks (a practice, not a limit) honour a
 * suppression of their rule id.
 */
export class PropChecker {
  constructor(private readonly scope: Construct, public readonly constructType: string, private readonly suppressions: readonly Suppression[] = []) {}

  /** Throws the library's error for `field`. */
  public fail(field: string, value: unknown, ruleId: string, problem: string, fix: string): never {
    throw new PatternError({ construct: this.constructType, path: this.scope.node.path, field, value: show(value), ruleId, problem, fix });
  }

  /** Like {@link fail}, unless the construct suppresses `ruleId` (for checks of a practice rather than an API limit). */
  public policy(field: string, value: unknown, ruleId: string, problem: string, fix: string): void {
    if (this.suppressions.some(s => s?.id === ruleId)) return;
    this.fail(field, value, ruleId, problem, fix);
  }

  /** The props object itself, and its `suppressions` list. */
  public props<T>(props: T): T {
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      this.fail('props', props, 'CKP830', `props is ${show(props)}, not an object`, `pass an object of ${this.constructType}Props.`);
    }
    const s = (props as any).suppressions;
    this.each('suppressions', s, (x, f) => {
      this.object(f, x, 'CKP830', { required: true });
      this.string(`${f}.id`, x.id, 'CKP830', { required: true });
    });
    return props;
  }

  // ---- JavaScript types -------------------------------------------------------------------------

  /** A plain object (not null, not an array). */
  public object(field: string, v: unknown, ruleId: string, opts: { required?: boolean } = {}): Record<string, any> | undefined {
    if (this.absent(field, v, ruleId, opts.required, 'an object')) return undefined;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(field, v, ruleId, `${field} is ${show(v)}, not an object`, `give ${field} as an object, as documented.`);
    return v as Record<string, any>;
  }

  /** An array, each element checked by `each`. */
  public each<T = any>(field: string, v: unknown, each?: (item: T, field: string, index: number) => void, opts: { required?: boolean; ruleId?: string } = {}): T[] | undefined {
    const ruleId = opts.ruleId ?? 'CKP830';
    if (this.absent(field, v, ruleId, opts.required, 'a list')) return undefined;
    if (!Array.isArray(v)) this.fail(field, v, ruleId, `${field} is ${show(v)}, not a list`, `give ${field} as an array, e.g. [${field.endsWith('s') ? '...' : ''}].`);
    (v as T[]).forEach((item, i) => each?.(item, `${field}[${i}]`, i));
    return v as T[];
  }

  /** A string; `nonEmpty` refuses ''. */
  public string(field: string, v: unknown, ruleId: string, opts: { required?: boolean; nonEmpty?: boolean } = {}): string | undefined {
    if (this.absent(field, v, ruleId, opts.required, 'a string')) return undefined;
    if (typeof v !== 'string') this.fail(field, v, ruleId, `${field} is ${show(v)}, not a string`, `give ${field} as a string.`);
    if (opts.nonEmpty && (v as string).trim() === '') this.fail(field, v, ruleId, `${field} is empty`, `give ${field} a value, or leave it out.`);
    return v as string;
  }

  /** A list of strings. */
  public strings(field: string, v: unknown, ruleId: string): string[] | undefined {
    return this.each<string>(field, v, (s, f) => this.string(f, s, ruleId, { required: true }), { ruleId });
  }

  /** A map of string to string. */
  public stringMap(field: string, v: unknown, ruleId: string): Record<string, string> | undefined {
    const o = this.object(field, v, ruleId);
    if (o) for (const [k, x] of Object.entries(o)) this.string(`${field}[${JSON.stringify(k)}]`, x, ruleId, { required: true });
    return o;
  }

  /** true or false. */
  public boolean(field: string, v: unknown, ruleId = 'CKP830'): boolean | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(field, v, ruleId, `${field} is ${show(v)}, not true or false`, `set ${field} to true or false.`);
    return v as boolean;
  }

  /** One of an enum's values. */
  public oneOf<T>(field: string, v: unknown, allowed: readonly T[], ruleId: string, opts: { required?: boolean } = {}): T | undefined {
    if (this.absent(field, v, ruleId, opts.required, `one of ${allowed.join(', ')}`)) return undefined;
    if (!allowed.includes(v as T)) this.fail(field, v, ruleId, `${field} is ${show(v)}, not one of ${allowed.map(a => show(a)).join(', ')}`, `use one of ${allowed.map(a => show(a)).join(', ')}.`);
    return v as T;
  }

  /** An instance of `cls` (a value object made with its static factories). */
  public instance<T>(field: string, v: unknown, cls: { readonly prototype: T; readonly name: string }, ruleId: string, opts: { required?: boolean; example?: string } = {}): T | undefined {
    const example = opts.example ?? `${cls.name}.<factory>(...)`;
    if (this.absent(field, v, ruleId, opts.required, `a ${cls.name}`, example)) return undefined;
    if (!(v instanceof (cls as unknown as Function))) this.fail(field, v, ruleId, `${field} is ${show(v)}, not a ${cls.name}`, `make ${field} with ${example}.`);
    return v as T;
  }

  // ---- numbers and units --------------------------------------------------------------------------

  /** A whole number in [min, max] (default 0 … int32 max). */
  public int(field: string, v: unknown, ruleId: string, opts: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
    const min = opts.min ?? 0;
    const max = opts.max ?? INT32_MAX;
    if (this.absent(field, v, ruleId, opts.required, 'a number')) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(field, v, ruleId, `${field} (${show(v)}) must be a whole number from ${min} to ${max}`, `set ${field} to a whole number from ${min} to ${max}.`);
    }
    return v as number;
  }

  /**
   * A number of at most int32 max, for counts whose own range a construct already checks with a more
   * specific message (replicas, backoffLimit): here only the JavaScript type and the int32 ceiling.
   */
  public count(field: string, v: unknown, ruleId: string): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'number') this.fail(field, v, ruleId, `${field} is ${show(v)}, not a number`, `give ${field} as a whole number.`);
    if ((v as number) > INT32_MAX) this.fail(field, v, ruleId, `${field} (${v}) is larger than ${INT32_MAX}, the field's int32 maximum`, `set ${field} to at most ${INT32_MAX}.`);
    return v as number;
  }

  /** A port number, 1–65535. */
  public port(field: string, v: unknown, ruleId = 'CKP827', opts: { required?: boolean } = {}): number | undefined {
    return this.int(field, v, ruleId, { min: 1, max: 65535, required: opts.required });
  }

  /** A UID (1–int32 max when it must be non-root) or GID (0–int32 max). */
  public id(field: string, v: unknown, opts: { nonRoot?: boolean } = {}): number | undefined {
    if (opts.nonRoot && v === 0) {
      this.fail(field, v, 'CKP720', `${field} is 0 (root), but the profile sets runAsNonRoot: true, so the kubelet would refuse to start the container`, `run as a non-zero UID (e.g. 10001); a box that needs root uses DevSecurity.sshdAsRoot() or rootShell().`);
    }
    return this.int(field, v, 'CKP721', { min: 0 });
  }

  /** A Duration of whole seconds, from `min` seconds (default 0) to `max` (default int32 max). */
  public duration(field: string, v: unknown, ruleId: string, opts: { min?: number; max?: number; required?: boolean } = {}): Duration | undefined {
    const d = this.instance(field, v, Duration, ruleId, { required: opts.required, example: 'Duration.seconds(n)' });
    if (d === undefined) return undefined;
    const ms = d.toMilliseconds({ integral: false });
    const min = opts.min ?? 0;
    const max = opts.max ?? INT32_MAX;
    if (!Number.isFinite(ms) || ms % 1000 !== 0) {
      this.fail(field, `${ms}ms`, ruleId, `${field} (${ms}ms) is not a whole number of seconds, which the field counts`, `use whole seconds, e.g. Duration.seconds(${Number.isFinite(ms) ? Math.max(min, Math.round(ms / 1000)) : Math.max(min, 1)}).`);
    }
    const s = ms / 1000;
    if (s < min || s > max) this.fail(field, `${s}s`, ruleId, `${field} (${s}s) is outside ${min}s–${max}s`, `use a duration from ${min}s to ${max}s.`);
    return d;
  }

  /** A Size that renders as a whole number of MiB (cdk8s-plus-27 writes memory and sizes in Mi). */
  public size(field: string, v: unknown, ruleId: string, opts: { required?: boolean; min?: number } = {}): Size | undefined {
    const s = this.instance(field, v, Size, ruleId, { required: opts.required, example: 'Size.mebibytes(n)' });
    if (s === undefined) return undefined;
    const mib = s.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Number.isFinite(mib) || !Number.isInteger(mib) || mib < (opts.min ?? 0)) {
      this.fail(field, s.asString(), ruleId, `${field} (${s.asString()}) is not a whole number of MiB${opts.min ? ` of at least ${opts.min}` : ''}`, `give ${field} in whole MiB or GiB, e.g. Size.mebibytes(256).`);
    }
    return s;
  }

  /** A cpu amount: finite, not negative. */
  public cpu(field: string, v: unknown, ruleId: string, opts: { required?: boolean } = {}): kplus.Cpu | undefined {
    const c = this.instance(field, v, kplus.Cpu, ruleId, { required: opts.required, example: 'kplus.Cpu.millis(n)' });
    if (c === undefined) return undefined;
    if (!/^([0-9]+(\.[0-9]+)?m?)$/.test(c.amount) || (c.amount.endsWith('m') && !/^[0-9]+m$/.test(c.amount))) {
      this.fail(field, c.amount, ruleId, `${field} (${c.amount}) is not a non-negative cpu amount in whole millicores`, 'use kplus.Cpu.millis(n) with a whole n ≥ 0, or kplus.Cpu.units(n).');
    }
    return c;
  }

  // ---- names and forms ----------------------------------------------------------------------------

  /** A string of a form: `problem` says why a value is not of it. */
  public form(field: string, v: unknown, ruleId: string, what: string, problem: (s: string) => string | undefined, example: string, opts: { required?: boolean } = {}): string | undefined {
    const s = this.string(field, v, ruleId, opts);
    if (s === undefined) return undefined;
    const p = problem(s);
    if (p) this.fail(field, s, ruleId, `${field} '${s}' ${p}`, `use ${what}, e.g. ${example}.`);
    return s;
  }

  public dnsLabel(field: string, v: unknown, ruleId: string, opts: { required?: boolean } = {}): string | undefined {
    return this.form(field, v, ruleId, 'a DNS-1123 label', dnsLabelProblem, '\'web\'', opts);
  }

  public dnsSubdomain(field: string, v: unknown, ruleId = 'CKP826', opts: { required?: boolean } = {}): string | undefined {
    return this.form(field, v, ruleId, 'a DNS-1123 subdomain', dnsSubdomainProblem, '\'high-priority\'', opts);
  }

  public portName(field: string, v: unknown, ruleId = 'CKP821', opts: { required?: boolean } = {}): string | undefined {
    return this.form(field, v, ruleId, 'an IANA service name (at most 15 lowercase letters, digits and \'-\', with a letter)', portNameProblem, '\'http\'', opts);
  }

  public envVarName(field: string, v: unknown): string | undefined {
    return this.form(field, v, 'CKP820', 'a valid env var name (letters, digits, \'_\', \'-\', \'.\'; not starting with a digit)', envVarNameProblem, '\'LOG_LEVEL\'', { required: true });
  }

  public labelValue(field: string, v: unknown): string | undefined {
    return this.form(field, v, 'CKP840', 'a label value (at most 63 alphanumerics, \'-\', \'_\', \'.\')', labelValueProblem, '\'shop\'');
  }

  public headerName(field: string, v: unknown): string | undefined {
    return this.form(field, v, 'CKP822', 'an HTTP header name', headerNameProblem, '\'Host\'', { required: true });
  }

  public mountPath(field: string, v: unknown, opts: { required?: boolean } = {}): string | undefined {
    return this.form(field, v, 'CKP808', 'an absolute path', mountPathProblem, '\'/data\'', opts);
  }

  /** A container image reference (pinning itself is rule CKP101's, at synth, and suppressible). */
  public image(field: string, v: unknown): string | undefined {
    const image = this.string(field, v, 'CKP101', { required: true })!;
    const ref = parseImageRef(image);
    if (!isImageRef(ref)) this.fail(field, image, 'CKP101', `${field} '${image}' ${ref.error}`, 'write the image as registry/repository:tag or registry/repository@sha256:<digest>.');
    const digest = imageDigestProblem(image);
    if (digest) this.fail(field, image, 'CKP104', `${field} '${image}' ${digest}`, 'copy the full digest from the registry: repo@sha256:<64 hex digits>.');
    return image;
  }

  /** An argv list that names a program (and whose `sh -c` script parses). */
  public program(field: string, v: unknown, ruleId: string, opts: { required?: boolean } = {}): string[] | undefined {
    const argv = this.strings(field, v, ruleId);
    if (argv === undefined) {
      if (opts.required) this.fail(field, v, ruleId, `${field} is missing`, `give ${field} as an argv list, e.g. ['cat', '/tmp/healthy'].`);
      return undefined;
    }
    const problem = programProblem(argv);
    if (problem) this.fail(field, argv, ruleId, `${field} ${problem}`, 'give the program and its arguments as a list whose first word is the program, e.g. [\'cat\', \'/tmp/healthy\'].');
    return argv;
  }

  /** True when `v` is left out; fails if it is required. */
  private absent(field: string, v: unknown, ruleId: string, required: boolean | undefined, what: string, example?: string): boolean {
    if (v !== undefined) return false;
    if (required) this.fail(field, v, ruleId, `${field} is missing`, `give ${field} as ${what}${example ? `, e.g. ${example}` : ''}.`);
    return true;
  }
}

/** A value as it appears in a message. */
export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.slice(0, 5).map(show).join(', ')}${v.length > 5 ? ', ...' : ''}]`;
  if (v instanceof Duration) { const ms = v.toMilliseconds({ integral: false }); return Number.isFinite(ms) && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`; }
  if (typeof v === 'object') return (v as object).constructor && (v as object).constructor !== Object ? `a ${(v as object).constructor.name}` : 'an object';
  return typeof v;
}
