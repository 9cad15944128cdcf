import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { commandWord, INERT_BUILTINS, isExec, outline, shellInvocation, trapsTerm } from './shell-script';

export const shellAsPid1: Rule = {
  id: 'CKP910',
  name: 'shell-as-pid1',
  level: 'warning',
  summary: 'A container whose `command` is `sh -c SCRIPT` ends the script with `exec` of the program, so the program is PID 1.',
  why: '`command` replaces the image entrypoint, so the shell becomes PID 1. PID 1 gets no default signal handling and a shell '
    + 'does not forward signals to its children: SIGTERM on pod deletion reaches neither the shell nor the app, nothing drains, '
    + 'and every stop waits out terminationGracePeriodSeconds before SIGKILL cuts in-flight work.',
  fix: 'End the script with `exec <program> …` so the program replaces the shell, or drop the shell (`command: [program, args…]`); '
    + 'a script that must stay in charge traps TERM and forwards it (`trap \'kill -TERM $pid\' TERM`).',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const { command, args } = c.container;
      // Only `command` puts the shell at PID 1 for certain; `args` alone runs under the image's entrypoint (tini, say).
      if (!Array.isArray(command)) continue;
      const sh = shellInvocation([...command, ...(Array.isArray(args) ? args : [])]);
      if (!sh) continue;
      const { commands, commandWords } = outline(sh.script);
      const last = commands[commands.length - 1];
      // Nothing to signal: only builtins run (`sh -c 'exit 1'`). A trailing `&` is main-process-exits (CKP902).
      if (!last || commandWords.every(w => INERT_BUILTINS.has(w)) || last.background) continue;
      if (trapsTerm(commands) || (!last.compound && isExec(last.words))) continue;
      const invocation = `${sh.shell} ${sh.options}`;
      const field = `${c.path}.${Array.isArray(args) && !command.includes(sh.script) ? 'args' : 'command'}`;
      if (last.compound) {
        out.push({
          field,
          value: sh.script,
          container: c.name,
          message: `\`${invocation}\` stays PID 1 running a \`${last.compound}\` ${last.compound === '{' || last.compound === '(' ? 'group' : 'block'}: it ignores SIGTERM, so every stop waits out the grace period and ends in SIGKILL`,
          fix: last.compound === 'while' || last.compound === 'until'
            ? 'To keep the container alive, end the script with `exec sleep infinity` instead of the loop, or run `trap \'exit 0\' TERM` before it.'
            : undefined,
        });
      } else {
        const program = commandWord(last.words) ?? last.words[0];
        out.push({
          field,
          value: sh.script,
          container: c.name,
          message: `runs '${program}' as a child of \`${invocation}\`, which is PID 1: SIGTERM stops at the shell and never reaches '${program}'`,
          fix: `Write \`exec ${last.words.join(' ')}\` as the script's last command, or drop the shell: \`command: ["${program}", …]\`.`,
        });
      }
    }
    return out;
  },
};
