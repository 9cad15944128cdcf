import { Size, Testing } from 'cdk8s';
import { GracefulWebApp, GracefulWebAppProps, HealthCheck, kplus } from '../../lib';
import { chart } from '../util';

/** A valid GracefulWebApp's props, for tests of one production prop at a time. */
export const webBase: GracefulWebAppProps = {
  image: 'registry.example/web:1.0.0',
  port: 8080,
  readiness: HealthCheck.httpGet('/healthz'),
  resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(256) } },
};

/** Synthesizes a GracefulWebApp with `props` over {@link webBase}. */
export function synthWebApp(props: Partial<GracefulWebAppProps> = {}) {
  const c = chart();
  const app = new GracefulWebApp(c, 'web', { ...webBase, ...props });
  const out = Testing.synth(c);
  const of = (kind: string) => out.find(o => o.kind === kind);
  return { c, app, out, of };
}

/** The rule id of the PatternError `fn` throws. */
export function ruleIdOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e: any) {
    return e.ruleId ?? (/\[(CKP\d+)\]/.exec(String(e.message))?.[1]);
  }
  return undefined;
}
