import { containersOf, POD_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { commandWord, INERT_BUILTINS, isExec, parseScript, requote, Script, shellInvocation, simpleCommands, trapsTerm } from './shell';

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
      const argv = [...command, ...(Array.isArray(args) ? args : [])].map(String);
      const sh = shellInvocation(argv);
      if (!sh || !('script' in sh)) continue;
      // Syntax the parser does not follow: unknown, never a finding.
      const script = parseScript(sh.script);
      const last = script?.steps[script.steps.length - 1];
      // A trailing `&` is main-process-exits (CKP902).
      if (!script || !last || last.background || runsOnlyBuiltins(script)) continue;
      if (trapsTerm(script) || (last.command.type === 'simple' && isExec(last.command.argv))) continue;
      const invocation = argv.slice(0, sh.at).join(' ');
      const field = `${c.path}.${sh.at < command.length ? 'command' : 'args'}`;
      if (last.command.type === 'simple') {
        const { argv: words, redirects } = last.command;
        const program = commandWord(words);
        // The script ends with an assignment or a redirection: nothing left running.
        if (program === undefined) continue;
        const at = words.indexOf(program);
        out.push({
          field,
          value: sh.script,
          container: c.name,
          message: `runs '${program}' as a child of \`${invocation}\`, which is PID 1: SIGTERM stops at the shell and never reaches '${program}'`,
          fix: `Write \`${[...[...words.slice(0, at), 'exec', ...words.slice(at)].map(requote), ...redirects].join(' ')}\` as the script's last command, or drop the shell: \`command: ["${program}", …]\`.`,
        });
      } else {
        const { keyword } = last.command;
        out.push({
          field,
          value: sh.script,
          container: c.name,
          message: `\`${invocation}\` stays PID 1 running a \`${keyword}\` ${last.command.type === 'group' ? 'group' : 'block'}: it ignores SIGTERM, so every stop waits out the grace period and ends in SIGKILL`,
          fix: keyword === 'while' || keyword === 'until'
            ? 'To keep the container alive, end the script with `exec sleep infinity` instead of the loop, or run `trap \'exit 0\' TERM` before it.'
            : undefined,
        });
      }
    }
    return out;
  },
};

/** Only builtins run (`sh -c 'exit 1'`): no child for SIGTERM to miss. */
function runsOnlyBuiltins(script: Script): boolean {
  const ran = simpleCommands(script.steps);
  return ran !== undefined && ran.every(argv => {
    const word = commandWord(argv);
    return word === undefined || INERT_BUILTINS.has(word);
  });
}
