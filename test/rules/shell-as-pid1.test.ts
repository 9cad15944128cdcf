import { shellAsPid1 as rule } from '../../lib/rules/process/shell-as-pid1';
import { outline, shellInvocation } from '../../lib/rules/process/shell-script';
import { container, deployment, job } from './fixtures';

const ctx = { objects: [] };
const running = (command: string[] | undefined, args?: string[]) => deployment({ containers: [container({ command, args })] });

describe('CKP910 shell-as-pid1', () => {
  test.each([
    ['the program is exec\'d', ['/bin/sh', '-c', 'cd /app && exec ./server --port 8080']],
    ['after setup steps', ['sh', '-ec', 'export A=1\nmkdir -p /tmp/x\nexec nginx -g "daemon off;"']],
    ['the script traps TERM and forwards it', ['bash', '-c', 'trap \'kill -TERM $pid\' TERM; app & pid=$!; wait $pid']],
    ['only builtins run (nothing to signal)', ['/bin/sh', '-c', 'exit 1']],
    ['seed 004\'s `always` Pod: echo is a builtin', ['/bin/sh', '-c', 'echo hello, world!']],
    ['no shell', ['/app/server', '--port', '8080']],
    ['a shell running a script file, not -c', ['/bin/bash', '/start.sh']],
  ])('compliant: %s', (_title, command) => {
    expect(rule.check(running(command), ctx)).toEqual([]);
  });

  test('compliant: a shell in `args` only runs under the image entrypoint (tini in seed 000), which is PID 1', () => {
    expect(rule.check(running(undefined, ['/bin/sh', '-c', 'touch /tmp/healthy; while true; do sleep 120; done']), ctx)).toEqual([]);
  });

  test('non-compliant: seed 001\'s `/bin/sh -c my-app`', () => {
    expect(rule.check(running(['/bin/sh', '-c', 'my-app']), ctx)).toEqual([{
      field: 'spec.template.spec.containers[0].command',
      value: 'my-app',
      container: 'app',
      message: 'runs \'my-app\' as a child of `/bin/sh -c`, which is PID 1: SIGTERM stops at the shell and never reaches \'my-app\'',
      fix: 'Write `exec my-app` as the script\'s last command, or drop the shell: `command: ["my-app", …]`.',
    }]);
  });

  test('non-compliant: seed 000\'s forced start, bash -ec with the script in args, ending in a loop', () => {
    const script = 'date; sleep 10; echo \'Hello from fedora-dev\'; touch /tmp/healthy; sleep 1; while true; do sleep 120; done;';
    const v = rule.check(running(['/bin/bash', '-ec'], [script]), ctx);
    expect(v).toEqual([expect.objectContaining({
      field: 'spec.template.spec.containers[0].args',
      message: '`/bin/bash -ec` stays PID 1 running a `while` block: it ignores SIGTERM, so every stop waits out the grace period and ends in SIGKILL',
      fix: expect.stringMatching(/exec sleep infinity/),
    })]);
  });

  test('non-compliant: a chain whose last command is not exec\'d', () => {
    expect(rule.check(running(['sh', '-c', 'cd /app && ./server']), ctx)[0].message).toMatch(/runs '\.\/server'/);
  });

  test('non-compliant: on Jobs too; init containers are not checked', () => {
    expect(rule.check(job({ containers: [container({ command: ['sh', '-c', 'python migrate.py'] })] }), ctx)).toHaveLength(1);
    expect(rule.check(deployment({ initContainers: [container({ command: ['sh', '-c', 'chown -R 1000 /data'] })] }), ctx)).toEqual([]);
  });

  test('a trailing `&` is left to main-process-exits (CKP902)', () => {
    expect(rule.check(running(['sh', '-c', 'nohup app &']), ctx)).toEqual([]);
  });
});

describe('shell script outline', () => {
  test('finds the shell, its options and the script', () => {
    expect(shellInvocation(['/bin/bash', '-ec', 's'])).toEqual({ shell: '/bin/bash', options: '-ec', script: 's' });
    expect(shellInvocation(['sh', '-e', '-c', 's', 'arg0'])).toEqual({ shell: 'sh', options: '-e -c', script: 's' });
    expect(shellInvocation(['python', '-c', 's'])).toBeUndefined();
    expect(shellInvocation(['sh', '-e', 's'])).toBeUndefined();
  });

  test('splits top-level commands outside quotes, comments and compound commands', () => {
    const o = outline('echo "a; b" # c; d\nfor i in 1 2; do sleep $i; done; x=1 exec app 2>&1');
    expect(o.commands).toEqual([
      { words: ['echo', 'a; b'], background: false },
      { words: [], compound: 'for', background: false },
      { words: ['x=1', 'exec', 'app', '2>&1'], background: false },
    ]);
    expect(o.commandWords).toEqual(['echo', 'sleep', 'exec']);
  });

  test('a keyword is only a keyword where a command starts', () => {
    expect(outline('echo done; exec app').commands.map(c => c.words)).toEqual([['echo', 'done'], ['exec', 'app']]);
  });
});
