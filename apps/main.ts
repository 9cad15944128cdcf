import { App } from 'cdk8s';
import { FrontendChart } from './frontend';
import { HttpServerChart } from './httpserver';
import { RateLimitedChart } from './ratelimited';

/** Every app of this repository, one chart (one file in dist/) each. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new HttpServerChart(app);
  new FrontendChart(app);
  new RateLimitedChart(app);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
