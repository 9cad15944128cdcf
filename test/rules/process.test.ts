import { commandOverridesEntrypoint } from '../../lib/rules/process/command-overrides-entrypoint';
import { envVarDuplicate } from '../../lib/rules/process/env-var-duplicate';
import { mainProcessExit, scriptExit } from '../../lib/rules/process/main-process';
import { mainProcessExits } from '../../lib/rules/process/main-process-exits';
import { container, deployment } from './fixtures';

const ctx = { objects: [] };

/** Seed 000's /entrypoint.sh (entrypoint_ssh_cron_bash), as tini ran it. */
const SEED_ENTRYPOINT = `#!/usr/bin/env bash

sshd() {
    /usr/sbin/sshd
}

crond() {
    /usr/sbin/crond
}

main() {
    sshd
    crond
    /bin/bash
}

main
`;

/** Seed 000's "forced" deployment: command replaces tini, and an endless loop keeps the shell up. */
const FORCED = container({
  ports: [{ containerPort: 22 }],
  command: ['/bin/bash', '-ec'],
  args: ['date; sleep 10; echo \'Hello from fedora-dev\'; touch /tmp/healthy; sleep 1; while true; do sleep 120; done;'],
});

/** Seed 000's args-only deployment: tini stays, the loop keeps the container up. */
const ARGS_ONLY = container({
  args: ['/bin/sh', '-c', '/usr/sbin/sshd; sleep 10; echo \'Hello from fedora-dev-tini\'; date; while true; do (sleep 120; echo \'Hello from fedora-dev-tini\'; date); done'],
});

const withContainer = (c: any) => deployment({ containers: [c] });

