import { ApiObject, Duration, Size, Testing } from 'cdk8s';
import { DevContainer, DevContainerProps, DevSecurity, Foreground, kplus, mainProcessExit, QosClass, RELAXATION_CHECKS, SharedVolume } from '../../lib';
import { chart } from '../util';

const base: DevContainerProps = {
  image: 'registry.example/dev:1.0.0',
  security: DevSecurity.sshdAsRoot(),
};

function synthDev(props: Partial<DevContainerProps> = {}) {
  const c = chart();
  const box = new DevContainer(c, 'dev', { ...base, ...props });
  return { c, box, out: Testing.synth(c) };
}

const deploymentOf = (props: Partial<DevContainerProps> = {}) => synthDev(props).out.find(o => o.kind === 'Deployment');
const main = (d: any) => d.spec.template.spec.containers[0];

describe('DevContainer defaults (ssh)', () => {
  test('the Deployment is the default child', () => {
    const { box } = synthDev();
    expect(ApiObject.of(box).kind).toBe('Deployment');
    expect(box.node.defaultChild).toBe(box.deployment);
  });

  test('objects: Deployment, Service, NetworkPolicy; no PDB', () => {
    expect(synthDev().out.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/dev', 'Service/dev', 'NetworkPolicy/dev']);
  });

  test('one replica, Recreate: the old pod releases the workspace before the new one starts', () => {
    const d = deploymentOf();
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('no command: the image\'s ENTRYPOINT (tini) stays', () => {
    expect(main(deploymentOf())).not.toHaveProperty('command');
    expect(main(deploymentOf({ startup: ['/usr/sbin/crond'] }))).not.toHaveProperty('command');
  });

  test('without startup steps the args are sshd in the foreground', () => {
    expect(main(deploymentOf()).args).toEqual(['/usr/sbin/sshd', '-D', '-e']);
  });

  test('startup steps run first, then exec replaces the shell with the foreground process', () => {
    const args = main(deploymentOf({ startup: ['ssh-keygen -A', '/usr/sbin/crond &'] })).args;
    expect(args).toEqual(['/bin/sh', '-c', 'set -e\nssh-keygen -A\n/usr/sbin/crond &\nexec /usr/sbin/sshd -D -e']);
    expect(mainProcessExit(args)).toBeUndefined();
  });

  test('the sshd port is passed to sshd when it is not 22', () => {
    const d = deploymentOf({ sshPort: 2222 });
    expect(main(d).args).toEqual(['/usr/sbin/sshd', '-D', '-e', '-p', '2222']);
    expect(main(d).ports).toEqual([{ containerPort: 2222, name: 'ssh' }]);
  });

  test('probes target only the ssh port: readiness, lenient liveness, startup for the startup steps', () => {
    const c = main(deploymentOf({ ports: [{ number: 22, name: 'ssh' }, { number: 80, name: 'http' }, { number: 443, name: 'https' }] }));
    for (const p of ['readinessProbe', 'livenessProbe', 'startupProbe']) expect(c[p].tcpSocket).toEqual({ port: 22 });
    expect(c.livenessProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 6 });
    expect(c.startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 24 });
    expect(c.ports.map((p: any) => p.containerPort)).toEqual([22, 80, 443]);
  });

  test('Burstable by default; Guaranteed on request', () => {
    const { box, out } = synthDev();
    expect(box.qosClass).toBe('Burstable');
    expect(main(out.find(o => o.kind === 'Deployment')).resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '2', memory: '2048Mi' } });
    const g = synthDev({ qos: QosClass.GUARANTEED, resources: { requests: { cpu: kplus.Cpu.millis(500), memory: Size.gibibytes(1) } } });
    expect(g.box.qosClass).toBe('Guaranteed');
  });

  test('Service: ClusterIP with every port; NodePort with fixed node ports on request', () => {
    const ports = [{ number: 22, name: 'ssh', nodePort: 30022 }, { number: 80, name: 'http' }];
    expect(synthDev().out.find(o => o.kind === 'Service').spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'ssh', port: 22, targetPort: 22 }] });
    const svc = synthDev({ serviceType: kplus.ServiceType.NODE_PORT, ports }).out.find(o => o.kind === 'Service');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([{ name: 'ssh', port: 22, targetPort: 22, nodePort: 30022 }, { name: 'http', port: 80, targetPort: 80 }]);
  });

  test('NetworkPolicy: the declared ports in, anything out (a box installs and clones)', () => {
    const np = synthDev({ ports: [{ number: 22, name: 'ssh' }, { number: 80, name: 'http' }] }).out.find(o => o.kind === 'NetworkPolicy');
    expect(np.spec.policyTypes).toEqual(['Egress', 'Ingress']);
    expect(np.spec.ingress.every((r: any) => r.ports.map((p: any) => p.port).join() === '22,80')).toBe(true);
    expect(np.spec.egress).toEqual([{}]);
  });

  test('egress can be narrowed; DNS stays allowed', () => {
    const { c } = synthDev();
    const peer = kplus.NetworkPolicyIpBlock.ipv4(c, 'Mirror', '10.0.0.0/8');
    const np = new DevContainer(c, 'narrow', { ...base, egress: [{ peer, ports: [kplus.NetworkPolicyPort.tcp(443)] }] }).networkPolicy;
    const spec = ApiObject.of(np).toJson().spec;
    expect(spec.egress.map((r: any) => r.ports.map((p: any) => `${p.protocol}/${p.port}`).join())).toEqual(['UDP/53,TCP/53', 'TCP/443']);
  });

  test('locale and timezone become LANG and TZ', () => {
    const env = main(deploymentOf({ lang: 'C.UTF-8', timezone: 'Asia/Shanghai' })).env;
    expect(env).toContainEqual({ name: 'LANG', value: 'C.UTF-8' });
    expect(env).toContainEqual({ name: 'TZ', value: 'Asia/Shanghai' });
  });
});

