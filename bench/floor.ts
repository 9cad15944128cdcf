// The floor: the same YAML as bench/scale.ts, written from plain objects with the `yaml` package
// (cdk8s' own YAML options), no constructs. BENCH_N copies, BENCH_LAYOUT=one|each, into CDK8S_OUTDIR.
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

const template: any[] = require('./httpserver.json');
const n = Number(process.env.BENCH_N ?? 1);
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
fs.mkdirSync(outdir, { recursive: true });

function instance(i: number): any[] {
  const name = `httpserver${i}`;
  // Plain objects, renamed per instance: a JSON round trip is the cheapest faithful deep copy.
  return JSON.parse(JSON.stringify(template).split('"httpserver').join(`"${name}`));
}

const stringify = (docs: any[]) => docs.map(d => YAML.stringify(d, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
if (process.env.BENCH_LAYOUT === 'each') {
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(outdir, `httpserver${i}.k8s.yaml`), stringify(instance(i)));
} else {
  const docs: any[] = [];
  for (let i = 0; i < n; i++) docs.push(...instance(i));
  fs.writeFileSync(path.join(outdir, 'httpserver.k8s.yaml'), stringify(docs));
}
