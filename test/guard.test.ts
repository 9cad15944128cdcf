import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { evaluate, RULES, RuleGuard, setFindingReporter } from '../lib';
import { container, deployment, LABELS, LIVENESS } from './rules/fixtures';
import { chart } from './util';

/** A construct that emits a given manifest and guards it, like our constructs do. */
class Raw extends Construct {
  public readonly rules: RuleGuard;
  constructor(scope: Construct, id: string, manifest: any) {
    super(scope, id);
    this.rules = new RuleGuard(this, 'Raw');
    new ApiObject(this, 'Resource', manifest);
    this.rules.seal();
  }
}

describe('RuleGuard', () => {
  let lines: string[];
  let previous: ReturnType<typeof setFindingReporter>;
  beforeEach(() => {
    lines = [];
    previous = setFindingReporter(line => lines.push(line));
  });
  afterEach(() => setFindingReporter(previous));

  test('warnings are reported once and do not fail synth', () => {
    const c = chart();
    new Raw(c, 'raw', deployment({ containers: [container({ lifecycle: undefined, livenessProbe: LIVENESS })] }));
    Testing.synth(c);
    Testing.synth(c);
    expect(lines).toEqual([expect.stringMatching(/^\[cdk8s-patterns\] warning: Raw 'test\/raw': Deployment 'web' container 'app': serves a port but has no preStop hook.*\[CKP302\]/)]);
  });

  test('errors fail synth with every finding, each with path, field and fix', () => {
    const c = chart();
    new Raw(c, 'raw', deployment({ containers: [container({ image: 'nginx', readinessProbe: undefined })] }));
    expect(() => Testing.synth(c)).toThrow(/\[test\/raw\] Raw 'test\/raw': .*\[CKP101\][\s\S]*\[test\/raw\] Raw 'test\/raw': .*readinessProbe.*\[CKP201\]\. Fix: Add a `readinessProbe`/);
  });

  test('a Polaris exemption with a reason suppresses the twin rule (plain YAML keeps decisions)', () => {
    const c = chart();
    const raw = new Raw(c, 'raw', deployment({}, {}, { annotations: { 'polaris.fairwinds.com/tagNotSpecified-exempt': 'true', 'polaris.fairwinds.com/tagNotSpecified-exempt-reason': 'mirrored and pinned by digest upstream' } }));
    expect(raw.rules.findings()).toEqual([]);
  });

  test('suppressed findings are still reported, as suppressed', () => {
    const c = chart();
    const raw = new Raw(c, 'raw', deployment({ containers: [container({ image: 'nginx', livenessProbe: LIVENESS })] }));
    raw.rules.suppress('CKP101', 'local kind cluster only');
    Testing.synth(c);
    expect(lines).toEqual(["[cdk8s-patterns] suppressed CKP101 image-mutable-tag on Raw 'test/raw' Deployment 'web' container 'app': local kind cluster only"]);
  });

  test('a rule\'s suppression is written for every twin scanner: Polaris, checkov (numbered), kube-linter (issue 15)', () => {
    const c = chart();
    const raw = new Raw(c, 'raw', deployment());
    raw.rules.suppress('CKP707', 'the developer runs sudo in this box');
    raw.rules.suppress('CKP706', 'sshd starts as root to read host keys');
    expect(Testing.synth(c)[0].metadata.annotations).toEqual({
      'cdk8s-patterns/suppress.CKP707': 'the developer runs sudo in this box',
      'polaris.fairwinds.com/privilegeEscalationAllowed-exempt': 'true',
      'polaris.fairwinds.com/privilegeEscalationAllowed-exempt-reason': 'the developer runs sudo in this box',
      'checkov.io/skip1': 'CKV_K8S_20=the developer runs sudo in this box',
      'ignore-check.kube-linter.io/privilege-escalation-container': 'the developer runs sudo in this box',
      'cdk8s-patterns/suppress.CKP706': 'sshd starts as root to read host keys',
      'polaris.fairwinds.com/runAsRootAllowed-exempt': 'true',
      'polaris.fairwinds.com/runAsRootAllowed-exempt-reason': 'sshd starts as root to read host keys',
      'checkov.io/skip2': 'CKV_K8S_23=sshd starts as root to read host keys',
      'ignore-check.kube-linter.io/run-as-non-root': 'sshd starts as root to read host keys',
    });
  });

  test('polaris: ids write only the Polaris exemption', () => {
    const c = chart();
    const raw = new Raw(c, 'raw', deployment());
    raw.rules.suppress('polaris:pullPolicyNotAlways', 'images are pinned by digest');
    expect(Testing.synth(c)[0].metadata.annotations).toEqual({
      'polaris.fairwinds.com/pullPolicyNotAlways-exempt': 'true',
      'polaris.fairwinds.com/pullPolicyNotAlways-exempt-reason': 'images are pinned by digest',
    });
  });
});

describe('evaluate', () => {
  test('counts (object, applicable rule) pairs and failed pairs', () => {
    // Named apart from the good one: two Deployments 'web' would also break CKP823 (object-duplicate).
    const bad = deployment({ containers: [container({ image: 'nginx:latest', livenessProbe: LIVENESS })] }, {}, { name: 'bad' });
    const ev = evaluate([deployment(), bad, { kind: 'ConfigMap', metadata: { name: 'c', labels: LABELS }, data: {} }], { rules: RULES });
    // Rules of the strict profile (CKP103) run only when asked for (issue 15).
    const applicable = (kind: string) => RULES.filter(r => !r.profile && (r.kinds.includes(kind) || r.kinds.includes('*'))).length;
    // The QoS (CKP403) and sidecar-stop (CKP303) rules need pod annotations the fixture lacks; the
    // HAProxy rules (CKP310, CKP311) need a ConfigMap that holds an HAProxy config.
    expect(ev.checked).toBe(2 * (applicable('Deployment') - 2) + applicable('ConfigMap') - 2);
    expect(ev.failed).toBe(1);
    expect(ev.findings.map(f => `${f.objectIndex} ${f.rule.id}`)).toEqual(['1 CKP101']);
  });

  test('skip', () => {
    // Named apart from the good one: two Deployments 'web' would also break CKP823 (object-duplicate).
    const bad = deployment({ containers: [container({ image: 'nginx:latest', livenessProbe: LIVENESS })] }, {}, { name: 'bad' });
    expect(evaluate([bad], { rules: RULES, skip: ['CKP101'] }).findings).toEqual([]);
  });

  test('rule ids are unique and well-formed, and every rule says why and how to fix', () => {
    const ids = RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^CKP\d{3}$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.why.length).toBeGreaterThan(40);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });
});
