import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct, Node } from 'constructs';

/**
 * Synthesizes `app` like `app.synth()`, byte for byte, in time linear in the number of charts.
 *
 * cdk8s 2.70's `App.synth()` calls `chart.toJson()` per chart, and each of those re-resolves the
 * dependencies and re-runs every validation of the whole app: N charts cost N full validations.
 * Here the app is validated and its dependencies resolved once, then each chart is written.
 *
 * Output types other than one file per chart or per app, and construct metadata recording, fall
 * back to `app.synth()`.
 */
export function synthApp(app: App): void {
  // recordConstructMetadata is private in cdk8s; bracket access reads it without widening types.
  if (app['recordConstructMetadata'] || (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART && app.yamlOutputType !== YamlOutputType.FILE_PER_APP)) {
    app.synth();
    return;
  }
  const all = app.node.findAll();
  jsonCache = new WeakMap();
  try {
    validate(all);
    const hasDependantCharts = resolveDependencies(all);
    fs.mkdirSync(app.outdir, { recursive: true });
    const charts = app.charts;
    if (app.yamlOutputType === YamlOutputType.FILE_PER_APP) {
      if (charts.length > 0) Yaml.save(path.join(app.outdir, `app${app.outputFileExtension}`), charts.flatMap(chartObjects));
      return;
    }
    charts.forEach((chart, index) => {
      const label = Names.toDnsLabel(chart);
      const name = hasDependantCharts ? `${index.toString().padStart(4, '0')}-${label}` : label;
      Yaml.save(path.join(app.outdir, name + app.outputFileExtension), chartObjects(chart));
    });
  } finally {
    jsonCache = undefined;
  }
}

/**
 * During {@link synthApp}, the JSON of each object as first rendered (by our rules' validation),
 * reused for the output: nothing mutates objects between validation and writing. Outside it, no cache.
 */
let jsonCache: WeakMap<ApiObject, any> | undefined;

/** An object's JSON; rendered once per synthApp run. */
export function apiObjectJson(o: ApiObject): any {
  if (!jsonCache) return o.toJson();
  let json = jsonCache.get(o);
  if (json === undefined) {
    json = o.toJson();
    jsonCache.set(o, json);
  }
  return json;
}

/** The JSON of a chart's own objects, in dependency order (cdk8s' chartToKube). */
function chartObjects(chart: Chart): any[] {
  return new DependencyGraph(chart.node).topology()
    .filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart)
    .map(apiObjectJson);
}

/** Runs every construct's validations once; throws what cdk8s' own validation throws. */
function validate(all: IConstruct[]): void {
  const errors: string[] = [];
  for (const c of all) {
    for (const error of c.node.validate()) errors.push(`[${c.node.path}] ${error}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * cdk8s' resolveDependencies (app.ts), which it does not export: turns nested charts and implicit
 * construct dependencies into explicit chart and ApiObject dependencies. Returns whether any chart
 * depends on another (then file names get an index prefix, as in cdk8s).
 */
function resolveDependencies(all: IConstruct[]): boolean {
  let hasDependantCharts = false;
  const findAll = memo((n: Node) => n.findAll());
  for (const parent of all.filter((x): x is Chart => Chart.isChart(x))) {
    for (const child of parent.node.children.filter(x => Chart.isChart(x))) {
      parent.node.addDependency(child);
      hasDependantCharts = true;
    }
  }
  for (const dep of dependencies(all)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  // cdk8s lists the dependencies again here, so the chart dependencies added above take part.
  for (const dep of dependencies(all)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    const targets = findAll(dep.target.node).filter(x => ApiObject.isApiObject(x) && Chart.of(x) === targetChart);
    const sources = findAll(dep.source.node).filter(x => ApiObject.isApiObject(x) && Chart.of(x) === sourceChart);
    for (const t of targets) for (const s of sources) if (t !== s) s.node.addDependency(t);
  }
  return hasDependantCharts;
}

/** Every (construct, dependency) pair, listed before any is added (cdk8s' buildDependencies). */
function dependencies(all: IConstruct[]): { source: IConstruct; target: IConstruct }[] {
  const deps: { source: IConstruct; target: IConstruct }[] = [];
  for (const c of all) for (const target of c.node.dependencies) deps.push({ source: c, target });
  return deps;
}

function memo<K, V>(fn: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return k => {
    if (!cache.has(k)) cache.set(k, fn(k));
    return cache.get(k)!;
  };
}