describe('DevContainer workspace', () => {
  test('a PersistentVolumeClaim mounted at the workspace path, owned by the login user\'s group', () => {
    const { out, box } = synthDev({ workspace: { size: Size.gibibytes(20), mountPath: '/home/admin/work', storageClassName: 'standard', ownerGroup: 505 } });
    const pvc = out.find(o => o.kind === 'PersistentVolumeClaim');
    expect(pvc.metadata.name).toBe('dev-workspace');
    expect(pvc.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'standard' });
    const d = out.find(o => o.kind === 'Deployment');
    expect(main(d).volumeMounts).toEqual([{ mountPath: '/home/admin/work', name: 'workspace' }]);
    expect(d.spec.template.spec.volumes).toEqual([{ name: 'workspace', persistentVolumeClaim: { claimName: 'dev-workspace', readOnly: false } }]);
    expect(d.spec.template.spec.securityContext.fsGroup).toBe(505);
    expect(box.workspace).toBeDefined();
  });

  test('default mount path and access mode', () => {
    const { out } = synthDev({ workspace: { size: Size.gibibytes(1), accessMode: kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD } });
    expect(main(out.find(o => o.kind === 'Deployment')).volumeMounts).toEqual([{ mountPath: '/workspace', name: 'workspace' }]);
    expect(out.find(o => o.kind === 'PersistentVolumeClaim').spec.accessModes).toEqual(['ReadWriteOncePod']);
  });
});