describe('CKP901 command-overrides-entrypoint', () => {
  test('compliant: args only keep the image\'s ENTRYPOINT (seed 000\'s args deployment)', () => {
    expect(commandOverridesEntrypoint.check(withContainer(ARGS_ONLY), ctx)).toEqual([]);
  });
  test('compliant: neither command nor args', () => {
    expect(commandOverridesEntrypoint.check(deployment(), ctx)).toEqual([]);
  });
  test('compliant: command that is itself an init', () => {
    expect(commandOverridesEntrypoint.check(withContainer(container({ command: ['/tini', '--'], args: ['sshd', '-D'] })), ctx)).toEqual([]);
  });
  test('non-compliant: seed 000\'s forced deployment replaces tini with bash -ec', () => {
    expect(commandOverridesEntrypoint.check(withContainer(FORCED), ctx)).toEqual([expect.objectContaining({
      field: 'spec.template.spec.containers[0].command',
      container: 'app',
      message: expect.stringMatching(/sets command \["\/bin\/bash","-ec"\], which replaces the image's ENTRYPOINT: its init \(such as tini\)/),
    })]);
  });
  test('a warning, and not for Jobs (their command running to completion is the point)', () => {
    expect(commandOverridesEntrypoint.level).toBe('warning');
    expect(commandOverridesEntrypoint.kinds).not.toContain('Job');
  });
});

describe('CKP902 main-process-exits', () => {
  const check = (c: any) => mainProcessExits.check(withContainer(c), ctx);

  test('compliant: seed 000\'s forced deployment ends in an endless loop', () => {
    expect(check(FORCED)).toEqual([]);
  });
  test('compliant: seed 000\'s args deployment ends in an endless loop', () => {
    expect(check(ARGS_ONLY)).toEqual([]);
  });
  test('compliant: sshd in the foreground after helper daemons', () => {
    expect(check(container({ args: ['/bin/sh', '-c', 'set -e\n/usr/sbin/crond\nexec /usr/sbin/sshd -D -e'] }))).toEqual([]);
  });
  test('compliant: a bare bash with a terminal (seed 003\'s kubectl run -i --tty … -- bash)', () => {
    expect(check(container({ args: ['bash'], stdin: true, tty: true }))).toEqual([]);
  });
  test('compliant: no command line at all (the image decides)', () => {
    expect(check(container())).toEqual([]);
  });
  test('non-compliant: seed 000\'s entrypoint script, which ends in a bare bash', () => {
    expect(check(container({ args: ['/bin/bash', '-c', SEED_ENTRYPOINT] }))).toEqual([expect.objectContaining({
      field: 'spec.template.spec.containers[0].args',
      value: '/bin/bash',
      message: expect.stringMatching(/the main process ends: '\/bin\/bash' is a bare shell: without a terminal \(tty: true\) or an open stdin \(stdin: true\) it reads end-of-file and exits at once.*restarts it in a crash loop/),
    })]);
  });
  test.each([
    ['a trailing &', ['/bin/sh', '-c', 'crond; /usr/sbin/sshd -D &'], /'\/usr\/sbin\/sshd -D &' sends the last step to the background/],
    ['sshd without -D', ['/bin/sh', '-c', 'crond && /usr/sbin/sshd'], /'\/usr\/sbin\/sshd' starts sshd without -D: it forks into the background/],
    ['sshd without -D, directly', ['/usr/sbin/sshd', '-p', '2222'], /starts sshd without -D/],
    ['nohup', ['sh', '-c', 'nohup /opt/app/server'], /runs the last step under nohup/],
    ['service … start as the last step', ['sh', '-c', 'service ssh start'], /'service ssh start' asks a service manager to start a daemon/],
    ['an init script start (seed 003\'s nginx)', ['sh', '-c', '/etc/init.d/nginx start'], /asks a service manager/],
    ['crond without -n', ['sh', '-c', 'sshd -D & crond'], /starts crond without -n/],
    ['a bare bash without tty', ['bash'], /'bash' is a bare shell/],
  ])('non-compliant: %s', (_name, args, message) => {
    const v = check(container({ args }));
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(message);
  });
  test('non-compliant: stdinOnce closes stdin after the first attach, and the shell with it', () => {
    expect(check(container({ args: ['bash'], stdin: true, tty: true, stdinOnce: true }))[0].message).toMatch(/stdinOnce: true closes stdin/);
  });
  test('the field is command when there are no args', () => {
    expect(check(container({ command: ['/usr/sbin/sshd'] }))[0].field).toBe('spec.template.spec.containers[0].command');
  });
  test('does not apply to Jobs, nor to bare Pods that are not restarted', () => {
    expect(mainProcessExits.kinds).not.toContain('Job');
    expect(mainProcessExits.appliesTo!({ kind: 'Pod', spec: { restartPolicy: 'Never' } })).toBe(false);
    expect(mainProcessExits.appliesTo!({ kind: 'Pod', spec: {} })).toBe(true);
  });
});

describe('mainProcessExit: reading the last step', () => {
  test.each([
    [['sh', '-c', 'sshd -D & wait'], undefined],
    [['sh', '-c', 'FOO=bar exec env A=b /usr/sbin/crond -n'], undefined],
    [['sh', '-c', 'echo $(date) `id` ${HOME} "a;b" \'c&\'; sleep infinity'], undefined],
    [['sh', '-c', 'case $x in a) echo;; esac; exec tail -f /dev/null'], undefined],
    [['sh', '-c', 'if [ -f x ]; then a; fi; until false; do sleep 1; done'], undefined],
    [['sh', '-c', 'exec 2>&1\nexec sshd -eD >/var/log/sshd.log'], undefined],
    [['/tini', '-g', '--', 'sh', '-c', 'sshd'], 'daemon'],
    [['sh', '-c', 'if [ -f x ]; then a; fi; { crond; sshd; }'], 'daemon'],
    [['sh', '-c', 'for i in 1 2; do echo $i; done\nsshd\n'], 'daemon'],
    [['sh', '-c', 'exec bash -c "sshd -D; exec bash"'], 'bare-shell'],
    [['bash', '-l'], 'bare-shell'],
    [['sh', '-c', 'systemctl start sshd'], 'service'],
    [['sh', '-c', 'cmd | tee log &'], 'background'],
    [['busybox', 'sh', '-c', 'sshd'], 'daemon'],
    // Not a shell: a busybox applet in the foreground (once read as a bare shell).
    [['busybox', 'crond', '-f'], undefined],
    // Unparseable or unknown: never a finding.
    [['sh', '-c', 'echo "unterminated'], undefined],
    [['sh', '/entrypoint.sh'], undefined],
    [['--config', '/etc/app.yaml'], undefined],
  ])('%j → %s', (argv, kind) => {
    expect(mainProcessExit(argv)?.kind).toBe(kind);
  });
  test('scriptExit reads a bare script', () => {
    expect(scriptExit('a; b &')).toMatchObject({ kind: 'background', step: 'b &' });
    expect(scriptExit(SEED_ENTRYPOINT)).toMatchObject({ kind: 'bare-shell', step: '/bin/bash' });
    expect(scriptExit(SEED_ENTRYPOINT, { tty: true })).toBeUndefined();
  });
});

describe('CKP904 env-var-duplicate', () => {
  test('compliant: distinct names', () => {
    expect(envVarDuplicate.check(withContainer(container({ env: [{ name: 'LANG', value: 'C.UTF-8' }, { name: 'TZ', value: 'UTC' }] })), ctx)).toEqual([]);
  });
  test('non-compliant: the same name twice', () => {
    const v = envVarDuplicate.check(withContainer(container({ env: [{ name: 'LANG', value: 'C' }, { name: 'LANG', value: 'C.UTF-8' }] })), ctx);
    expect(v).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[0].env[1]', value: 'LANG', message: 'lists env var LANG more than once; the last entry wins' })]);
  });
});
