import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { NODE_PORT_RANGE } from '../rules/objects/nodeport-out-of-range';

/**
 * Fails through `guard` (CKP803) when a fixed node port is set on a Service type that has none, or
 * lies outside the NodePort range.
 * @param field the prop that holds the node port
 */
export function checkNodePort(guard: RuleGuard, serviceType: kplus.ServiceType | undefined, nodePort: number | undefined, field = 'nodePort'): void {
  if (nodePort === undefined) return;
  if ((serviceType ?? kplus.ServiceType.CLUSTER_IP) !== kplus.ServiceType.NODE_PORT && serviceType !== kplus.ServiceType.LOAD_BALANCER) {
    guard.fail({ field, value: String(nodePort), ruleId: 'CKP803', problem: `${field} ${nodePort} is set but serviceType is ${serviceType ?? 'ClusterIP'}`, fix: `set serviceType: kplus.ServiceType.NODE_PORT, or remove ${field}.` });
  }
  if (!Number.isInteger(nodePort) || nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max) {
    guard.fail({ field, value: String(nodePort), ruleId: 'CKP803', problem: `${field} ${nodePort} is outside the NodePort range ${NODE_PORT_RANGE.min}–${NODE_PORT_RANGE.max}`, fix: `pick a ${field} from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max}, or leave it out to have one allocated.` });
  }
}
