import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { BoundedJob, BoundedJobProps, computeQosClass, HealthCheck, kplus, QosClass, SharedVolume } from '../../lib';
import { chart } from '../util';

const base: BoundedJobProps = {
  image: 'registry.example/migrate:2.4.1',
  activeDeadline: Duration.minutes(30),
  resources: { requests: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(128) } },
};

function synthJob(props: Partial<BoundedJobProps> = {}) {
  const c = chart();
  const job = new BoundedJob(c, 'migrate', { ...base, ...props });
  return { c, job, out: Testing.synth(c) };
}

const jobOf = (props: Partial<BoundedJobProps> = {}) => synthJob(props).out.find(o => o.kind === 'Job');
const podOf = (j: any) => j.spec.template.spec;
const main = (j: any) => podOf(j).containers[0];

describe('BoundedJob defaults', () => {
  test('the Job is the default child', () => {
    const { job } = synthJob();
    expect(ApiObject.of(job).kind).toBe('Job');
    expect(job.node.defaultChild).toBe(job.job);
  });

  test('objects: Job and NetworkPolicy (no Service: a Job serves nothing)', () => {
    expect(synthJob().out.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Job/migrate', 'NetworkPolicy/migrate']);
  });

  test('bounded: the deadline given, 2 retries, cleaned up a day after it finishes, a new pod per attempt', () => {
    const j = jobOf();
    expect(j.spec).toMatchObject({ activeDeadlineSeconds: 1800, backoffLimit: 2, ttlSecondsAfterFinished: 86400 });
    expect(podOf(j).restartPolicy).toBe('Never');
    expect(j.spec.completions).toBeUndefined();
    expect(j.spec.parallelism).toBeUndefined();
  });

  test('disruptions (preemption, drains, evictions) do not count against backoffLimit', () => {
    expect(jobOf().spec.podFailurePolicy).toEqual({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] });
  });

  test('no probes at all', () => {
    const c = main(jobOf());
    expect(Object.keys(c).filter(k => /Probe$/.test(k))).toEqual([]);
  });

  test('the shared pod practices: pinned image, Guaranteed QoS, restricted security, Downward API env', () => {
    const { out, job } = synthJob();
    const j = out.find(o => o.kind === 'Job');
    expect(main(j)).toMatchObject({ name: 'migrate', image: 'registry.example/migrate:2.4.1', imagePullPolicy: 'Always' });
    expect(main(j).resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '250m', memory: '128Mi' } });
    expect(job.qos).toBe(QosClass.GUARANTEED);
    expect(podOf(j).securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(podOf(j).automountServiceAccountToken).toBe(false);
    expect(main(j).securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(main(j).env.map((e: any) => e.name)).toContain('POD_NAME');
  });

  test('NetworkPolicy: selects the Job\'s pods, denies all ingress, allows DNS and the declared egress', () => {
    const postgres = kplus.Pods.select(chart(), 'Db', { labels: { app: 'postgres' } });
    const { out } = synthJob({ egress: [{ peer: postgres, ports: [kplus.NetworkPolicyPort.tcp(5432)] }] });
    const np = out.find(o => o.kind === 'NetworkPolicy');
    const j = out.find(o => o.kind === 'Job');
    expect(np.spec.podSelector.matchLabels).toEqual({ 'cdk8s.io/metadata.addr': j.spec.template.metadata.labels['cdk8s.io/metadata.addr'] });
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.ingress).toBeUndefined();
    expect(np.spec.egress.map((r: any) => r.ports.map((p: any) => `${p.protocol}/${p.port}`).join(','))).toEqual(['UDP/53,TCP/53', 'TCP/5432']);
  });

  test('Polaris exemptions, each with the reason it is true', () => {
    const a = jobOf().metadata.annotations;
    expect(a['polaris.fairwinds.com/missingNetworkPolicy-exempt']).toBe('true');
    expect(a['polaris.fairwinds.com/missingNetworkPolicy-exempt-reason']).toMatch(/NetworkPolicy 'migrate' denies all ingress/);
    expect(a['polaris.fairwinds.com/priorityClassNotSet-exempt-reason']).toMatch(/no priorityClassName given/);
    const ranked = jobOf({ priorityClassName: 'batch-low' });
    expect(podOf(ranked).priorityClassName).toBe('batch-low');
    expect(ranked.metadata.annotations['polaris.fairwinds.com/priorityClassNotSet-exempt']).toBeUndefined();
  });

  test('recommended labels on every object and the pods; component job', () => {
    const { out } = synthJob();
    for (const labels of [...out.map(o => o.metadata.labels), out[0].spec.template.metadata.labels]) {
      expect(labels).toMatchObject({ 'app.kubernetes.io/instance': 'migrate', 'app.kubernetes.io/component': 'job', 'app.kubernetes.io/version': '2.4.1' });
    }
  });

  test('no rule finding at all', () => {
    expect(synthJob().job.rules.findings()).toEqual([]);
  });
});

