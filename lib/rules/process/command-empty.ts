import { containersOf, POD_KINDS } from '../k8s';
import { programProblem } from '../probes/handler-command-empty';
import { Rule, Violation } from '../types';

export const commandEmpty: Rule = {
  id: 'CKP905',
  name: 'command-empty',
  level: 'error',
  summary: 'A container `command` that is given names a program, and a `sh -c` script in `command` or `args` parses.',
  why: 'A command whose first word is empty cannot be executed, and a shell script with a syntax error exits at once: the container '
    + 'fails to start or crash-loops, and the cause is buried in the runtime\'s error.',
  fix: 'Leave `command` out to keep the image\'s ENTRYPOINT, or give it as an argv list whose first word is the program; fix the script\'s syntax.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj)) {
      const command = c.container.command;
      if (Array.isArray(command) && command.length > 0) {
        const problem = programProblem(command);
        if (problem) out.push({ field: `${c.path}.command`, value: command, container: c.name, message: `command ${problem}` });
      }
      const args = c.container.args;
      if ((command === undefined || (Array.isArray(command) && command.length === 0)) && Array.isArray(args) && args.length > 1) {
        const problem = /(^|\/)(ba|da|a|z|k|mk)?sh$/.test(String(args[0])) && args[1] === '-c' ? programProblem(args) : undefined;
        if (problem) out.push({ field: `${c.path}.args`, value: args, container: c.name, message: `args ${problem}` });
      }
    }
    return out;
  },
};
