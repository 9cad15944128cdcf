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
import { barePod } from './rollout/bare-pod';
import { jobDeadlineMissing } from './jobs/job-deadline-missing';
import { jobBackoffLimitMissing } from './jobs/job-backoff-limit-missing';
import { jobTtlMissing } from './jobs/job-ttl-missing';
import { cronJobConcurrencyAllow } from './jobs/cronjob-concurrency-allow';
import { cronJobScheduleInvalid } from './jobs/cronjob-schedule-invalid';
import { cronJobTimeZoneInvalid } from './jobs/cronjob-time-zone-invalid';
import { jobContainerProbe } from './jobs/job-container-probe';
import { jobContainerServesPort } from './jobs/job-container-serves-port';
import { jobRestartPolicyInvalid } from './jobs/job-restart-policy-invalid';
import { jobPodFailurePolicyInvalid } from './jobs/job-pod-failure-policy-invalid';
import { jobNumberInvalid } from './jobs/job-number-invalid';
import { jobParallelismExceedsCompletions } from './jobs/job-parallelism-exceeds-completions';
import { jobDeadlineBelowExpectedRuntime } from './jobs/job-deadline-below-expected-runtime';
import { cronJobStartingDeadlineTooShort } from './jobs/cronjob-starting-deadline-too-short';
import { commandOverridesEntrypoint } from './process/command-overrides-entrypoint';
import { mainProcessExits } from './process/main-process-exits';
import { envVarDuplicate } from './process/env-var-duplicate';
import { pvcStorageInvalid } from './storage/pvc-storage-invalid';
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
// issue 12: autoscaling and disruption
import { hpaTargetSetsReplicas } from './autoscaling/hpa-target-sets-replicas';
import { hpaReplicasInvalid } from './autoscaling/hpa-replicas-invalid';
import { pdbBlocksAllDisruption } from './autoscaling/pdb-blocks-all-disruption';
import { hpaResourceRequestMissing } from './autoscaling/hpa-resource-request-missing';
import { pdbSpecInvalid } from './autoscaling/pdb-spec-invalid';
import { portNameInvalid } from './objects/port-name-invalid';
import { referenceNameInvalid } from './objects/reference-name-invalid';
import { metadataInvalid } from './objects/metadata-invalid';
import { serviceExposureInvalid } from './objects/service-exposure-invalid';
import { ingressHostInvalid } from './objects/ingress-host-invalid';
import { ingressTlsMissing } from './objects/ingress-tls-missing';
import { schedulingInvalid } from './objects/scheduling-invalid';
import { serviceAccountTokenMounted } from './security/service-account-token-mounted';
import { ephemeralStorageInvalid } from './resources/ephemeral-storage-invalid';
import { podExceedsNamespacePss } from './security/pod-exceeds-namespace-pss';
import { initContainerProbeOrLifecycle } from './probes/init-container-probe-or-lifecycle';
import { sidecarStopsBeforeApp } from './lifecycle/sidecar-stops-before-app';
import { containerNameDuplicate } from './objects/container-name-duplicate';
import { containerPortConflict } from './objects/container-port-conflict';
import { containerNameInvalid } from './objects/container-name-invalid';
import { volumeMountInvalid } from './objects/volume-mount-invalid';
import { serviceTargetPortUndeclared } from './objects/service-target-port-undeclared';
import { proxyTimeoutMissing } from './proxy/proxy-timeout-missing';
import { proxyConfigInvalid } from './proxy/proxy-config-invalid';
// issue 15
import { duplicateKey } from './objects/duplicate-key';
import { imageDigestMissing } from './image/image-digest-missing';
import { livenessProbeMissing } from './probes/liveness-probe-missing';
import { privilegeEscalationAllowed } from './security/privilege-escalation-allowed';
import { capabilitiesNotDropped } from './security/capabilities-not-dropped';
import { runAsGroupRoot } from './security/run-as-group-root';
import { runAsLowUid } from './security/run-as-low-uid';
// issue 11: input validation (output invariants that also help plain YAML)
import { imageDigestInvalid } from './image/image-digest-invalid';
import { handlerCommandEmpty } from './probes/handler-command-empty';
import { hookPortUndeclared } from './lifecycle/hook-port-undeclared';
import { runAsRootContradiction } from './security/run-as-root-contradiction';
import { idOutOfRange } from './security/id-out-of-range';
import { dangerousCapabilityAdded } from './security/dangerous-capability-added';
import { sensitiveEnvLiteral } from './security/sensitive-env-literal';
import { sensitiveConfigMapKey } from './security/sensitive-configmap-key';
import { envVarNameInvalid } from './objects/env-var-name-invalid';
import { httpHeaderNameInvalid } from './objects/http-header-name-invalid';
import { objectDuplicate } from './objects/object-duplicate';
import { configMapKeyRefMissing } from './objects/configmap-key-ref-missing';
import { portNumberInvalid } from './objects/port-number-invalid';
import { integerFieldInvalid } from './objects/integer-field-invalid';
import { resourceQuantityInvalid } from './resources/resource-quantity-invalid';
import { propInvalid } from './objects/prop-invalid';
import { houseDefaultsMisplaced } from './objects/house-defaults-misplaced';
import { commandEmpty } from './process/command-empty';
import { sshdPortPrivileged } from './process/sshd-port-privileged';

