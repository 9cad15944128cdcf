import { Foreground, mainProcessExit, startupArgs } from '../../lib';

describe('Foreground and startupArgs', () => {
  test('without steps the foreground command line is the whole of args', () => {
    expect(startupArgs('/bin/sh', [], Foreground.keepAlive().argv(22))).toEqual(['sleep', 'infinity']);
  });

  test('with steps: set -e, the steps in order, then exec of the quoted foreground', () => {
    const fg = Foreground.sshd({ extraArgs: ['-o', 'Banner=/etc/issue net'] }).argv(2222);
    expect(fg).toEqual(['/usr/sbin/sshd', '-D', '-e', '-p', '2222', '-o', 'Banner=/etc/issue net']);
    const args = startupArgs('/bin/bash', ['mkdir -p /run/sshd', 'crond'], fg);
    expect(args).toEqual(['/bin/bash', '-c', 'set -e\nmkdir -p /run/sshd\ncrond\nexec /usr/sbin/sshd -D -e -p 2222 -o \'Banner=/etc/issue net\'']);
    expect(mainProcessExit(args)).toBeUndefined();
  });

  test('every foreground stays up, except a shell without a terminal', () => {
    for (const fg of [Foreground.sshd(), Foreground.keepAlive(), Foreground.exec(['/usr/sbin/crond', '-n'])]) {
      expect(mainProcessExit(startupArgs('/bin/sh', ['true'], fg.argv(22)))).toBeUndefined();
    }
    expect(mainProcessExit(startupArgs('/bin/sh', ['true'], Foreground.shell().argv(22)))?.kind).toBe('bare-shell');
    expect(mainProcessExit(startupArgs('/bin/sh', ['true'], Foreground.shell().argv(22)), { stdin: true, tty: true })).toBeUndefined();
  });

  test('a foreground that forks is caught', () => {
    expect(mainProcessExit(startupArgs('/bin/sh', ['true'], Foreground.exec(['/usr/sbin/sshd']).argv(22)))?.kind).toBe('daemon');
  });
});
