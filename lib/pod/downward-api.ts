import * as kplus from '../plus';
import { addDownwardApiVolume } from '../plus-gaps';

/** Pod facts from the Downward API. */
export interface DownwardApiProps {
  /**
   * Add env vars POD_NAME, POD_NAMESPACE, POD_IP, NODE_NAME, POD_SERVICE_ACCOUNT,
   * CPU_LIMIT_MILLICORES and MEMORY_LIMIT_BYTES (the container's own limits).
   * @default true
   */
  readonly podInfoEnv?: boolean;
  /**
   * Mount a downwardAPI volume with the pod's `labels` and `annotations` files here.
   * @default - no volume
   */
  readonly podInfoPath?: string;
}

/** The env vars {@link addPodInfoEnv} adds, name → field. */
export const POD_INFO_FIELDS: Record<string, kplus.EnvFieldPaths> = {
  POD_NAME: kplus.EnvFieldPaths.POD_NAME,
  POD_NAMESPACE: kplus.EnvFieldPaths.POD_NAMESPACE,
  POD_IP: kplus.EnvFieldPaths.POD_IP,
  NODE_NAME: kplus.EnvFieldPaths.NODE_NAME,
  POD_SERVICE_ACCOUNT: kplus.EnvFieldPaths.SERVICE_ACCOUNT_NAME,
};

/** Adds the pod-info env vars to a container. */
export function addPodInfoEnv(container: kplus.Container): void {
  for (const [name, field] of Object.entries(POD_INFO_FIELDS)) {
    container.env.addVariable(name, kplus.EnvValue.fromFieldRef(field));
  }
  container.env.addVariable('CPU_LIMIT_MILLICORES', kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.CPU_LIMIT, { divisor: '1m' }));
  container.env.addVariable('MEMORY_LIMIT_BYTES', kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_LIMIT, { divisor: '1' }));
}

/** Applies {@link DownwardApiProps} to the container at `containerIndex` of `workload`. */
export function addDownwardApi(workload: kplus.Workload, container: kplus.Container, containerIndex: number, props: DownwardApiProps = {}): void {
  if (props.podInfoEnv ?? true) addPodInfoEnv(container);
  if (props.podInfoPath) addDownwardApiVolume(workload, { volumeName: 'podinfo', containerIndex, mountPath: props.podInfoPath });
}
