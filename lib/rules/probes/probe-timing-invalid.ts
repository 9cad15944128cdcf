import { containersOf, POD_KINDS, PROBE_FIELDS } from '../k8s';
import { Rule, Violation } from '../types';

/** The API's minimums for probe fields (kubernetes.io, "Configure Probes"). */
const MINIMUMS: Record<string, number> = {
  initialDelaySeconds: 0,
  periodSeconds: 1,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 1,
};

const MINIMUM_ENTRIES = Object.entries(MINIMUMS);

export const probeTimingInvalid: Rule = {
  id: 'CKP204',
  name: 'probe-timing-invalid',
  level: 'error',
  summary: 'Probe timing is possible: every field at or above its API minimum and the timeout shorter than the period.',
  why: 'Negative values are rejected by the API server; zero periods, timeouts and thresholds are silently replaced by the '
    + 'defaults, so the probe does not do what the manifest says; and a timeout as long as the period means one slow answer '
    + 'overlaps the next probe, so a briefly busy app fails several probes at once.',
  fix: 'Use initialDelaySeconds ≥ 0, periodSeconds ≥ 1, timeoutSeconds ≥ 1 and shorter than periodSeconds, successThreshold ≥ 1, failureThreshold ≥ 1.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      for (const probeField of PROBE_FIELDS) {
        const probe = c.container[probeField];
        if (!probe || typeof probe !== 'object') continue;
        for (const [field, min] of MINIMUM_ENTRIES) {
          const v = probe[field];
          if (v === undefined) continue;
          if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
            out.push({ field: `${c.path}.${probeField}.${field}`, value: v, container: c.name, message: `${probeField}.${field} is ${JSON.stringify(v)}, but must be an integer of at least ${min}` });
          }
        }
        const period = probe.periodSeconds ?? 10;
        const timeout = probe.timeoutSeconds ?? 1;
        if (typeof period === 'number' && typeof timeout === 'number' && period >= 1 && timeout >= period) {
          out.push({
            field: `${c.path}.${probeField}.timeoutSeconds`,
            value: timeout,
            container: c.name,
            message: `${probeField}.timeoutSeconds (${timeout}s) is not shorter than periodSeconds (${period}s)`,
            fix: `Lower timeoutSeconds below ${period}s or raise periodSeconds above ${timeout}s.`,
          });
        }
      }
    }
    return out;
  },
};
