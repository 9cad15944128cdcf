import { evaluate } from '../../lib/rules/engine';
import { RULES } from '../../lib/rules/index';
import { containersOf, perEvaluation, podSpecOf, servedPorts, withDerivations } from '../../lib/rules/k8s';
import { readinessProbeMissing } from '../../lib/rules/probes/readiness-probe-missing';
import { pdbBlocksAllDisruption } from '../../lib/rules/autoscaling/pdb-blocks-all-disruption';
import { K8sObject, Rule, RuleContext } from '../../lib/rules/types';
import { container, deployment } from './fixtures';

// The engine keeps what the helpers derive from each object while one evaluation runs (rules only read
// objects); nothing may outlive it, or a changed object would be judged by what it was.

const ids = (objects: K8sObject[], rules: readonly Rule[] = RULES) => evaluate(objects, { rules }).findings.map(f => `${f.rule.id} ${f.field}`);

describe('derivations kept for one evaluation', () => {
  test('outside an evaluation, the helpers see an object as it is now', () => {
    const obj = deployment();
    expect(containersOf(obj).map(c => c.name)).toEqual(['app']);
    obj.spec.template.spec.containers.push(container({ name: 'sidecar' }));
    expect(containersOf(obj).map(c => c.name)).toEqual(['app', 'sidecar']);
    const app = obj.spec.template.spec.containers[0];
    expect(servedPorts(app)).toEqual([8080]);
    app.ports = [{ containerPort: 9090 }];
    expect(servedPorts(app)).toEqual([9090, 8080]);
  });

  test('within one, each derivation is made once and shared', () => {
    const obj = deployment();
    withDerivations({ objects: [obj] }, () => {
      expect(containersOf(obj)).toBe(containersOf(obj));
      expect(podSpecOf(obj)).toBe(podSpecOf(obj));
      const c = obj.spec.template.spec.containers[0];
      expect(servedPorts(c)).toBe(servedPorts(c));
    });
  });

  test('an object changed between two evaluations is judged as it is in each', () => {
    const obj = deployment();
    expect(ids([obj], [readinessProbeMissing])).toEqual([]);
    delete obj.spec.template.spec.containers[0].readinessProbe;
    expect(ids([obj], [readinessProbeMissing])).toEqual(['CKP201 spec.template.spec.containers[0].readinessProbe']);
  });

  test('a value kept per evaluation belongs to its context: a rule called directly, or another evaluation, builds its own', () => {
    const cache = new WeakMap<RuleContext, string[]>();
    const ctx: RuleContext = { objects: [] };
    const other: RuleContext = { objects: [] };
    let builds = 0;
    const build = () => [`build ${++builds}`];
    withDerivations(ctx, () => {
      expect(perEvaluation(cache, ctx, build)).toBe(perEvaluation(cache, ctx, build));
      expect(perEvaluation(cache, other, build)).toEqual(['build 2']);
    });
    expect(perEvaluation(cache, ctx, build)).toEqual(['build 3']);
    expect(builds).toBe(3);
  });

  test('the same findings whether the rules run together (sharing derivations) or one by one', () => {
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } };
    const objects = [
      deployment({ containers: [container({ readinessProbe: undefined, lifecycle: undefined }), container({ name: 'side', ports: undefined, image: 'side:latest' })] }),
      deployment({}, { replicas: 1 }, { name: 'web2' }),
      pdb,
    ];
    const together = ids(objects);
    const alone = RULES.flatMap(rule => ids(objects, [rule]));
    expect(together.length).toBeGreaterThan(3);
    expect([...together].sort()).toEqual([...alone].sort());
    expect(together).toContain('CKP507 spec.minAvailable');
    // Both Deployments have the selected pod labels, in the objects' order (the PDB's workloads come from a label index).
    expect(evaluate(objects, { rules: [pdbBlocksAllDisruption] }).findings.map(f => f.message)).toEqual([
      "minAvailable 2 lets no pod be evicted at 2 replica(s) (Deployment 'web' replicas)",
      "minAvailable 2 lets no pod be evicted at 1 replica(s) (Deployment 'web2' replicas)",
    ]);
  });
});
