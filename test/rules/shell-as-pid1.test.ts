import { shellAsPid1 as rule } from '../../lib/rules/process/shell-as-pid1';
import { commandWord, isExec, parseScript, shellInvocation, simpleCommands, trapsTerm } from '../../lib/rules/process/shell';
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

describe('where the former CKP910 splitter and shell.ts disagreed: shell.ts is kept', () => {
  const finding = (command: string[], args?: string[]) => rule.check(running(command, args), ctx);

  test('a script the shell would reject runs nothing, so it is no finding (the splitter read `app` out of it)', () => {
    expect(finding(['sh', '-c', 'app "unterminated'])).toEqual([]);
  });

  test('a TERM trap counts before `&&` too (the splitter only saw the last command of a chain)', () => {
    expect(finding(['sh', '-c', 'trap "exit 0" TERM && app'])).toEqual([]);
  });

  test('long options, `-o NAME` and `--` before the script (the splitter stopped reading there and missed the shell)', () => {
    expect(finding(['bash', '-o', 'pipefail', '-c', 'app'])[0].message).toBe('runs \'app\' as a child of `bash -o pipefail -c`, which is PID 1: SIGTERM stops at the shell and never reaches \'app\'');
    expect(finding(['bash', '--login', '-c', 'app'])).toHaveLength(1);
    expect(finding(['sh', '-c', '--', 'app'])[0].value).toBe('app');
  });

  test('`busybox sh -c` is a shell; other busybox applets are not', () => {
    expect(finding(['busybox', 'sh', '-c', 'app'])[0].message).toMatch(/as a child of `busybox sh -c`/);
    expect(finding(['busybox', 'httpd', '-f', '-c', '/etc/httpd.conf'])).toEqual([]);
  });

  test('the fix keeps the last command\'s quoting and redirections, and puts exec after assignments', () => {
    expect(finding(['sh', '-c', 'nginx -g "daemon off;" >/var/log/nginx.log 2>&1'])[0].fix).toMatch(/^Write `exec nginx -g 'daemon off;' >\/var\/log\/nginx.log 2>&1` as/);
    expect(finding(['sh', '-c', 'A=1 app'])[0].fix).toMatch(/^Write `A=1 exec app` as/);
    // Expansions stay live: `$PORT`, not '$PORT'.
    expect(finding(['sh', '-c', './server --port $PORT --name "$HOSTNAME x" >>$LOG'])[0].fix).toMatch(/^Write `exec \.\/server --port \$PORT --name "\$HOSTNAME x" >>\$LOG` as/);
    expect(finding(['sh', '-c', '! app'])[0].message).toMatch(/^runs 'app' as a child/);
  });

  test('a script that ends by setting a variable leaves nothing running to name', () => {
    expect(finding(['sh', '-c', 'app; A=1'])).toEqual([]);
  });
});

describe('shell.ts, as CKP910 reads it', () => {
  test('finds the shell, its options and the script', () => {
    expect(shellInvocation(['/bin/bash', '-ec', 's'])).toEqual({ script: 's', at: 2 });
    expect(shellInvocation(['sh', '-e', '-c', 's', 'arg0'])).toEqual({ script: 's', at: 3 });
    expect(shellInvocation(['python', '-c', 's'])).toBeUndefined();
    expect(shellInvocation(['sh', '-e', 's'])).toEqual({ file: 's', at: 2 });
  });

  test('splits top-level commands outside quotes, comments and compound commands', () => {
    const script = parseScript('echo "a; b" # c; d\nfor i in 1 2; do sleep $i; done; x=1 exec app 2>&1')!;
    expect(script.steps.map(s => s.command)).toEqual([
      { type: 'simple', argv: ['echo', 'a; b'], redirects: [] },
      { type: 'loop', keyword: 'for', steps: [expect.objectContaining({ command: { type: 'simple', argv: ['sleep', '$i'], redirects: [] } })] },
      { type: 'simple', argv: ['x=1', 'exec', 'app'], redirects: ['2>&1'] },
    ]);
    expect(simpleCommands(script.steps)!.map(commandWord)).toEqual(['echo', 'sleep', 'exec']);
  });

  test('a keyword is only a keyword where a command starts', () => {
    expect(parseScript('echo done; exec app')!.steps.map(s => s.command)).toEqual([
      { type: 'simple', argv: ['echo', 'done'], redirects: [] },
      { type: 'simple', argv: ['exec', 'app'], redirects: [] },
    ]);
  });

  test('every command a script runs: piped, in conditions and bodies; unknown inside a case', () => {
    expect(simpleCommands(parseScript('app | echo; if [ -f x ]; then exit 1; fi')!.steps)!.map(commandWord)).toEqual(['app', 'echo', '[', 'exit']);
    expect(simpleCommands(parseScript('case $1 in a) app;; esac')!.steps)).toBeUndefined();
  });

  test('exec replaces the shell only with a program', () => {
    expect(isExec(['exec', 'app'])).toBe(true);
    expect(isExec(['A=1', 'exec', 'app'])).toBe(true);
    expect(isExec(parseScript('exec >/var/log/app 2>&1')!.steps.map(s => s.command.type === 'simple' ? s.command.argv : [])[0])).toBe(false);
    expect(isExec(['app'])).toBe(false);
  });

  test('a TERM trap at the top level', () => {
    const traps = (s: string) => trapsTerm(parseScript(s)!);
    expect([traps('trap \'kill $pid\' TERM; app'), traps('trap cleanup SIGTERM INT'), traps('trap cleanup 15'), traps('trap \'echo TERM\' INT'), traps('(trap x TERM); app')])
      .toEqual([true, true, true, false, false]);
  });
});
