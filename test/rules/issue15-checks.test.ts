import { findRule, RULES, suppressionAnnotations, suppressionFor } from '../../lib/rules';
import { evaluate } from '../../lib/rules/engine';
import { imageDigestMissing } from '../../lib/rules/image/image-digest-missing';
import { livenessProbeMissing } from '../../lib/rules/probes/liveness-probe-missing';
import { capabilitiesNotDropped } from '../../lib/rules/security/capabilities-not-dropped';
import { privilegeEscalationAllowed } from '../../lib/rules/security/privilege-escalation-allowed';
import { runAsGroupRoot } from '../../lib/rules/security/run-as-group-root';
import { runAsLowUid } from '../../lib/rules/security/run-as-low-uid';
import { container, deployment } from './fixtures';

/* Issue 15: the checks an independent scanner (checkov) reported on the corpus that the pack missed. */
const ctx = { objects: [] };
const hardened = (sc: Record<string, unknown> = {}) => container({ securityContext: { runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...sc } });
const fields = (rule: { check: (o: any, c: any) => { field: string }[] }, d: any) => rule.check(d, ctx).map(v => v.field);

describe('CKP707 privilege-escalation-allowed', () => {
  test('compliant: false on every container', () => {
    expect(privilegeEscalationAllowed.check(deployment({ containers: [hardened()] }), ctx)).toEqual([]);
  });
  test('non-compliant: unset (it defaults to true) or true, on app and init containers', () => {
    const d = deployment({ containers: [container({ securityContext: {} })], initContainers: [hardened({ allowPrivilegeEscalation: true })] });
    const v = privilegeEscalationAllowed.check(d, ctx);
    expect(v.map(x => [x.field, x.message])).toEqual([
      ['spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', expect.stringMatching(/does not set allowPrivilegeEscalation: false.*defaults to true/)],
      ['spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation', expect.stringMatching(/sets allowPrivilegeEscalation: true/)],
    ]);
  });
  test('not applicable to Windows pods; twins', () => {
    expect(privilegeEscalationAllowed.appliesTo!(deployment({ os: { name: 'windows' } }))).toBe(false);
    expect([privilegeEscalationAllowed.polaris, privilegeEscalationAllowed.checkov, privilegeEscalationAllowed.kubeLinter]).toEqual(['privilegeEscalationAllowed', ['CKV_K8S_20'], ['privilege-escalation-container']]);
  });
});

