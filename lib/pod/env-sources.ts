import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { addEnvFrom } from '../plus-gaps';
import { configKeyProblem } from '../rules/objects/configmap-key-invalid';
import { checkReferenceName } from './prop-checks';

/** One key of an existing Secret, by name: the value never enters the manifests. */
export interface SecretKeyRef {
  /** The Secret's name (a DNS-1123 subdomain; rule CKP826), created outside these manifests. */
  readonly secret: string;
  /** The key in the Secret (rule CKP802). */
  readonly key: string;
  /**
   * Start the pod even when the Secret or key is missing (the variable is then unset).
   * @default false: the pod waits for the Secret
   */
  readonly optional?: boolean;
}

/** Every key of an existing Secret or ConfigMap as environment variables: give one of `secret` and `configMap`. */
export interface EnvFromSource {
  /** @default - not a Secret */
  readonly secret?: string;
  /** @default - not a ConfigMap */
  readonly configMap?: string;
  /**
   * Put before every variable name, e.g. `DB_`.
   * @default - no prefix
   */
  readonly prefix?: string;
  /**
   * Start the pod even when the object is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** Props for environment variables from existing Secrets and ConfigMaps. */
export interface EnvSourcesProps {
  /**
   * Environment variables from Secret keys, as env name → Secret and key (`secretKeyRef`). Names only.
   * @default - none
   */
  readonly secretEnv?: Record<string, SecretKeyRef>;
  /**
   * Whole Secrets and ConfigMaps as environment variables (`envFrom`), by name.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
}

/**
 * Adds `secretEnv` and `envFrom` to the main container (index 0), failing through `guard` on names
 * the API server rejects (CKP826, CKP802) and on a variable also set by `env` (CKP904).
 */
export function addEnvSources(scope: Construct, guard: RuleGuard, workload: kplus.Workload, container: kplus.Container, props: EnvSourcesProps): void {
  const taken = new Set(Object.keys(container.env.variables));
  const secretEnv = props.secretEnv ?? {};
  for (const name of Object.keys(secretEnv).sort()) {
    const ref = secretEnv[name];
    const field = `secretEnv.${name}`;
    if (name.length === 0 || name.includes('=')) guard.fail({ field, value: `'${name}'`, ruleId: 'CKP904', problem: `environment variable name '${name}' is empty or contains '='`, fix: 'use a name like DB_PASSWORD.' });
    if (taken.has(name)) guard.fail({ field, value: name, ruleId: 'CKP904', problem: `secretEnv sets ${name}, which env or config already sets; one of them would be lost`, fix: `set ${name} in one place only.` });
    checkReferenceName(guard, `${field}.secret`, 'Secret', ref.secret);
    const keyProblem = configKeyProblem(ref.key ?? '');
    if (keyProblem) guard.fail({ field: `${field}.key`, value: `'${ref.key}'`, ruleId: 'CKP802', problem: `Secret key '${ref.key}' ${keyProblem}`, fix: 'name the key as it is in the Secret.' });
    const secret = kplus.Secret.fromSecretName(scope, `SecretEnv-${name}`, ref.secret);
    container.env.addVariable(name, kplus.EnvValue.fromSecretValue({ secret, key: ref.key }, { optional: ref.optional }));
    taken.add(name);
  }
  const sources = (props.envFrom ?? []).map((s, i) => {
    const field = `envFrom[${i}]`;
    if ((s.secret === undefined) === (s.configMap === undefined)) {
      guard.fail({ field, value: JSON.stringify(s), ruleId: 'CKP826', problem: `${field} must name exactly one of secret and configMap`, fix: 'split it into one entry per object.' });
    }
    if (s.secret !== undefined) checkReferenceName(guard, `${field}.secret`, 'Secret', s.secret);
    if (s.configMap !== undefined) checkReferenceName(guard, `${field}.configMap`, 'ConfigMap', s.configMap);
    if (s.prefix !== undefined && s.prefix.includes('=')) guard.fail({ field: `${field}.prefix`, value: `'${s.prefix}'`, ruleId: 'CKP904', problem: `prefix '${s.prefix}' contains '='`, fix: 'use a prefix like DB_.' });
    const ref = { name: s.secret ?? s.configMap ?? '', optional: s.optional };
    return { prefix: s.prefix, ...(s.secret !== undefined ? { secretRef: ref } : { configMapRef: ref }) };
  });
  addEnvFrom(workload, 0, sources);
}
