import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { checkReferenceName } from './prop-checks';

/** The identity the pods run as. */
export interface ServiceAccountProps {
  /**
   * The ServiceAccount's name: an existing one, or the one `create` makes.
   * @default - the instance name when `create`, else the namespace's `default`
   */
  readonly name?: string;
  /**
   * Create the ServiceAccount (with `automountServiceAccountToken: false`) next to the workload.
   * @default false: it exists already
   */
  readonly create?: boolean;
  /**
   * Mount an API token into the pods, for an app that calls the Kubernetes API. Requires suppressing
   * rule CKP730 with the reason (`suppressions: [{ id: 'CKP730', reason: '...' }]`), which is written
   * on the objects so the YAML shows why the token is there.
   * @default false
   */
  readonly mountToken?: boolean;
}

/** Props of a workload whose pods may name a ServiceAccount. */
export interface ServiceAccountWorkloadProps {
  /**
   * The pods' ServiceAccount and whether they get a token.
   * @default - the namespace's `default` ServiceAccount, no token
   */
  readonly serviceAccount?: ServiceAccountProps;
}

/** The pod props for the ServiceAccount, and the ServiceAccount made when `create`. */
export interface ServiceAccountResult {
  readonly podProps: Pick<kplus.PodProps, 'serviceAccount' | 'automountServiceAccountToken'>;
  readonly created?: kplus.ServiceAccount;
}

/**
 * Resolves `serviceAccount`: creates or references it, and fails (CKP730) when a token is asked for
 * without the suppression that records why; CKP826 on a name no ServiceAccount can have.
 * Call before creating the workload and spread `podProps` after the restricted pod props.
 */
export function resolveServiceAccount(scope: Construct, guard: RuleGuard, instance: string, props: ServiceAccountProps | undefined): ServiceAccountResult {
  if (!props) return { podProps: {} };
  const name = props.name ?? (props.create ? instance : undefined);
  if (name !== undefined) checkReferenceName(guard, 'serviceAccount.name', 'ServiceAccount', name);
  if (props.mountToken && !guard.isSuppressed('CKP730')) {
    guard.fail({ field: 'serviceAccount.mountToken', value: 'true', ruleId: 'CKP730', problem: 'serviceAccount.mountToken is true without a reason: a mounted token is a credential anyone who gets into the pod can use', fix: 'add suppressions: [{ id: \'CKP730\', reason: \'<what the app calls the API for>\' }], and give the ServiceAccount only the RBAC it needs.' });
  }
  const created = props.create ? new kplus.ServiceAccount(scope, 'ServiceAccount', { metadata: { name }, automountToken: false }) : undefined;
  const serviceAccount = created ?? (name !== undefined ? kplus.ServiceAccount.fromServiceAccountName(scope, 'ServiceAccountRef', name) : undefined);
  return { podProps: { serviceAccount, automountServiceAccountToken: props.mountToken ?? false }, created };
}
