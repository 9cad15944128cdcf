import { containersOf, LONG_RUNNING_KINDS, servedPorts } from '../k8s';
import { Rule, Violation } from '../types';

export const readinessProbeMissing: Rule = {
  id: 'CKP201',
  name: 'readiness-probe-missing',
  level: 'error',
  summary: 'A container that serves a port (declares it, or is probed on it over HTTP or TCP) has a readiness probe.',
  why: 'Without a readiness probe a pod receives traffic the moment its process starts, before it can answer: a rolling update '
    + 'drops requests even with `maxUnavailable: 0`, because Kubernetes cannot tell a starting pod from a ready one.',
  fix: 'Add a `readinessProbe` (httpGet on a health path, or tcpSocket) on the port the container serves.',
  polaris: 'readinessProbeMissing',
  checkov: ['CKV_K8S_9'],
  kubeLinter: ['no-readiness-probe'],
  kinds: LONG_RUNNING_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const ports = servedPorts(c.container);
      if (ports.length > 0 && !c.container.readinessProbe) {
        const list = ports.join(', ');
        out.push({
          field: `${c.path}.readinessProbe`,
          container: c.name,
          message: `serves port ${list} but has no readinessProbe, so it gets traffic before it is ready`,
        });
      }
    }
    return out;
  },
};