describe('DevContainer security profiles', () => {
  test('sshdAsRoot: root, writable root, sshd\'s capabilities only, seccomp RuntimeDefault, no token', () => {
    const d = deploymentOf({ security: DevSecurity.sshdAsRoot() });
    expect(main(d).securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: false, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0,
      capabilities: { drop: ['ALL'], add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID', 'SYS_CHROOT'] },
    });
    expect(d.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } });
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('every relaxation is a reasoned exemption on the Deployment; nothing else is relaxed', () => {
    const security = DevSecurity.sshdAsRoot({ sudo: true });
    const annotations = deploymentOf({ security }).metadata.annotations;
    expect(security.relaxations.map(r => r.relaxation)).toEqual(['runAsRoot', 'writableRootFilesystem', 'capabilities', 'privilegeEscalation']);
    for (const r of security.relaxations) {
      expect(r.reason.length).toBeGreaterThan(40);
      for (const id of RELAXATION_CHECKS[r.relaxation]) {
        const check = id.replace('polaris:', '');
        expect(annotations[`polaris.fairwinds.com/${check}-exempt`]).toBe('true');
        expect(annotations[`polaris.fairwinds.com/${check}-exempt-reason`]).toBe(r.reason);
      }
    }
    expect(main(deploymentOf({ security })).securityContext.allowPrivilegeEscalation).toBe(true);
  });

  test('rootShell keeps the runtime\'s default capabilities; restricted relaxes nothing', () => {
    expect(main(deploymentOf({ security: DevSecurity.rootShell() })).securityContext).not.toHaveProperty('capabilities');
    const d = deploymentOf({ security: DevSecurity.restricted(), ssh: false });
    expect(main(d).securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(Object.keys(d.metadata.annotations).filter(k => /runAsRoot|ReadOnlyRoot|Capabilities|privilegeEscalation/.test(k))).toEqual([]);
  });

  test('a user\'s own reason for an exempted check wins over the profile\'s', () => {
    const reason = 'the image runs sshd as root and we accept it';
    const d = deploymentOf({ suppressions: [{ id: 'polaris:runAsRootAllowed', reason }] });
    expect(d.metadata.annotations['polaris.fairwinds.com/runAsRootAllowed-exempt-reason']).toBe(reason);
  });
});

describe('DevContainer interactive (seed 003)', () => {
  const interactive = () => synthDev({ interactive: true, security: DevSecurity.rootShell() });

  test('stdin and a terminal keep the shell in the foreground; stdin outlives the first attach', () => {
    const c = main(interactive().out.find(o => o.kind === 'Deployment'));
    expect(c).toMatchObject({ stdin: true, stdinOnce: false, tty: true, args: ['/bin/bash'] });
    expect(mainProcessExit(c.args, c)).toBeUndefined();
  });

  test('no ports, no probes, no Service; ingress denied; each missing Polaris object explained', () => {
    const { out } = interactive();
    expect(out.map(o => o.kind)).toEqual(['Deployment', 'NetworkPolicy']);
    const d = out[0];
    expect(main(d)).not.toHaveProperty('readinessProbe');
    expect(main(d)).not.toHaveProperty('ports');
    expect(out[1].spec.policyTypes).toEqual(['Egress', 'Ingress']);
    expect(out[1].spec).not.toHaveProperty('ingress');
    for (const check of ['readinessProbeMissing', 'livenessProbeMissing', 'missingNetworkPolicy']) {
      expect(d.metadata.annotations[`polaris.fairwinds.com/${check}-exempt-reason`]).toMatch(/.{40}/);
    }
  });

  test('without ssh or a terminal the box keeps itself alive', () => {
    expect(main(deploymentOf({ ssh: false })).args).toEqual(['sleep', 'infinity']);
  });
});

describe('DevContainer bad input fails with the rule id, field and fix', () => {
  const fails = (props: Partial<DevContainerProps>, pattern: RegExp) => expect(() => synthDev(props)).toThrow(pattern);

  test('command without the explicit override', () => fails(
    { command: ['/bin/bash', '-ec'] },
    /^DevContainer 'test\/dev': command \["\/bin\/bash","-ec"\] replaces the image's ENTRYPOINT, so its init \(such as tini\) and entrypoint script never run \[CKP901\]\. Fix: give the startup work as `startup` steps or `args`/));
  test('args ending in &', () => fails(
    { args: ['/bin/sh', '-c', '/usr/sbin/crond; /usr/sbin/sshd -D &'] },
    /^DevContainer 'test\/dev': args ends the main process: '\/usr\/sbin\/sshd -D &' sends the last step to the background.*crash loop no probe can fix \[CKP902\]\. Fix: end with a process that stays in the foreground: Foreground\.sshd\(\)/));
  test('sshd without -D as the last step', () => fails(
    { args: ['/bin/sh', '-c', '/usr/sbin/crond; /usr/sbin/sshd'] },
    /args ends the main process: '\/usr\/sbin\/sshd' starts sshd without -D.*\[CKP902\]/));
  test('a bare bash without tty', () => fails(
    { foreground: Foreground.shell() },
    /^DevContainer 'test\/dev': foreground ends the main process: '\/bin\/bash' is a bare shell.*\[CKP902\]\. Fix: set interactive: true/));
  test('a bare bash as raw args without tty (seed 003 without -i --tty)', () => fails({ args: ['bash'] }, /args ends the main process: 'bash' is a bare shell.*\[CKP902\]/));
  test('image fedora-dev-tini:latest', () => fails(
    { image: 'localhost:5001/fedora-dev-tini:latest' },
    /DevContainer 'test\/dev': Deployment 'dev' container 'dev': image 'localhost:5001\/fedora-dev-tini:latest' uses the mutable tag 'latest' \(at spec\.template\.spec\.containers\[0\]\.image\) \[CKP101\]\. Fix: Pin it/));
  test('an ssh port that is not declared', () => fails(
    { ports: [{ number: 80, name: 'http' }, { number: 443, name: 'https' }] },
    /^DevContainer 'test\/dev': the ssh port 22, which the probes target, is not one of the declared ports \(80, 443\) \[CKP203\]\. Fix: add \{ number: 22, name: 'ssh' \} to ports/));
  test('PVC size 0', () => fails(
    { workspace: { size: Size.gibibytes(0) } },
    /^DevContainer 'test\/dev': workspace\.size \(0Gi\) must be a whole number of GiB greater than 0.*\[CKP903\]\. Fix: give the space the work needs/));
  test('PVC size that is not whole GiB', () => fails({ workspace: { size: Size.mebibytes(500) } }, /workspace\.size \(500Mi\).*\[CKP903\]/));
  test('a startup step that execs', () => fails({ startup: ['exec /usr/sbin/sshd -D'] }, /startup step "exec \/usr\/sbin\/sshd -D" replaces the script with another program, so the foreground process never starts \[CKP902\]/));
  test('a startup step that exits', () => fails({ startup: ['ssh-keygen -A', 'echo done; exit 0'] }, /^DevContainer 'test\/dev': startup step "echo done; exit 0" exits the script, so the foreground process never starts \[CKP902\]/));
  test('a conditional exit in a startup step is a check, not a mistake', () => {
    expect(main(deploymentOf({ startup: ['test -f /etc/ssh/ssh_host_rsa_key || exit 1'] })).args[2]).toMatch(/\|\| exit 1\nexec \/usr\/sbin\/sshd -D -e$/);
  });
  test.each([
    ['args', { args: [] }],
    ['foreground', { foreground: Foreground.exec([]) }],
  ])('empty %s', (field, props) => fails(props as Partial<DevContainerProps>, new RegExp(`${field} is empty, which leaves the image's CMD in charge.*\\[CKP902\\]`)));
  test('args together with startup', () => fails({ args: ['sleep', 'infinity'], startup: ['crond'] }, /sets args together with startup\/foreground.*\[CKP902\]/));
  test('lang and env.LANG both', () => fails({ lang: 'C.UTF-8', env: { LANG: 'en_US.UTF-8' } }, /lang 'C.UTF-8' sets LANG, which env also sets \('en_US.UTF-8'\) \[CKP904\]/));
  test('Burstable without limits', () => fails({ resources: { requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(128) } } }, /declares QoS class Burstable but gives no limits.*\[CKP403\]/));
  test('a node port outside the range', () => fails({ serviceType: kplus.ServiceType.NODE_PORT, ports: [{ number: 22, name: 'ssh', nodePort: 2222 }] }, /ports\[0\]\.nodePort 2222 is outside the NodePort range.*\[CKP803\]/));
  test('errors are PatternErrors carrying the rule id and field', () => {
    try {
      synthDev({ command: ['/bin/bash'] });
      throw new Error('did not throw');
    } catch (e: any) {
      expect(e.name).toBe('PatternError');
      expect(e.ruleId).toBe('CKP901');
      expect(e.field).toBe('command');
    }
  });
});

describe('DevContainer overrides, said out loud', () => {
  test('command with CKP901 suppressed: seed 000\'s forced deployment synthesizes, and says so in the YAML', () => {
    const reason = 'inspect the image without its entrypoint (seed 000 debugging)';
    const { out, box } = synthDev({
      command: ['/bin/bash', '-ec'],
      args: ['date; sleep 10; echo \'Hello from fedora-dev\'; touch /tmp/healthy; sleep 1; while true; do sleep 120; done;'],
      suppressions: [{ id: 'CKP901', reason }],
    });
    const d = out.find(o => o.kind === 'Deployment');
    expect(main(d).command).toEqual(['/bin/bash', '-ec']);
    expect(d.metadata.annotations['cdk8s-patterns/suppress.CKP901']).toBe(reason);
    expect(box.rules.findings().filter(f => f.rule.id === 'CKP901').map(f => f.suppressed?.reason)).toEqual([reason]);
  });

  test('raw args that stay in the foreground are used as given', () => {
    const args = ['/bin/sh', '-c', '/usr/sbin/sshd; while true; do sleep 120; done'];
    expect(main(deploymentOf({ args })).args).toEqual(args);
  });

  test('no rule finding besides the reasoned suppressions', () => {
    expect(synthDev().box.rules.findings().filter(f => !f.suppressed)).toEqual([]);
  });

  test('the startup timeout sets the startup probe budget', () => {
    expect(main(deploymentOf({ startupTimeout: Duration.minutes(5) })).startupProbe.failureThreshold).toBe(60);
  });
});

test('snapshot: all defaults', () => {
  expect(synthDev().out).toMatchSnapshot();
});

describe('DevContainer init containers and sidecars (issue 6 composition)', () => {
  const small = { requests: { cpu: kplus.Cpu.millis(50), memory: Size.mebibytes(32) }, limits: { cpu: kplus.Cpu.millis(50), memory: Size.mebibytes(32) } };

  test('an init container seeds a shared volume the box mounts', () => {
    const dotfiles = SharedVolume.emptyDir('dotfiles');
    const { box, out } = synthDev({
      initContainers: [{ name: 'dotfiles', image: 'alpine/git:2.43.0', command: ['git', 'clone', 'https://example.invalid/dotfiles.git', '/out'], resources: small, mounts: [dotfiles.at('/out')] }],
      mounts: [dotfiles.at('/etc/skel.d', { readOnly: true })],
    });
    const pod = out.find(o => o.kind === 'Deployment').spec.template.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['dotfiles']);
    expect(pod.containers[0].volumeMounts).toContainEqual({ mountPath: '/etc/skel.d', name: 'dotfiles', readOnly: true });
    expect(box.initContainers).toHaveLength(1);
  });

  test('an init container with a lifecycle hook fails with CKP205', () => {
    const hooked = { name: 'setup', image: 'busybox:1.36.1', command: ['true'], resources: small, postStart: {} } as any;
    expect(() => synthDev({ initContainers: [hooked] })).toThrow(/\[CKP205\]/);
  });
});
