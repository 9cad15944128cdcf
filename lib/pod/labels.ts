import { RuleGuard } from '../guard';
import { dnsLabelProblem } from '../rules/objects/names';
import { imageVersion } from './image';

/** The recommended `app.kubernetes.io/*` labels. */
export interface RecommendedLabelsProps {
  /**
   * The application's name (`app.kubernetes.io/name`), shared by all its instances.
   * @default - the instance name
   */
  readonly appName?: string;
  /**
   * The component within the architecture (`app.kubernetes.io/component`).
   * @default 'server' for web apps; each construct documents its own
   */
  readonly component?: string;
  /**
   * The higher-level application this is part of (`app.kubernetes.io/part-of`).
   * @default - not set
   */
  readonly partOf?: string;
}

export const MANAGED_BY = 'cdk8s-patterns';

/**
 * The labels for an instance. `instance` equals the objects' `metadata.name` (Polaris
 * metadataAndInstanceMismatched), `version` comes from the image tag.
 */
export function recommendedLabels(instance: string, image: string, props: RecommendedLabelsProps, defaultComponent: string): Record<string, string> {
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': props.appName ?? instance,
    'app.kubernetes.io/instance': instance,
    'app.kubernetes.io/component': props.component ?? defaultComponent,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  const version = imageVersion(image);
  if (version) labels['app.kubernetes.io/version'] = version;
  if (props.partOf) labels['app.kubernetes.io/part-of'] = props.partOf;
  return labels;
}

/**
 * The instance name (`name` prop, else the construct id), failing through `guard` (CKP801) unless it
 * is a DNS-1123 label of at most `maxLength` characters (52 for CronJobs: the controller appends a suffix).
 */
export function instanceName(guard: RuleGuard, id: string, name: string | undefined, maxLength = 63): string {
  const resolved = name ?? id;
  const problem = resolved.length > maxLength
    ? `is ${resolved.length} characters long (at most ${maxLength})`
    : dnsLabelProblem(resolved);
  if (problem) {
    guard.fail({ field: 'name', value: `'${resolved}'`, ruleId: 'CKP801', problem: `name '${resolved}' ${problem}`, fix: `pass \`name\` as a DNS-1123 label of at most ${maxLength} characters, e.g. 'httpserver'.` });
  }
  return resolved;
}
