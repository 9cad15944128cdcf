import { containersOf, fmtSeconds, LONG_RUNNING_KINDS, probeTiming } from '../k8s';
import { Rule, Violation } from '../types';

/** A probe's handler with the API defaults applied and named ports resolved, as a comparable string. */
function handlerKey(probe: any, container: any): string | undefined {
  const port = (p: unknown) => {
    const named = typeof p === 'string' && Array.isArray(container.ports) ? container.ports.find((x: any) => x?.name === p) : undefined;
    return named?.containerPort ?? p;
  };
  if (probe.httpGet) {
    const h = probe.httpGet;
    return JSON.stringify(['httpGet', h.host ?? '', h.scheme ?? 'HTTP', port(h.port), h.path ?? '/', h.httpHeaders ?? []]);
  }
  if (probe.tcpSocket) return JSON.stringify(['tcpSocket', probe.tcpSocket.host ?? '', port(probe.tcpSocket.port)]);
  if (probe.grpc) return JSON.stringify(['grpc', probe.grpc.port, probe.grpc.service ?? '']);
  if (probe.exec) return JSON.stringify(['exec', probe.exec.command ?? []]);
  return undefined;
}

/** How long a probe fails before it acts: failureThreshold consecutive failures, one period apart. */
function failureWindow(probe: any): number {
  const t = probeTiming(probe);
  return t.failureThreshold * t.periodSeconds;
}

export const readinessEqualsLiveness: Rule = {
  id: 'CKP206',
  name: 'readiness-equals-liveness',
  level: 'warning',
  summary: 'A liveness probe that checks what the readiness probe checks tolerates failures for longer than it.',
  why: 'Readiness failing takes a busy pod out of the Service until it recovers; liveness failing restarts it. When both probe the '
    + 'same endpoint and give up as fast, a pod that is merely overloaded is restarted instead of rested, its load moves to the '
    + 'other pods, and they fail the same way: a restart cascade instead of a slowdown.',
  fix: 'Give liveness a longer failure window than readiness (a higher failureThreshold or periodSeconds), or point it at a '
    + 'cheaper endpoint that only says whether the process is alive.',
  kinds: LONG_RUNNING_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const { readinessProbe: readiness, livenessProbe: liveness } = c.container;
      if (!readiness || !liveness) continue;
      // The windows first: they are cheaper than the handlers' keys, and a violation needs both.
      const live = failureWindow(liveness);
      const ready = failureWindow(readiness);
      if (live > ready) continue;
      const handler = handlerKey(liveness, c.container);
      if (handler === undefined || handler !== handlerKey(readiness, c.container)) continue;
      out.push({
        field: `${c.path}.livenessProbe`,
        container: c.name,
        message: `livenessProbe checks the same ${JSON.parse(handler)[0]} endpoint as readinessProbe and gives up ${live === ready ? 'as fast' : 'faster'} `
          + `(${fmtSeconds(live)} vs ${fmtSeconds(ready)} of failures): a busy pod is restarted instead of taken out of rotation`,
        fix: `Raise the livenessProbe's failureThreshold × periodSeconds above ${fmtSeconds(ready)} (the readiness window), or give it a cheaper endpoint.`,
      });
    }
    return out;
  },
};
