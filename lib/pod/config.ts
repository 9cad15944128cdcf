import { createHash } from 'crypto';
import { Construct } from 'constructs';
import * as kplus from '../plus';

/** Configuration kept out of the image, in a ConfigMap. */
export interface AppConfigProps {
  /**
   * Key/value settings. Keys must be valid ConfigMap keys (letters, digits, `-`, `_`, `.`; rule CKP802).
   * @default - no keys besides `logLevel`
   */
  readonly data?: Record<string, string>;
  /**
   * The app's log level, a first-class setting so operators can change it without a rebuild.
   * @default - not set
   */
  readonly logLevel?: string;
  /**
   * The key that holds `logLevel`.
   * @default 'LOG_LEVEL'
   */
  readonly logLevelKey?: string;
  /**
   * Which keys become environment variables (`configMapKeyRef`), as env name → key.
   * @default - every key, as a variable of the same name
   */
  readonly env?: Record<string, string>;
  /**
   * Mount every key as a file under this directory (read-only).
   * @default - not mounted
   */
  readonly mountPath?: string;
}

/** Where a pod template records the hash of its configuration, so config changes roll the pods. */
export const CONFIG_CHECKSUM_ANNOTATION = 'cdk8s-patterns/config-checksum';

/** The resolved config: the ConfigMap (if any keys) and the checksum of its content. */
export interface AppConfigResult {
  readonly configMap?: kplus.ConfigMap;
  readonly checksum?: string;
}

/**
 * Creates the ConfigMap and wires it into `container` as env vars and/or files, and the checksum
 * annotation into the workload's pod template.
 */
export function addAppConfig(scope: Construct, name: string, workload: kplus.Workload, container: kplus.Container, props: AppConfigProps = {}): AppConfigResult {
  const data: Record<string, string> = { ...(props.data ?? {}) };
  if (props.logLevel !== undefined) data[props.logLevelKey ?? 'LOG_LEVEL'] = props.logLevel;
  const keys = Object.keys(data).sort();
  if (keys.length === 0) return {};
  const configMap = new kplus.ConfigMap(scope, 'Config', { metadata: { name: `${name}-config` } });
  // addData would sort nothing; insert in key order so the output is the same whatever the prop order.
  for (const k of keys) configMap.addData(k, data[k]);
  const env = props.env ?? Object.fromEntries(keys.map(k => [k, k]));
  for (const envName of Object.keys(env).sort()) {
    container.env.addVariable(envName, kplus.EnvValue.fromConfigMap(configMap, env[envName]));
  }
  if (props.mountPath) {
    container.mount(props.mountPath, kplus.Volume.fromConfigMap(scope, 'ConfigVolume', configMap, { name: 'config' }), { readOnly: true });
  }
  const checksum = createHash('sha256').update(JSON.stringify(keys.map(k => [k, data[k]]))).digest('hex');
  workload.podMetadata.addAnnotation(CONFIG_CHECKSUM_ANNOTATION, checksum);
  return { configMap, checksum };
}
