import { podSpecOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { INT32_MAX } from '../../validation/formats';

type Bounds = Record<string, [number, number]>;

/** int64 fields are bounded here by what JSON numbers carry exactly. */
const INT64_SAFE = Number.MAX_SAFE_INTEGER;

/** Counts and seconds of workloads: field → [min, max]. */
const WORKLOAD_FIELDS: Record<string, Bounds> = {
  Deployment: { replicas: [0, INT32_MAX], minReadySeconds: [0, INT32_MAX], progressDeadlineSeconds: [1, INT32_MAX], revisionHistoryLimit: [0, INT32_MAX] },
  StatefulSet: { replicas: [0, INT32_MAX], minReadySeconds: [0, INT32_MAX], revisionHistoryLimit: [0, INT32_MAX] },
  Job: { activeDeadlineSeconds: [1, INT64_SAFE], backoffLimit: [0, INT32_MAX], completions: [0, INT32_MAX], parallelism: [0, INT32_MAX], ttlSecondsAfterFinished: [0, INT32_MAX] },
  CronJob: { startingDeadlineSeconds: [0, INT64_SAFE], successfulJobsHistoryLimit: [0, INT32_MAX], failedJobsHistoryLimit: [0, INT32_MAX] },
};
const JOB_TEMPLATE = WORKLOAD_FIELDS.Job;
const POD_FIELDS: Bounds = { terminationGracePeriodSeconds: [0, INT64_SAFE], activeDeadlineSeconds: [1, INT64_SAFE] };

const NO_FIELDS: Bounds = {};

/** The tables' entries, listed once (not once per object). */
const ENTRIES = new Map<Bounds, [string, [number, number]][]>();
const entriesOf = (fields: Bounds) => ENTRIES.get(fields) ?? ENTRIES.set(fields, Object.entries(fields)).get(fields)!;

export const integerFieldInvalid: Rule = {
  id: 'CKP828',
  name: 'integer-field-invalid',
  level: 'error',
  summary: 'Counts and seconds of workloads and pods (replicas, revisionHistoryLimit, *Seconds, backoffLimit, history limits) are whole numbers within the API\'s range.',
  why: 'The API server rejects a negative, fractional or overflowing count or duration (an int32 field past 2147483647), so the workload '
    + 'is never created; a duration prop that is not whole seconds cannot be written at all.',
  fix: 'Use a whole number in range: seconds as whole seconds (Duration.seconds(n)), counts from 0 (replicas from 1).',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    const check = (holder: any, fields: Bounds, path: string) => {
      if (!holder || typeof holder !== 'object') return;
      for (const [key, [min, max]] of entriesOf(fields)) {
        const v = holder[key];
        if (v === undefined) continue;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
          out.push({ field: `${path}.${key}`, value: v, message: `${key} ${JSON.stringify(v)} is not a whole number in ${min}–${max}` });
        }
      }
    };
    check(obj.spec, WORKLOAD_FIELDS[obj.kind as string] ?? NO_FIELDS, 'spec');
    if (obj.kind === 'CronJob') check(obj.spec?.jobTemplate?.spec, JOB_TEMPLATE, 'spec.jobTemplate.spec');
    const pod = podSpecOf(obj);
    if (pod) check(pod.spec, POD_FIELDS, pod.path);
    return out;
  },
};
