import { POD_KINDS } from '../k8s';
import { handlersOf } from '../objects/handlers';
import { parseScript } from '../process/shell';
import { Rule, Violation } from '../types';

/** Why an exec command cannot run, or undefined: empty, an empty program, or a `sh -c` script that does not parse. */
export function programProblem(command: unknown): string | undefined {
  if (!Array.isArray(command) || command.length === 0) return 'is empty';
  if (typeof command[0] !== 'string' || command[0].trim() === '') return 'has an empty program name';
  const shell = /(^|\/)(ba|da|a|z|k|mk)?sh$/.test(command[0]);
  if (shell && command[1] === '-c') {
    const script = command[2];
    if (typeof script !== 'string' || script.trim() === '') return `runs ${command[0]} -c with an empty script`;
    // Our parser is lenient about a leading operator; every POSIX shell rejects it (`sh -c '; sleep 5'`).
    if (/^\s*(;|&|\|)/.test(script) || !parseScript(script)) return `runs a ${command[0]} -c script that does not parse: ${JSON.stringify(script)}`;
  }
  return undefined;
}

export const handlerCommandEmpty: Rule = {
  id: 'CKP208',
  name: 'handler-command-empty',
  level: 'error',
  summary: 'An exec probe or hook runs a program: a non-empty command whose shell script, if any, parses.',
  why: 'An empty exec command is rejected by the API server; an empty program name or a shell script with a syntax error '
    + '(`sh -c \'; sleep 5\'`) fails every time it runs, so the probe never succeeds (the pod never gets ready, or is restarted '
    + 'forever) or the hook fails (a failed postStart kills the container; a failed preStop skips the drain delay).',
  fix: 'Give the command as an argv list whose first word is the program, e.g. `[\'cat\', \'/tmp/healthy\']`, or a shell script that parses.',
  kinds: POD_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const h of handlersOf(obj)) {
      if (!h.handler.exec) continue;
      const problem = programProblem(h.handler.exec.command);
      if (problem) out.push({ field: `${h.path}.exec.command`, value: h.handler.exec.command, container: h.container.name, message: `${h.role} exec command ${problem}` });
    }
    return out;
  },
};
