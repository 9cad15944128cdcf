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
