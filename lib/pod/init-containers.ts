import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { addSpecContainer, ContainerSpecProps } from './extra-container';
import { RunAsProps } from './security';
import { PodVolumes } from './volumes';

/**
 * An init container: runs before the app containers start, in the order given, each to completion
 * (a failure restarts the sequence). It has no probes or lifecycle hooks (rule CKP205): it is done
 * when its command exits 0. Its resources count in the pod's QoS class.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 */
export interface InitContainerProps extends ContainerSpecProps {}

/**
 * Props an init container cannot have. TypeScript only rejects them in an object literal: a
 * `SidecarProps` value passed as an init container compiles, so they are checked at construction.
 */
const NOT_FOR_INIT = ['readiness', 'liveness', 'startup', 'startupTimeout', 'postStart', 'preStop', 'preStopCommand', 'lifecycle', 'readinessProbe', 'livenessProbe', 'startupProbe'];

/** Fails (CKP205) when an init container spec carries a probe or a lifecycle hook. */
export function checkInitContainer(guard: RuleGuard, spec: InitContainerProps, field: string): void {
  const present = NOT_FOR_INIT.filter(k => (spec as unknown as Record<string, unknown>)[k] !== undefined);
  if (present.length === 0) return;
  guard.fail({
    field: `${field}.${present[0]}`,
    value: present.join(', '),
    ruleId: 'CKP205',
    problem: `init container '${spec.name}' sets ${present.join(', ')}, but an init container runs to completion and cannot have probes or lifecycle hooks (the API server rejects them)`,
    fix: `remove ${present.join(', ')}; to wait for a dependency, loop in the command until it answers (e.g. until nc -z db 5432; do sleep 2; done).`,
  });
}

/** Adds the init containers to `workload`, in order. */
export function addInitContainers(scope: Construct, workload: kplus.Workload, guard: RuleGuard, specs: readonly InitContainerProps[], volumes: PodVolumes, runAs: RunAsProps): kplus.Container[] {
  return specs.map((spec, i) => {
    const field = `initContainers[${i}]`;
    checkInitContainer(guard, spec, field);
    return addSpecContainer(scope, workload, spec, { init: true, field, volumes, runAs });
  });
}
