import * as fs from 'fs';
import * as path from 'path';
import { addEnums } from './enums';

/** The Kubernetes version the vendored schema describes. */
export const SCHEMA_VERSION = 'v1.27.0';
/** The vendored strict schema (SOURCE.md says where it comes from and how it ships). */
export const SCHEMA_FILE = 'k8s-v1.27-strict.json';
/** The ajv standalone validators precompiled from it at build time (scripts/compile-schema.js). */
export const VALIDATORS_FILE = 'k8s-v1.27-validators.js';

/** What an ajv validator reports: the subset of ajv's ErrorObject we read. */
export interface AjvError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, any>;
  readonly message?: string;
}

/** A validator of one apiVersion/kind (ajv's ValidateFunction shape). */
export interface KindValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

export interface StrictDoc {
  readonly kinds: Record<string, string>;
  readonly definitions: Record<string, unknown>;
}

/**
 * The strict validators, one per `apiVersion/kind` the schema serves. Built once per process:
 * from the precompiled module when the package ships it, else with ajv from the JSON, lazily per
 * kind (compiling every kind takes seconds; the kinds of a typical chart, about one).
 */
export class StrictSchema {
  private static shared?: StrictSchema;

  /** The process-wide instance (loading is the expensive part; validators are pure). */
  public static get(): StrictSchema {
    return (StrictSchema.shared ??= new StrictSchema());
  }

  /** `apiVersion/kind` → definition name. */
  public readonly kinds: Record<string, string>;
  /** The API groups the version serves (`''` for the core group). */
  public readonly groups: ReadonlySet<string>;
  /** 'precompiled' when the build's standalone validators were found. */
  public readonly mode: 'precompiled' | 'ajv';
  private readonly doc: StrictDoc;
  private readonly precompiled?: Record<string, KindValidator>;
  private ajv?: { compile(schema: object): KindValidator };
  private readonly cache = new Map<string, KindValidator>();

  constructor(dir: string = schemaDir()) {
    this.doc = strictDocument(dir);
    this.kinds = this.doc.kinds;
    this.groups = new Set(Object.keys(this.kinds).map(k => groupOf(k.slice(0, k.lastIndexOf('/')))));
    const compiled = path.join(dir, VALIDATORS_FILE);
    if (fs.existsSync(compiled)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.precompiled = require(compiled) as Record<string, KindValidator>;
    }
    this.mode = this.precompiled ? 'precompiled' : 'ajv';
  }

  /** The validator of an apiVersion/kind, or undefined when the version does not serve it. */
  public validator(apiVersion: string, kind: string): KindValidator | undefined {
    const key = `${apiVersion}/${kind}`;
    if (!Object.prototype.hasOwnProperty.call(this.kinds, key)) return undefined;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.precompiled?.[exportName(key)] ?? this.compile(key);
      this.cache.set(key, fn);
    }
    return fn;
  }

  private compile(key: string): KindValidator {
    if (!this.ajv) {
      // ajv only when nothing was precompiled: the options are those scripts/compile-schema.js uses.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Ajv = require('ajv').default;
      this.ajv = new Ajv(AJV_OPTIONS);
      (this.ajv as any).addSchema(this.doc, SCHEMA_ID);
    }
    return this.ajv!.compile({ $ref: `${SCHEMA_ID}#/definitions/${this.kinds[key]}` });
  }
}

/** The vendored schema as the validators see it: with the enums the definitions lack (enums.ts). */
export function strictDocument(dir: string = schemaDir()): StrictDoc {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, SCHEMA_FILE), 'utf8'));
  addEnums(doc.definitions);
  return doc;
}

/** The ajv options, shared with scripts/compile-schema.js so both paths validate alike. */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false, validateSchema: false };
export const SCHEMA_ID = 'k8s-strict';

/** The export name of a kind's validator in the precompiled module: a JS identifier. */
export function exportName(key: string): string {
  return `v_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** `apps/v1` → `apps`, `v1` → `''`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The directory holding the vendored schema: this module's own when compiled (build/schema),
 * else found from the bundle's entry directory (running from sources, `__dirname` is the entry's).
 */
export function schemaDir(from: string = __dirname): string {
  let dir = from;
  for (let up = 0; up < 5; up++) {
    for (const candidate of [dir, path.join(dir, 'schema'), path.join(dir, 'lib', 'schema')]) {
      if (fs.existsSync(path.join(candidate, SCHEMA_FILE))) return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`cdk8s-patterns: the Kubernetes schema ${SCHEMA_FILE} is missing near ${from}: the package is incomplete (reinstall it)`);
}
