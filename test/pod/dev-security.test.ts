import { DevSecurity, kplus, Relaxation, RELAXATION_CHECKS } from '../../lib';

describe('DevSecurity', () => {
  test('restricted relaxes nothing and leaves the container security to addMainContainer', () => {
    const s = DevSecurity.restricted({ runAsUser: 1000, runAsGroup: 1000 });
    expect(s.isRestricted).toBe(true);
    expect(s.suppressions()).toEqual([]);
    expect(s.containerSecurity()).toBeUndefined();
    expect(s.podProps().securityContext).toMatchObject({ ensureNonRoot: true, user: 1000, fsGroup: 1000 });
    expect(s.podProps(505).securityContext).toMatchObject({ fsGroup: 505 });
  });

  test('each relaxation maps to its checks, with the relaxation\'s reason', () => {
    const s = DevSecurity.rootShell();
    expect(s.suppressions().map(x => x.id)).toEqual(['polaris:runAsRootAllowed', 'polaris:notReadOnlyRootFilesystem', 'polaris:insecureCapabilities']);
    for (const x of s.suppressions()) expect(x.reason.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(RELAXATION_CHECKS).sort()).toEqual(Object.values(Relaxation).sort());
  });

  test('added capabilities are written as Kubernetes names (no CAP_ prefix) and named in the reason', () => {
    const s = DevSecurity.sshdAsRoot({ addCapabilities: [kplus.Capability.SETFCAP] });
    expect(s.containerSecurity()?.capabilities?.add).toContain('SETFCAP');
    expect(s.containerSecurity()?.capabilities?.add).not.toContain('CAP_SETFCAP');
    expect(s.relaxations.find(r => r.relaxation === Relaxation.CAPABILITIES)?.reason).toMatch(/also SETFCAP$/);
  });

  test('no sudo, no privilege escalation', () => {
    expect(DevSecurity.sshdAsRoot().containerSecurity()?.allowPrivilegeEscalation).toBe(false);
    expect(DevSecurity.sshdAsRoot().relaxations.map(r => r.relaxation)).not.toContain(Relaxation.PRIVILEGE_ESCALATION);
  });
});
