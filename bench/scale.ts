// BENCH_N httpserver GracefulWebApps (as in apps/httpserver.ts), in one chart (BENCH_LAYOUT=one)
// or one chart each (each), written with synthApp into CDK8S_OUTDIR. BENCH_RULES=off replaces the
// rule pack's validation with a no-op, to measure what the rules cost. BENCH_SYNTH=app writes with
// cdk8s' own app.synth() instead (npm run bench checks that both write the same bytes).
import { App, Chart } from 'cdk8s';
import { HTTPSERVER } from '../apps/httpserver';
import { GracefulWebApp, RuleGuard, synthApp } from '../lib';

if (process.env.BENCH_RULES === 'off') {
  // Benchmark-only: the library has no switch to skip its rules.
  (RuleGuard.prototype as any).validate = () => [];
}

function httpserver(scope: Chart, id: string): void {
  new GracefulWebApp(scope, id, HTTPSERVER);
}

const app = new App();
const n = Number(process.env.BENCH_N ?? 1);
if (process.env.BENCH_LAYOUT === 'each') {
  for (let i = 0; i < n; i++) httpserver(new Chart(app, `httpserver${i}`, { namespace: 'httpserver' }), `httpserver${i}`);
} else {
  const chart = new Chart(app, 'httpserver', { namespace: 'httpserver' });
  for (let i = 0; i < n; i++) httpserver(chart, `httpserver${i}`);
}
if (process.env.BENCH_SYNTH === 'app') app.synth();
else synthApp(app);
