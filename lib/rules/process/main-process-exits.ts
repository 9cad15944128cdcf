import { containersOf, LONG_RUNNING_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { mainProcessExit } from './main-process';

export const mainProcessExits: Rule = {
  id: 'CKP902',
  name: 'main-process-exits',
  level: 'error',
  summary: 'The last step of a long-running container\'s command line stays in the foreground.',
  why: 'A container lives exactly as long as its main process. When the last step of its startup returns (a daemon that forks '
    + 'into the background such as `sshd` without `-D`, `service … start`, a step sent away with `&` or `nohup`, or a bare `bash` '
    + 'that finds no terminal and exits at once), Kubernetes sees the process finish, marks the container Completed and restarts '
    + 'it, forever: CrashLoopBackOff. No probe can fix that, since probes judge a process that is running. Seed 000\'s '
    + 'fedora-dev-tini entrypoint started sshd and crond and ended with a bare `bash`: fine under `docker run -it`, a crash loop '
    + 'on Kubernetes.',
  fix: 'End with a process that stays in the foreground: `exec /usr/sbin/sshd -D -e`, `exec crond -n`, or a keep-alive such as '
    + '`exec sleep infinity`; start helper daemons before it. For an interactive shell set `stdin: true` and `tty: true`.',
  kinds: LONG_RUNNING_KINDS,
  // A bare Pod that is not restarted may end: that is what restartPolicy Never/OnFailure are for.
  appliesTo: obj => obj.kind !== 'Pod' || (obj.spec?.restartPolicy ?? 'Always') === 'Always',
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const command: unknown[] = Array.isArray(c.container.command) ? c.container.command : [];
      const args: unknown[] = Array.isArray(c.container.args) ? c.container.args : [];
      const argv = [...command, ...args].map(String);
      if (argv.length === 0) continue;
      const exit = mainProcessExit(argv, { tty: c.container.tty, stdin: c.container.stdin, stdinOnce: c.container.stdinOnce });
      if (!exit) continue;
      out.push({
        field: `${c.path}.${args.length > 0 ? 'args' : 'command'}`,
        value: exit.step,
        container: c.name,
        message: `the main process ends: ${exit.reason}; Kubernetes then sees the container complete and restarts it in a crash loop`,
      });
    }
    return out;
  },
};
