import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from '../plus';
import { validateBoundedJobProps } from '../validation/constructs';
import { BatchWorkloadProps, BoundedBatchWorkload } from './bounded-batch-workload';

/** Props of {@link BoundedJob}. */
export interface BoundedJobProps extends BatchWorkloadProps {
  /**
   * How long a finished Job (and its pods) is kept before Kubernetes deletes it: long enough to read the
   * logs of a failure (rule CKP603).
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * Run-to-completion work that cannot retry forever: a required deadline, few retries, exit codes that
 * fail at once, disruptions that do not count as failures, cleanup after it finishes, no probes, and the
 * shared pod practices (pinned image, declared QoS, restricted security, a NetworkPolicy).
 */
export class BoundedJob extends BoundedBatchWorkload<kplus.Job> {
  public readonly job: kplus.Job;

  constructor(scope: Construct, id: string, props: BoundedJobProps) {
    super(scope, id, props, {
      constructType: 'BoundedJob',
      component: 'job',
      validate: validateBoundedJobProps,
      create: (self, _guard, common) => new kplus.Job(self, 'Resource', { ...common, ttlAfterFinished: props.ttlAfterFinished ?? Duration.days(1) }),
    });
    this.job = this.workload;
  }
}
