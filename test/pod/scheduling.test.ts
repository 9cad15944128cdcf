import { Duration, Testing } from 'cdk8s';
import { BoundedJob, kplus, SpreadPolicy } from '../../lib';
import { schedulingInvalid } from '../../lib/rules/objects/scheduling-invalid';
import { deployment } from '../rules/fixtures';
import { chart } from '../util';
import { ruleIdOf, synthWebApp, webBase } from './web-app-helpers';

describe('scheduling and spread', () => {
  const { of } = synthWebApp({
    scheduling: {
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [{ key: 'dedicated', value: 'web', effect: kplus.TaintEffect.NO_SCHEDULE }, { key: 'spot', effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.minutes(5) }],
      requiredNodeAffinity: [kplus.NodeLabelQuery.in('node.example.com/pool', ['web', 'general'])],
      preferredNodeAffinity: [{ weight: 50, match: [kplus.NodeLabelQuery.is('node.example.com/ssd', 'true')] }],
    },
    spread: { whenUnsatisfiable: SpreadPolicy.DO_NOT_SCHEDULE, topologyKeys: ['topology.kubernetes.io/zone'] },
  });
  const pod = of('Deployment').spec.template.spec;

  test('nodeSelector, tolerations and node affinity on the pod', () => {
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(pod.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'node.example.com/pool', operator: 'In', values: ['web', 'general'] }] }]);
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([{ weight: 50, preference: { matchExpressions: [{ key: 'node.example.com/ssd', operator: 'In', values: ['true'] }] } }]);
  });

  test('spread policy and keys are tunable', () => {
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: of('Deployment').spec.selector.matchLabels } }]);
  });

  test('batch constructs take scheduling', () => {
    const c = chart();
    new BoundedJob(c, 'migrate', { image: webBase.image, resources: webBase.resources, activeDeadline: Duration.minutes(10), scheduling: { nodeSelector: { pool: 'batch' } } });
    expect(Testing.synth(c).find(o => o.kind === 'Job').spec.template.spec.nodeSelector).toEqual({ pool: 'batch' });
  });

  test.each([
    [{ scheduling: { tolerations: [{ value: 'x' }] } }, 'CKP846'],
    [{ scheduling: { tolerations: [{ key: 'a', effect: kplus.TaintEffect.NO_SCHEDULE, evictAfter: Duration.seconds(5) }] } }, 'CKP846'],
    [{ scheduling: { preferredNodeAffinity: [{ weight: 0, match: [] }] } }, 'CKP846'],
    [{ spread: { whenUnsatisfiable: 'Never' } }, 'CKP846'],
    [{ scheduling: { nodeSelector: { 'bad key': 'x' } } }, 'CKP840'],
    // Written unchecked before the fuzz generated them; the API server rejects each.
    [{ scheduling: { requiredNodeAffinity: [kplus.NodeLabelQuery.in('zone', [])] } }, 'CKP846'],
    [{ scheduling: { requiredNodeAffinity: [kplus.NodeLabelQuery.gt('cores', ['1', '2'])] } }, 'CKP846'],
    [{ scheduling: { requiredNodeAffinity: [kplus.NodeLabelQuery.lt('cores', ['many'])] } }, 'CKP846'],
    [{ scheduling: { requiredNodeAffinity: [kplus.NodeLabelQuery.is('bad key', 'x')] } }, 'CKP840'],
    [{ scheduling: { preferredNodeAffinity: [{ weight: 10, match: [] }] } }, 'CKP846'],
    [{ spread: { topologyKeys: ['kubernetes.io/hostname', 'kubernetes.io/hostname'] } }, 'CKP846'],
  ])('refused: %j → %s', (props, id) => {
    expect(ruleIdOf(() => synthWebApp(props as any))).toBe(id);
  });
});

test('node label queries the API server accepts pass: In with values, Exists, Gt with one integer', () => {
  const { of } = synthWebApp({ scheduling: { requiredNodeAffinity: [kplus.NodeLabelQuery.in('zone', ['a']), kplus.NodeLabelQuery.exists('ssd'), kplus.NodeLabelQuery.gt('cores', ['3'])] } });
  expect(of('Deployment').spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
    { key: 'zone', operator: 'In', values: ['a'] }, { key: 'ssd', operator: 'Exists' }, { key: 'cores', operator: 'Gt', values: ['3'] }]);
});

describe('CKP846 scheduling-invalid', () => {
  test('tolerations, weights and spread the API server rejects', () => {
    const d = deployment({
      tolerations: [{ key: 'a', operator: 'Exists', value: 'x' }, { operator: 'Equal', value: 'y' }, { key: 'b', effect: 'NoSchedule', tolerationSeconds: 5 }],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: {} }] } },
      topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Sometimes' }],
    });
    expect(schedulingInvalid.check(d, { objects: [] }).map(v => v.field.replace('spec.template.spec.', ''))).toEqual([
      'tolerations[0].value', 'tolerations[1].key', 'tolerations[2].tolerationSeconds',
      'affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
      'topologySpreadConstraints[0].whenUnsatisfiable', 'topologySpreadConstraints[0].maxSkew',
    ]);
  });
  test('node selector requirements the API server rejects, required and preferred (as the construct refuses them)', () => {
    const req = (operator: string, values?: unknown[]) => ({ key: 'zone', operator, ...(values ? { values } : {}) });
    const d = deployment({ affinity: { nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [req('In', []), req('Exists', ['a']), req('In', ['a'])] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [req('Gt', ['a']), req('Lt', ['1', '2']), req('Gt', ['3'])] } }],
    } } });
    expect(schedulingInvalid.check(d, { objects: [] }).map(v => v.field.replace('spec.template.spec.affinity.nodeAffinity.', ''))).toEqual([
      'preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values',
      'preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[1].values',
      'requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values',
      'requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values',
    ]);
  });
  test('compliant', () => {
    expect(schedulingInvalid.check(deployment({ tolerations: [{ operator: 'Exists' }, { key: 'a', value: 'b', effect: 'NoExecute', tolerationSeconds: 30 }] }), { objects: [] })).toEqual([]);
    // `effect:` with no value in YAML reads as null: every effect, as the API server takes it.
    expect(schedulingInvalid.check(deployment({ tolerations: [{ key: 'node-role.kubernetes.io/master', effect: null, operator: 'Exists' }] }), { objects: [] })).toEqual([]);
  });
});