export * from './types';
export * from './engine';
export * from './suppressions';
export { computeQosClass, QOS_ANNOTATION } from './qos';
export type { QosClassName } from './qos';
export { scheduleProblem, timeZoneProblem, SCHEDULE_MACROS } from './cron';
export type { ScheduleProblem } from './cron';
export { EXPECTED_RUNTIME_ANNOTATION } from './jobs/job-deadline-below-expected-runtime';

/**
 * The registry: every rule, in id order (sorted here, so new rules are appended). Ids are stable
 * and never reused; a retired rule stays listed in RULES.md as retired rather than being renumbered.
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
  barePod,
  jobDeadlineMissing,
  jobBackoffLimitMissing,
  jobTtlMissing,
  cronJobConcurrencyAllow,
  cronJobScheduleInvalid,
  cronJobTimeZoneInvalid,
  jobContainerProbe,
  jobContainerServesPort,
  jobRestartPolicyInvalid,
  jobPodFailurePolicyInvalid,
  jobNumberInvalid,
  jobParallelismExceedsCompletions,
  jobDeadlineBelowExpectedRuntime,
  cronJobStartingDeadlineTooShort,
  objectNameInvalid,
  configMapKeyInvalid,
  nodePortOutOfRange,
  commandOverridesEntrypoint,
  mainProcessExits,
  pvcStorageInvalid,
  envVarDuplicate,
  initContainerProbeOrLifecycle,
  sidecarStopsBeforeApp,
  containerNameDuplicate,
  containerPortConflict,
  containerNameInvalid,
  volumeMountInvalid,
  serviceTargetPortUndeclared,
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
  proxyTimeoutMissing,
  proxyConfigInvalid,
  // issue 15
  duplicateKey,
  imageDigestMissing,
  livenessProbeMissing,
  privilegeEscalationAllowed,
  capabilitiesNotDropped,
  runAsGroupRoot,
  runAsLowUid,
  hpaTargetSetsReplicas,
  hpaReplicasInvalid,
  pdbBlocksAllDisruption,
  hpaResourceRequestMissing,
  pdbSpecInvalid,
  portNameInvalid,
  referenceNameInvalid,
  metadataInvalid,
  serviceExposureInvalid,
  ingressHostInvalid,
  ingressTlsMissing,
  schedulingInvalid,
  serviceAccountTokenMounted,
  ephemeralStorageInvalid,
  podExceedsNamespacePss,
  // issue 11: input validation
  imageDigestInvalid, handlerCommandEmpty, hookPortUndeclared, runAsRootContradiction, idOutOfRange, dangerousCapabilityAdded,
  sensitiveEnvLiteral, sensitiveConfigMapKey, envVarNameInvalid, httpHeaderNameInvalid, objectDuplicate,
  configMapKeyRefMissing, portNumberInvalid, integerFieldInvalid, resourceQuantityInvalid,
  propInvalid, commandEmpty, sshdPortPrivileged,
  houseDefaultsMisplaced,
// Ids are CKP + three digits: code-unit order is their order, and localeCompare would load ICU's
// collator into every process that loads the pack (~15 ms).
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(RULES.map(r => [r.id, r]));

/** The rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
