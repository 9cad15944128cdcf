// The closed value sets of Kubernetes 1.27 fields (the `+enum` types of k8s.io/api, and the
// operators metav1 validates), which the API server enforces ("Unsupported value") but cdk8s'
// copy of the 1.27 definitions does not carry. Added to the vendored schema as `enum` when it is
// loaded or precompiled, so ajv checks them like any other keyword. Array fields constrain items.
// '' is accepted where the API server's defaulting replaces an empty string (`if x == ""`) before
// validation, and for a toleration, where an empty effect matches every effect.

const PROTOCOL = ['', 'SCTP', 'TCP', 'UDP'];
const TAINT_EFFECT = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODE = ['Block', 'Filesystem'];
const UPDATE_STRATEGY = ['', 'OnDelete', 'RollingUpdate'];
const WEBHOOK = { failurePolicy: ['Fail', 'Ignore'], matchPolicy: ['Equivalent', 'Exact'], sideEffects: ['None', 'NoneOnDryRun', 'Some', 'Unknown'] };

/** definition → property → allowed values. */
export const ENUMS: Record<string, Record<string, readonly string[]>> = {
  'io.k8s.api.core.v1.Container': { imagePullPolicy: ['', 'Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['', 'FallbackToLogsOnError', 'File'] },
  'io.k8s.api.core.v1.ContainerPort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.ContainerResizePolicy': { restartPolicy: ['NotRequired', 'RestartContainer'] },
  'io.k8s.api.core.v1.EndpointPort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.HostPathVolumeSource': { type: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'] },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['', 'HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: ACCESS_MODES, volumeMode: ['', ...VOLUME_MODE] },
  'io.k8s.api.core.v1.PersistentVolumeSpec': { accessModes: ACCESS_MODES, volumeMode: ['', ...VOLUME_MODE], persistentVolumeReclaimPolicy: ['', 'Delete', 'Recycle', 'Retain'] },
  'io.k8s.api.core.v1.PodOS': { name: ['linux', 'windows'] },
  'io.k8s.api.core.v1.PodSecurityContext': { fsGroupChangePolicy: ['Always', 'OnRootMismatch'] },
  'io.k8s.api.core.v1.PodSpec': {
    dnsPolicy: ['', 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['Never', 'PreemptLowerPriority'],
    restartPolicy: ['', 'Always', 'Never', 'OnFailure'],
  },
  'io.k8s.api.core.v1.SeccompProfile': { type: ['Localhost', 'RuntimeDefault', 'Unconfined'] },
  'io.k8s.api.core.v1.SecurityContext': { procMount: ['Default', 'Unmasked'] },
  'io.k8s.api.core.v1.ServicePort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.ServiceSpec': {
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    ipFamilies: ['IPv4', 'IPv6'],
    ipFamilyPolicy: ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
    sessionAffinity: ['', 'ClientIP', 'None'],
    type: ['', 'ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  },
  'io.k8s.api.core.v1.Taint': { effect: TAINT_EFFECT },
  'io.k8s.api.core.v1.Toleration': { effect: ['', ...TAINT_EFFECT], operator: ['', 'Equal', 'Exists'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint': { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'], nodeAffinityPolicy: ['Honor', 'Ignore'], nodeTaintsPolicy: ['Honor', 'Ignore'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: UPDATE_STRATEGY },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['', 'Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': { whenDeleted: ['Delete', 'Retain'], whenScaled: ['Delete', 'Retain'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['', 'OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: UPDATE_STRATEGY },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['', 'Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['Indexed', 'NonIndexed'] },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { action: ['Count', 'FailJob', 'Ignore'] },
  'io.k8s.api.discovery.v1.EndpointPort': { protocol: PROTOCOL },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'ImplementationSpecific', 'Prefix'] },
  'io.k8s.api.networking.v1.NetworkPolicyPort': { protocol: PROTOCOL },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { policyTypes: ['Egress', 'Ingress'] },
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy': { type: ['Percent', 'Pods'] },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { selectPolicy: ['Disabled', 'Max', 'Min'] },
  'io.k8s.api.autoscaling.v2.MetricSpec': { type: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] },
  'io.k8s.api.autoscaling.v2.MetricTarget': { type: ['AverageValue', 'Utilization', 'Value'] },
  'io.k8s.api.admissionregistration.v1.MutatingWebhook': { ...WEBHOOK, reinvocationPolicy: ['IfNeeded', 'Never'] },
  'io.k8s.api.admissionregistration.v1.ValidatingWebhook': WEBHOOK,
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: ['DoesNotExist', 'Exists', 'In', 'NotIn'] },
};

/** Adds ENUMS to the schema's definitions, in place; throws if one names a field the schema lacks. */
export function addEnums(definitions: Record<string, any>): void {
  for (const [def, props] of Object.entries(ENUMS)) {
    for (const [prop, values] of Object.entries(props)) {
      const field = definitions[def]?.properties?.[prop];
      if (!field) throw new Error(`lib/schema/enums.ts: the schema has no ${def}.${prop}`);
      if (field.type === 'array') field.items = { ...field.items, enum: [...values] };
      else field.enum = [...values];
    }
  }
}
