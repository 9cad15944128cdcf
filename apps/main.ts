import { App } from 'cdk8s';
import { FedoraDevChart } from './fedora-dev';
import { HttpServerChart } from './httpserver';
import { UbuntuDevChart } from './ubuntu-dev';

/** Every app of this repository, one chart (one file in dist/) each. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new HttpServerChart(app);
  new FedoraDevChart(app);
  new UbuntuDevChart(app);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
