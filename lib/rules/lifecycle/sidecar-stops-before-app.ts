import { containersOf, fmtSeconds, LONG_RUNNING_KINDS, podSpecOf, sleepSeconds } from '../k8s';
import { K8sObject, Rule, Violation } from '../types';

/** The pod template annotation naming the app container, the one every sidecar must outlive. */
export const APP_CONTAINER_ANNOTATION = 'cdk8s-patterns/app-container';
/** The pod template annotation with the longest the app runs after the pod is deleted (preStop + drain), in seconds. */
export const APP_STOP_ANNOTATION = 'cdk8s-patterns/app-stop-seconds';

export const sidecarStopsBeforeApp: Rule = {
  id: 'CKP303',
  name: 'sidecar-stops-before-app',
  level: 'error',
  summary: `In a pod that names its app container (annotation \`${APP_CONTAINER_ANNOTATION}\`), every other container's preStop `
    + `waits at least as long as the app takes to stop (\`${APP_STOP_ANNOTATION}\`).`,
  why: 'Kubernetes 1.27 has no native sidecars: every container of a deleted pod gets its preStop and then SIGTERM at once. A proxy '
    + 'sidecar that stops while the app still drains cuts the requests in flight through it, and a log or metrics sidecar loses '
    + 'the app\'s last words. Only a preStop wait at least as long as the app\'s preStop plus drain keeps the sidecar up until the app has exited.',
  fix: 'Give each sidecar a preStop that sleeps at least the app\'s stop time (`sleep <seconds>`, then its own shutdown command if any), '
    + 'and a terminationGracePeriodSeconds that covers that plus the sidecar\'s drain.',
  kinds: LONG_RUNNING_KINDS,
  appliesTo: obj => appContainer(obj) !== undefined,
  check(obj) {
    const pod = podSpecOf(obj)!;
    const metaPath = pod.path === 'spec' ? 'metadata' : pod.path.replace(/\.spec$/, '.metadata');
    const appName = appContainer(obj)!;
    const containers = containersOf(obj, { init: false });
    const app = containers.find(c => c.name === appName);
    if (!app) {
      return [{ field: `${metaPath}.annotations.${APP_CONTAINER_ANNOTATION}`, value: appName, message: `names app container '${appName}', which the pod does not have` }];
    }
    const declared = Number(pod.metadata?.annotations?.[APP_STOP_ANNOTATION]);
    const appStop = Math.max(Number.isFinite(declared) ? declared : 0, sleepSeconds(app.container.lifecycle?.preStop) ?? 0);
    const out: Violation[] = [];
    for (const c of containers) {
      if (c === app) continue;
      const wait = sleepSeconds(c.container.lifecycle?.preStop);
      if (wait !== undefined && wait >= appStop) continue;
      out.push({
        field: `${c.path}.lifecycle.preStop`,
        value: wait,
        container: c.name,
        message: wait === undefined
          ? `sidecar '${c.name}' has no preStop sleep, so it gets SIGTERM with the app and stops while '${appName}' still drains (up to ${fmtSeconds(appStop)})`
          : `sidecar '${c.name}' preStop waits ${fmtSeconds(wait)}, but '${appName}' may run for ${fmtSeconds(appStop)} after the pod is deleted: the sidecar stops first`,
        fix: `Make '${c.name}' preStop sleep at least ${fmtSeconds(appStop)} before its own shutdown, and keep terminationGracePeriodSeconds above that plus its drain.`,
      });
    }
    return out;
  },
};

function appContainer(obj: K8sObject): string | undefined {
  const name = podSpecOf(obj)?.metadata?.annotations?.[APP_CONTAINER_ANNOTATION];
  return typeof name === 'string' ? name : undefined;
}
