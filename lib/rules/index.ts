import { imageMutableTag } from './image/image-mutable-tag';
import { preStopExceedsGrace } from './lifecycle/prestop-exceeds-grace';
import { preStopHookMissing } from './lifecycle/prestop-hook-missing';
import { configMapKeyInvalid } from './objects/configmap-key-invalid';
import { nodePortOutOfRange } from './objects/nodeport-out-of-range';
import { objectNameInvalid } from './objects/object-name-invalid';
import { probePortUndeclared } from './probes/probe-port-undeclared';
import { probeSuccessThreshold } from './probes/probe-success-threshold';
import { probeTimingInvalid } from './probes/probe-timing-invalid';
import { readinessProbeMissing } from './probes/readiness-probe-missing';
import { qosClassMismatch } from './resources/qos-class-mismatch';
import { requestsExceedLimits } from './resources/requests-exceed-limits';
import { resourcesMissing } from './resources/resources-missing';
import { progressDeadlineTooShort } from './rollout/progress-deadline-too-short';
import { replicasBelowOne } from './rollout/replicas-below-one';
import { rollingUpdateDropsCapacity } from './rollout/rolling-update-drops-capacity';
import { registryCredentialsInSecret } from './image/registry-credentials-in-secret';
import { recommendedLabelsMissing } from './objects/recommended-labels-missing';
import { readinessEqualsLiveness } from './probes/readiness-equals-liveness';
import { shellAsPid1 } from './process/shell-as-pid1';
import { hostIpc } from './security/host-ipc';
import { hostNetwork } from './security/host-network';
import { hostPid } from './security/host-pid';
import { privilegedContainer } from './security/privileged-container';
import { rootFilesystemWritable } from './security/root-filesystem-writable';
import { runAsRoot } from './security/run-as-root';
import { Rule } from './types';

export * from './types';
export * from './engine';
export * from './suppressions';
export { computeQosClass, QOS_ANNOTATION } from './qos';
export type { QosClassName } from './qos';

/**
 * The registry: every rule, in id order. Ids are stable and never reused; a retired rule
 * stays listed in RULES.md as retired rather than being renumbered.
 */
export const RULES: readonly Rule[] = [
  imageMutableTag,
  readinessProbeMissing,
  probeSuccessThreshold,
  probePortUndeclared,
  probeTimingInvalid,
  preStopExceedsGrace,
  preStopHookMissing,
  resourcesMissing,
  requestsExceedLimits,
  qosClassMismatch,
  rollingUpdateDropsCapacity,
  progressDeadlineTooShort,
  replicasBelowOne,
  objectNameInvalid,
  configMapKeyInvalid,
  nodePortOutOfRange,
  // issue 5: the catalogue for any YAML
  registryCredentialsInSecret,
  readinessEqualsLiveness,
  hostNetwork,
  hostPid,
  hostIpc,
  privilegedContainer,
  rootFilesystemWritable,
  runAsRoot,
  recommendedLabelsMissing,
  shellAsPid1,
];

const BY_ID = new Map(RULES.map(r => [r.id, r]));

/** The rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
