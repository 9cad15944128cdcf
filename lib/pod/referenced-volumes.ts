import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { checkReferenceName } from './prop-checks';
import type { SharedClaimOptions, SharedSecretOptions } from './volumes';

/** A volume source that names an object made outside these manifests. */
export type ReferencedSource =
  | { readonly type: 'secret'; readonly secretName: string; readonly options: SharedSecretOptions }
  | { readonly type: 'persistentVolumeClaim'; readonly claimName: string; readonly options: SharedClaimOptions };

/**
 * The cdk8s-plus volume for a Secret or PersistentVolumeClaim named by a {@link SharedVolume},
 * failing through `guard` (CKP826) on a name no such object can have, or (CKP808) on a file mode outside 0–0777.
 */
export function referencedVolume(scope: Construct, guard: RuleGuard, name: string, field: string, source: ReferencedSource): kplus.Volume {
  if (source.type === 'secret') {
    checkReferenceName(guard, `${field}.secretName`, 'Secret', source.secretName);
    const mode = source.options.defaultMode;
    if (mode !== undefined && (!Number.isInteger(mode) || mode < 0 || mode > 0o777)) {
      guard.fail({ field: `${field}.defaultMode`, value: String(mode), ruleId: 'CKP808', problem: `defaultMode ${mode} is not a file mode from 0 to 0o777`, fix: 'use an octal mode such as 0o400.' });
    }
    const secret = kplus.Secret.fromSecretName(scope, `Secret-${name}`, source.secretName);
    return kplus.Volume.fromSecret(scope, `Volume-${name}`, secret, { name, optional: source.options.optional, defaultMode: mode });
  }
  checkReferenceName(guard, `${field}.claimName`, 'PersistentVolumeClaim', source.claimName);
  const claim = kplus.PersistentVolumeClaim.fromClaimName(scope, `Claim-${name}`, source.claimName);
  return kplus.Volume.fromPersistentVolumeClaim(scope, `Volume-${name}`, claim, { name, readOnly: source.options.readOnly });
}
