import { App } from 'cdk8s';
import { synthApp } from '../lib/synth';
import { FedoraDevChart } from './fedora-dev';
import { FrontendChart } from './frontend';
import { HttpServerChart } from './httpserver';
import { JobsChart } from './jobs';
import { MailFrontendChart } from './mail-frontend';
import { RateLimitedChart } from './ratelimited';
import { addShopCharts } from './shop';
import { UbuntuDevChart } from './ubuntu-dev';

/** Every app of this repository, one chart (one file in dist/) each. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new HttpServerChart(app);
  new JobsChart(app);
  new FedoraDevChart(app);
  new UbuntuDevChart(app);
  new FrontendChart(app);
  new RateLimitedChart(app);
  new MailFrontendChart(app);
  addShopCharts(app);
  return app;
}

if (require.main === module) {
  // Linear in the number of charts, byte-identical to app.synth() (test/synth.test.ts).
  synthApp(buildApp());
}