describe('BoundedJob options', () => {
  test('non-retryable exit codes fail the Job at once, matched on the main container, sorted', () => {
    expect(jobOf({ nonRetryableExitCodes: [3, 2, 3] }).spec.podFailurePolicy.rules[1]).toEqual({
      action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [2, 3] }, onPodConditions: [],
    });
  });

  test('ignoreDisruptions: false leaves disruptions counted', () => {
    expect(jobOf({ ignoreDisruptions: false }).spec.podFailurePolicy).toBeUndefined();
  });

  test('OnFailure: restarts in place, no podFailurePolicy', () => {
    const j = jobOf({ restartPolicy: kplus.RestartPolicy.ON_FAILURE });
    expect(podOf(j).restartPolicy).toBe('OnFailure');
    expect(j.spec.podFailurePolicy).toBeUndefined();
  });

  test('completions, parallelism, backoffLimit 0 and a TTL of 0 are written as given', () => {
    expect(jobOf({ completions: 6, parallelism: 3, backoffLimit: 0, ttlAfterFinished: Duration.seconds(0) }).spec)
      .toMatchObject({ completions: 6, parallelism: 3, backoffLimit: 0, ttlSecondsAfterFinished: 0 });
  });

  test('expectedRuntime is recorded on the Job; a deadline that fits every attempt passes', () => {
    // 5m × 3 attempts + 10s + 20s = 15m30s
    const j = jobOf({ expectedRuntime: Duration.minutes(5), activeDeadline: Duration.seconds(930) });
    expect(j.metadata.annotations['cdk8s-patterns/expected-runtime']).toBe('5m');
  });

  test('config and Burstable QoS come from the shared blocks', () => {
    const { out, job } = synthJob({ config: { data: { DB_HOST: 'postgres' } }, qos: QosClass.BURSTABLE, resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) }, limits: { memory: Size.mebibytes(128) } } });
    expect(out.find(o => o.kind === 'ConfigMap').metadata.name).toBe('migrate-config');
    expect(job.qos).toBe(QosClass.BURSTABLE);
  });
});