describe('CKP708 capabilities-not-dropped', () => {
  test('compliant: drop ALL (whatever is added back: added capabilities are another rule\'s)', () => {
    expect(capabilitiesNotDropped.check(deployment({ containers: [hardened({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] }), ctx)).toEqual([]);
  });
  test('non-compliant: nothing dropped, or a list without ALL', () => {
    expect(capabilitiesNotDropped.check(deployment({ containers: [container({ securityContext: {} })] }), ctx)[0].message).toMatch(/drops no capabilities/);
    expect(capabilitiesNotDropped.check(deployment({ containers: [hardened({ capabilities: { drop: ['NET_RAW'] } })] }), ctx)[0].message).toMatch(/drops "NET_RAW" but not ALL/);
  });
});

describe('CKP709 run-as-group-root', () => {
  test('compliant: a non-zero group; root users are CKP706\'s', () => {
    expect(runAsGroupRoot.check(deployment({ containers: [hardened({ runAsGroup: 10001 })] }), ctx)).toEqual([]);
    expect(runAsGroupRoot.check(deployment({ containers: [hardened({ runAsUser: 0, runAsGroup: 0 })] }), ctx)).toEqual([]);
  });
  test('non-compliant: group 0 for a non-root user, at pod or container level', () => {
    expect(fields(runAsGroupRoot, deployment({ containers: [hardened({ runAsGroup: 0 })] }))).toEqual(['spec.template.spec.containers[0].securityContext.runAsGroup']);
    expect(fields(runAsGroupRoot, deployment({ securityContext: { runAsGroup: 0 }, containers: [hardened()] }))).toEqual(['spec.template.spec.securityContext.runAsGroup']);
  });
});

describe('CKP710 run-as-low-uid', () => {
  test('compliant: 10000 and above; unset (the image decides) and 0 (CKP706) are not this rule\'s', () => {
    for (const runAsUser of [10000, 65534, undefined, 0]) expect(runAsLowUid.check(deployment({ containers: [hardened({ runAsUser })] }), ctx)).toEqual([]);
  });
  test('non-compliant: 1000 (the first login user on most hosts), from the pod', () => {
    const v = runAsLowUid.check(deployment({ securityContext: { runAsUser: 1000 }, containers: [hardened({ runAsUser: undefined })] }), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.securityContext.runAsUser', value: 1000 })]);
    expect(runAsLowUid.level).toBe('info');
  });
});

describe('CKP207 liveness-probe-missing', () => {
  test('compliant: a serving container with a liveness probe; a container that serves nothing needs none', () => {
    expect(livenessProbeMissing.check(deployment({ containers: [container({ livenessProbe: { tcpSocket: { port: 8080 } } })] }), ctx)).toEqual([]);
    expect(livenessProbeMissing.check(deployment({ containers: [container({ ports: undefined, readinessProbe: undefined })] }), ctx)).toEqual([]);
  });
  test('non-compliant: serves 8080 without one; info; not for Jobs', () => {
    expect(livenessProbeMissing.check(deployment({ containers: [container()] }), ctx)[0].message).toBe('serves port 8080 but has no livenessProbe, so a hung process is never restarted');
    expect(livenessProbeMissing.level).toBe('info');
    expect(livenessProbeMissing.kinds).not.toContain('Job');
  });
});

describe('CKP103 image-digest-missing (profile strict)', () => {
  test('a tag alone is flagged; a digest (with or without a tag) is not', () => {
    expect(imageDigestMissing.check(deployment(), ctx)[0].message).toMatch(/'registry\.example\/app:1\.2\.3' is not pinned by digest/);
    expect(imageDigestMissing.check(deployment({ containers: [container({ image: `r/app:1@sha256:${'a'.repeat(64)}` })] }), ctx)).toEqual([]);
  });
  test('runs only in the strict profile: not at synth, not by default', () => {
    expect(imageDigestMissing.profile).toBe('strict');
    const d = deployment();
    expect(evaluate([d], { rules: RULES }).findings.some(f => f.rule.id === 'CKP103')).toBe(false);
    expect(evaluate([d], { rules: RULES, profile: 'strict' }).findings.some(f => f.rule.id === 'CKP103')).toBe(true);
  });
});

describe('suppression interop: checkov and kube-linter (issue 15)', () => {
  const rule = findRule('CKP707')!;
  const withAnnotations = (annotations: Record<string, string>) => deployment({}, {}, { annotations });
  test('a reasoned checkov skip of every checkov twin suppresses the rule; without a reason it does not', () => {
    expect(suppressionFor(withAnnotations({ 'checkov.io/skip3': 'CKV_K8S_20=the box runs sudo for its user' }), rule)).toEqual({ reason: 'the box runs sudo for its user', source: 'checkov-skip' });
    expect(suppressionFor(withAnnotations({ 'checkov.io/skip1': 'CKV_K8S_20' }), rule)).toBeUndefined();
    const caps = findRule('CKP708')!;
    expect(suppressionFor(withAnnotations({ 'checkov.io/skip1': 'CKV_K8S_37=apt needs chown and fowner' }), caps)).toBeUndefined();
    expect(suppressionFor(withAnnotations({ 'checkov.io/skip1': 'CKV_K8S_37=apt needs chown and fowner', 'checkov.io/skip2': 'CKV_K8S_28=apt needs chown and fowner' }), caps)?.source).toBe('checkov-skip');
  });
  test('a reasoned kube-linter ignore suppresses the rule', () => {
    expect(suppressionFor(withAnnotations({ 'ignore-check.kube-linter.io/privilege-escalation-container': 'the box runs sudo for its user' }), rule)).toEqual({ reason: 'the box runs sudo for its user', source: 'kube-linter-ignore' });
    expect(suppressionFor(withAnnotations({ 'ignore-check.kube-linter.io/privilege-escalation-container': 'ok' }), rule)).toBeUndefined();
  });
  test('a suppression is written for all three scanners, numbering checkov skips after those present', () => {
    expect(suppressionAnnotations(rule, 'the box runs sudo for its user', { 'checkov.io/skip1': 'CKV_K8S_43=digest pinned by the CD pipeline' })).toEqual({
      'cdk8s-patterns/suppress.CKP707': 'the box runs sudo for its user',
      'polaris.fairwinds.com/privilegeEscalationAllowed-exempt': 'true',
      'polaris.fairwinds.com/privilegeEscalationAllowed-exempt-reason': 'the box runs sudo for its user',
      'checkov.io/skip2': 'CKV_K8S_20=the box runs sudo for its user',
      'ignore-check.kube-linter.io/privilege-escalation-container': 'the box runs sudo for its user',
    });
    // What is written is read back as a suppression by every route.
    const written = withAnnotations(suppressionAnnotations(rule, 'the box runs sudo for its user'));
    expect(suppressionFor(written, rule)?.source).toBe('annotation');
  });
});
