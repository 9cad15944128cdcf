/** Small manifest builders for rule tests: compliant with every rule unless overridden. */

/** The recommended labels CKP804 looks for. */
export const LABELS = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' };

/** A liveness probe for a serving container (CKP207), more tolerant than the readiness probe. */
export const LIVENESS = { tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 6 };

export function container(overrides: Record<string, any> = {}): any {
  return {
    name: 'app',
    image: 'registry.example/app:1.2.3',
    ports: [{ containerPort: 8080, name: 'http' }],
    readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, timeoutSeconds: 2 },
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    securityContext: { runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    ...overrides,
  };
}

export function deployment(podSpec: Record<string, any> = {}, spec: Record<string, any> = {}, metadata: Record<string, any> = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: LABELS, ...metadata },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', ...LABELS } }, spec: { containers: [container({ livenessProbe: LIVENESS })], ...podSpec } },
      ...spec,
    },
  };
}

export function job(podSpec: Record<string, any> = {}): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', labels: LABELS },
    spec: { template: { metadata: { labels: LABELS }, spec: { restartPolicy: 'Never', containers: [container({ ports: undefined, readinessProbe: undefined, lifecycle: undefined })], ...podSpec } } },
  };
}

export function cronJob(spec: Record<string, any> = {}, jobSpec: Record<string, any> = {}): any {
  const { spec: template } = job();
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report' },
    spec: { schedule: '0 2 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { ...template, activeDeadlineSeconds: 600, backoffLimit: 2, ...jobSpec } }, ...spec },
  };
}