describe('BoundedJob bad input fails with the rule id, field and fix', () => {
  const fails = (props: Partial<BoundedJobProps>, pattern: RegExp) => expect(() => synthJob(props)).toThrow(pattern);

  test('no activeDeadline', () => fails({ activeDeadline: undefined }, /^BoundedJob 'test\/migrate': has no activeDeadline, so a failing or hung Job runs without a time limit \[CKP601\]\. Fix: set activeDeadline/));
  test('activeDeadline 0', () => fails({ activeDeadline: Duration.seconds(0) }, /activeDeadline \(0s\) must be at least 1s \[CKP601\]/));
  test('activeDeadline shorter than expectedRuntime × (backoffLimit + 1), with the arithmetic', () => fails(
    { expectedRuntime: Duration.minutes(10), activeDeadline: Duration.minutes(20) },
    /^BoundedJob 'test\/migrate': activeDeadline \(20m\) is shorter than expected runtime \(10m\) × 3 attempts \(backoffLimit 2 \+ 1\) \+ retry delays \(10s \+ 20s\) = 30m30s: the last attempts are killed before they can finish \[CKP612\]\. Fix: raise activeDeadline to at least 30m30s, or lower backoffLimit\.$/));
  test('the arithmetic follows backoffLimit', () => {
    expect(() => synthJob({ expectedRuntime: Duration.minutes(10), activeDeadline: Duration.seconds(1210), backoffLimit: 1 })).not.toThrow();
    fails({ expectedRuntime: Duration.minutes(10), activeDeadline: Duration.seconds(1209), backoffLimit: 1 }, /× 2 attempts \(backoffLimit 1 \+ 1\) \+ retry delays \(10s\) = 20m10s.*\[CKP612\]/);
    expect(() => synthJob({ expectedRuntime: Duration.minutes(10), activeDeadline: Duration.minutes(20), backoffLimit: 0 })).not.toThrow();
  });
  test('negative backoffLimit', () => fails({ backoffLimit: -1 }, /backoffLimit \(-1\) must be a whole number of at least 0 \[CKP610\]\. Fix: set backoffLimit to 0 or more \(0: no retries\)/));
  test('fractional completions', () => fails({ completions: 1.5 }, /completions \(1\.5\) must be a whole number.*\[CKP610\]/));
  test('parallelism above completions', () => fails({ completions: 2, parallelism: 4 }, /parallelism \(4\) exceeds completions \(2\).*\[CKP611\]/));
  test('restartPolicy Always', () => fails({ restartPolicy: kplus.RestartPolicy.ALWAYS }, /restartPolicy Always is not valid for a Job.*\[CKP608\]/));
  test('OnFailure with non-retryable exit codes', () => fails({ restartPolicy: kplus.RestartPolicy.ON_FAILURE, nonRetryableExitCodes: [2] }, /cannot be combined with nonRetryableExitCodes.*\[CKP608\]/));
  test('OnFailure with ignoreDisruptions', () => fails({ restartPolicy: kplus.RestartPolicy.ON_FAILURE, ignoreDisruptions: true }, /cannot be combined with ignoreDisruptions.*\[CKP608\]/));
  test.each([0, 256, 1.5])('exit code %p', code => fails({ nonRetryableExitCodes: [code] }, new RegExp(`exit code ${code} is not a failure exit code \\(1–255\\) \\[CKP609\\]`)));
  test('a readiness probe passed anyway (plain JS, a cast)', () => fails({ readiness: HealthCheck.httpGet('/healthz') } as any, /sets readiness, but a Job's container runs to completion.*\[CKP607\]/));
  test('a probe added through an escape hatch fails synth', () => {
    const c = chart();
    const job = new BoundedJob(c, 'migrate', base);
    ApiObject.of(job.job).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/livenessProbe', { exec: { command: ['pg_isready'] } }));
    expect(() => Testing.synth(c)).toThrow(/BoundedJob 'test\/migrate': Job 'migrate' container 'migrate': has a livenessProbe.*\[CKP607\]/);
  });
  test('a mutable image tag', () => fails({ image: 'registry.example/migrate:latest' }, /\[CKP101\]/));
  test('a name longer than 63 characters', () => fails({ name: 'm'.repeat(64) }, /is 64 characters long \(at most 63\) \[CKP801\]/));
});

describe('BoundedJob suppressions', () => {
  test('retrying without a deadline, deliberately: written into the Job, reported as suppressed', () => {
    const { out, job } = synthJob({ activeDeadline: undefined, suppressions: [{ id: 'CKP601', reason: 'queue consumer: runs until the queue is drained, restarts are cheap' }] });
    const j = out.find(o => o.kind === 'Job');
    expect(j.spec.activeDeadlineSeconds).toBeUndefined();
    expect(j.metadata.annotations['cdk8s-patterns/suppress.CKP601']).toMatch(/queue consumer/);
    expect(job.rules.findings().map(f => [f.rule.id, f.suppressed?.source])).toEqual([['CKP601', 'annotation']]);
  });
});

test('snapshot: all defaults', () => {
  expect(synthJob().out).toMatchSnapshot();
});

describe('BoundedJob init containers (issue 6 composition)', () => {
  const small = { requests: { cpu: kplus.Cpu.millis(50), memory: Size.mebibytes(32) } };

  test('run in order before the job, share a volume with it, and count in the QoS class', () => {
    const schema = SharedVolume.emptyDir('schema');
    const { job, out } = synthJob({
      initContainers: [
        { name: 'wait-for-db', image: 'busybox:1.36.1', command: ['sh', '-c', 'until nc -z db 5432; do sleep 2; done'], resources: small },
        { name: 'fetch-schema', image: 'busybox:1.36.1', command: ['cp', '-r', '/schema/.', '/work'], resources: small, mounts: [schema.at('/work')] },
      ],
      mounts: [schema.at('/schema', { readOnly: true })],
    });
    const pod = podOf(out.find(o => o.kind === 'Job'));
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-db', 'fetch-schema']);
    expect(pod.initContainers[1].volumeMounts).toContainEqual({ mountPath: '/work', name: 'schema' });
    expect(main({ spec: { template: { spec: pod } } }).volumeMounts).toContainEqual({ mountPath: '/schema', name: 'schema', readOnly: true });
    expect(job.initContainers).toHaveLength(2);
    expect(job.qosClass).toBe(computeQosClass(pod));
    expect(job.qosClass).toBe('Guaranteed');
  });

  test('an init container with a probe fails with CKP205', () => {
    const probed = { name: 'wait', image: 'busybox:1.36.1', command: ['true'], resources: small, readiness: HealthCheck.exec(['true']) } as any;
    expect(() => synthJob({ initContainers: [probed] })).toThrow(/\[CKP205\]/);
  });

  test('sidecars are not a BoundedJob prop; given anyway (JavaScript) they fail with CKP614', () => {
    const sidecar = { name: 'proxy', image: 'envoyproxy/envoy:v1.28.0', ports: [{ number: 9901 }], readiness: HealthCheck.tcpSocket({ port: 9901 }), resources: small };
    expect(() => synthJob({ sidecars: [sidecar] } as any)).toThrow(/^BoundedJob 'test\/migrate': has sidecars, but a sidecar never exits.*\[CKP614\]\. Fix: /);
    // Suppressed, the sidecar is added as given, and its required readiness probe meets CKP607.
    expect(() => synthJob({ sidecars: [sidecar], suppressions: [{ id: 'CKP614', reason: 'the proxy exits when /shared/done appears' }] } as any))
      .toThrow(/container 'proxy': has a readinessProbe.*\[CKP607\]/);
  });
});
