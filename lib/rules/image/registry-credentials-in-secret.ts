import { Rule } from '../types';

/** The Secret types that hold registry credentials, and the key each keeps them under. */
const DOCKER_KEYS: Record<string, string> = {
  'kubernetes.io/dockerconfigjson': '.dockerconfigjson',
  'kubernetes.io/dockercfg': '.dockercfg',
};

/** The fields of a Docker config entry that are credentials. */
const CREDENTIAL_FIELDS = ['auth', 'password', 'identitytoken', 'registrytoken'];

/** The registries whose entry carries a credential, from a Docker config (`{auths: {...}}` or the legacy flat map). */
function registriesWithCredentials(text: string): string[] | undefined {
  let config: any;
  try {
    config = JSON.parse(text);
  } catch {
    // Truncated or redacted files (seed 001 pastes `"auth": "Y2....`) still show a credential field with a value.
    const m = new RegExp(`"(${CREDENTIAL_FIELDS.join('|')})"\\s*:\\s*"[^"\\s]`).exec(text);
    return m ? ['(unparsable config)'] : undefined;
  }
  const entries = config?.auths && typeof config.auths === 'object' ? config.auths : config;
  if (!entries || typeof entries !== 'object') return undefined;
  const found = Object.entries(entries)
    .filter(([, e]: [string, any]) => e && typeof e === 'object' && CREDENTIAL_FIELDS.some(f => typeof e[f] === 'string' && e[f] !== ''))
    .map(([registry]) => registry);
  return found.length > 0 ? found : undefined;
}

export const registryCredentialsInSecret: Rule = {
  id: 'CKP102',
  name: 'registry-credentials-in-secret',
  level: 'error',
  summary: 'Registry credentials are not written into manifests: a pull Secret is created outside them and referenced by name.',
  why: 'A `.dockerconfigjson` in a manifest puts the registry password in every copy of it: git history, CI logs, rendered charts, '
    + 'and `kubectl get -o yaml` for anyone who may read Secrets. base64 is an encoding, not encryption; leaked push credentials '
    + 'let anyone replace the images the cluster runs.',
  fix: 'Delete the Secret from the manifests and rotate the credential. Create the pull Secret out of band (`kubectl create secret '
    + 'docker-registry`, External Secrets, Sealed Secrets) or use the registry\'s node/workload identity, and reference it by name '
    + 'in `imagePullSecrets`.',
  kinds: ['Secret'],
  appliesTo: obj => typeof obj.type === 'string' && DOCKER_KEYS[obj.type] !== undefined,
  check(obj) {
    const key = DOCKER_KEYS[obj.type];
    const candidates: [string, unknown, boolean][] = [
      [`stringData["${key}"]`, obj.stringData?.[key], false],
      [`data["${key}"]`, obj.data?.[key], true],
    ];
    for (const [field, value, base64] of candidates) {
      if (typeof value !== 'string' || value === '') continue;
      const registries = registriesWithCredentials(base64 ? Buffer.from(value, 'base64').toString('utf8') : value);
      if (registries) {
        return [{
          field,
          message: `Secret of type ${obj.type} carries credentials for ${registries.join(', ')} in the manifest`,
        }];
      }
    }
    return [];
  },
};
