import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size, Testing, YamlOutputType } from 'cdk8s';
import { buildApp } from '../apps/main';
import { GracefulWebApp, HealthCheck, kplus, synthApp } from '../lib';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-synth-'));
}

function read(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function web(scope: Chart, id: string) {
  return new GracefulWebApp(scope, id, {
    image: 'registry.example/web:1.0.0', port: 8080, readiness: HealthCheck.httpGet('/healthz'),
    resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } },
  });
}

describe('synthApp', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tmp();
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

  test('is byte-identical to app.synth() on every app of this repository', () => {
    const a = dir();
    const b = dir();
    buildApp(a).synth();
    synthApp(buildApp(b));
    expect(Object.keys(read(a)).length).toBeGreaterThan(0);
    expect(read(b)).toEqual(read(a));
  });

  test('is byte-identical with dependent charts (index-prefixed file names, dependency order)', () => {
    const build = (outdir: string) => {
      const app = new App({ outdir });
      const db = new Chart(app, 'db');
      const front = new Chart(app, 'front');
      web(db, 'db');
      const f = web(front, 'front');
      front.addDependency(db);
      f.node.addDependency(db);
      return app;
    };
    const a = dir();
    const b = dir();
    build(a).synth();
    synthApp(build(b));
    expect(Object.keys(read(b))).toEqual(['0000-db.k8s.yaml', '0001-front.k8s.yaml']);
    expect(read(b)).toEqual(read(a));
  });

  test('is byte-identical for one file per app', () => {
    const build = (outdir: string) => {
      const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_APP });
      web(new Chart(app, 'one'), 'one');
      web(new Chart(app, 'two'), 'two');
      return app;
    };
    const a = dir();
    const b = dir();
    build(a).synth();
    synthApp(build(b));
    expect(read(b)).toEqual(read(a));
  });

  test('is byte-identical with numeric chart ids in one file per app (cdk8s orders them first)', () => {
    const build = (outdir: string) => {
      const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_APP });
      for (const id of ['web', '10', '2', 'api']) {
        const chart = new Chart(app, id);
        web(chart, `a${id}`);
        web(chart, `b${id}`);
      }
      return app;
    };
    const a = dir();
    const b = dir();
    build(a).synth();
    synthApp(build(b));
    const text = read(b)['app.k8s.yaml'];
    expect(text.indexOf('name: a2')).toBeLessThan(text.indexOf('name: a10'));
    expect(text.indexOf('name: a10')).toBeLessThan(text.indexOf('name: aweb'));
    expect(read(b)).toEqual(read(a));
  });

  test('is byte-identical when objects in a chart depend on each other (dependency order)', () => {
    const build = (outdir: string) => {
      const app = new App({ outdir });
      const chart = new Chart(app, 'c');
      const first = web(chart, 'first');
      const second = web(chart, 'second');
      first.node.addDependency(second);
      return app;
    };
    const a = dir();
    const b = dir();
    build(a).synth();
    synthApp(build(b));
    expect(read(b)['c.k8s.yaml'].indexOf('name: second')).toBeLessThan(read(b)['c.k8s.yaml'].indexOf('name: first'));
    expect(read(b)).toEqual(read(a));
  });

  test('fails on validation errors like app.synth()', () => {
    const app = Testing.app({ outdir: dir() });
    new GracefulWebApp(new Chart(app, 'bad'), 'web', {
      image: 'nginx', port: 8080, readiness: HealthCheck.httpGet('/healthz'),
      resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(64) } },
    });
    expect(() => synthApp(app)).toThrow(/^Validation failed with the following errors:\n {2}\[bad\/web\] GracefulWebApp 'bad\/web': .*\[CKP101\]/);
  });
});
