import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { stringifyDocument } from './yaml-print';

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
  cache = new RenderCache();
  try {
    validate(all, cache);
    const hasDependantCharts = resolveDependencies(all);
    fs.mkdirSync(app.outdir, { recursive: true });
    const order = new Topology(all);
    const charts = order.charts(app);
    if (app.yamlOutputType === YamlOutputType.FILE_PER_APP) {
      if (charts.length > 0) save(path.join(app.outdir, `app${app.outputFileExtension}`), charts.flatMap(c => order.chartObjects(c)), cache);
      return;
    }
    charts.forEach((chart, index) => {
      const label = Names.toDnsLabel(chart);
      const name = hasDependantCharts ? `${index.toString().padStart(4, '0')}-${label}` : label;
      save(path.join(app.outdir, name + app.outputFileExtension), order.chartObjects(chart), cache!);
    });
  } finally {
    cache = undefined;
  }
}

/**
 * During {@link synthApp}, each object rendered once: its JSON as first rendered (by our rules'
 * validation), then, once the validation that rendered it is done, only its YAML text, for the
 * output (text is a fraction of the memory of the objects). Nothing mutates objects between
 * validation and writing. Outside synthApp, no cache.
 */
class RenderCache {
  private readonly json = new Map<ApiObject, any>();
  private readonly yaml = new WeakMap<ApiObject, string>();

  public toJson(o: ApiObject): any {
    let json = this.json.get(o);
    if (json === undefined) {
      json = o.toJson();
      this.json.set(o, json);
    }
    return json;
  }

  /** Keeps the objects rendered so far as YAML text only. */
  public compact(): void {
    for (const [o, json] of this.json) this.yaml.set(o, stringifyDocument(json));
    this.json.clear();
  }

  public toYaml(o: ApiObject): string {
    return this.yaml.get(o) ?? stringifyDocument(this.json.get(o) ?? o.toJson());
  }
}

let cache: RenderCache | undefined;

/** An object's JSON; rendered once per synthApp validation. */
export function apiObjectJson(o: ApiObject): any {
  return cache ? cache.toJson(o) : o.toJson();
}

/**
 * cdk8s' `Yaml.save(file, objects.map(o => o.toJson()))`, byte for byte: documents joined by `---`,
 * printed by {@link stringifyDocument}, written in pieces so the whole file is never one string.
 */
function save(file: string, objects: ApiObject[], rendered: RenderCache): void {
  const fd = fs.openSync(file, 'w');
  try {
    let chunk = '';
    objects.forEach((o, i) => {
      chunk += i === 0 ? rendered.toYaml(o) : `---\n${rendered.toYaml(o)}`;
      if (chunk.length >= 1 << 16) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    });
    if (chunk.length > 0) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The order cdk8s writes charts and objects in (`DependencyGraph(...).topology()`), found without
 * building the graph when no construct has a dependency: then the topology is the tree's preorder.
 */
class Topology {
  private readonly simple: boolean;

  // cdk8s keys its graph by path in a plain object, which lists integer-like keys (charts with a
  // numeric id) first; constructs keeps children the same way, so the preorder agrees.
  constructor(private readonly all: IConstruct[]) {
    this.simple = all.every(c => c.node.dependencies.length === 0);
  }

  /** `app.charts`. */
  public charts(app: App): Chart[] {
    return this.simple ? this.all.filter((x): x is Chart => x instanceof Chart) : app.charts;
  }

  /** The chart's own objects, in dependency order (cdk8s' chartToKube). */
  public chartObjects(chart: Chart): ApiObject[] {
    const ordered = this.simple ? chart.node.findAll() : new DependencyGraph(chart.node).topology();
    return ordered.filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart);
  }
}

/** Runs every construct's validations once; throws what cdk8s' own validation throws. */
function validate(all: IConstruct[], rendered: RenderCache): void {
  const errors: string[] = [];
  for (const c of all) {
    for (const error of c.node.validate()) errors.push(`[${c.node.path}] ${error}`);
    rendered.compact();
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
