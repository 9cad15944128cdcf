/**
 * Just enough shell parsing to tell what a container's `sh -c SCRIPT` leaves running as PID 1.
 * Not a shell parser: it splits a script into simple commands, outside quotes, and tracks
 * compound commands (loops, conditionals, groups) by their keywords.
 */

/** Shells whose `-c` runs a script. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** A container argv that runs a script in a shell: `sh -c SCRIPT`, `bash -ec SCRIPT`, `sh -e -c SCRIPT`. */
export interface ShellInvocation {
  /** The shell as written: `/bin/sh`. */
  readonly shell: string;
  /** The option words before the script: `-ec`. */
  readonly options: string;
  readonly script: string;
}

export function shellInvocation(argv: readonly unknown[]): ShellInvocation | undefined {
  if (argv.length < 3 || typeof argv[0] !== 'string') return undefined;
  const shell = argv[0];
  if (!SHELLS.has(shell.split('/').pop() ?? '')) return undefined;
  const options: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (typeof a !== 'string' || !/^[-+][a-zA-Z]+$/.test(a)) break;
    options.push(a);
  }
  const script = argv[i];
  if (!options.some(o => o.startsWith('-') && o.includes('c')) || typeof script !== 'string') return undefined;
  return { shell, options: options.join(' '), script };
}

/** A simple command or a compound command (loop, conditional, group) at the top level of a script. */
export interface ScriptCommand {
  /** Its words, quotes removed; empty for a compound command. */
  readonly words: string[];
  /** The keyword of a compound command: `while`, `for`, `if`, `case`, `{`, `(`. */
  readonly compound?: string;
  /** Followed by `&`: run in the background. */
  readonly background: boolean;
}

/** What a script runs: its top-level commands, and the command word of every simple command, nested ones included. */
export interface ScriptOutline {
  readonly commands: ScriptCommand[];
  readonly commandWords: string[];
}

const OPENERS: Record<string, string> = { 'if': 'fi', 'case': 'esac', 'while': 'done', 'until': 'done', 'for': 'done', 'select': 'done', '{': '}', '(': ')' };
/** Words after which the next word starts a command. */
const COMMAND_STARTERS = new Set(['then', 'do', 'else', 'elif', '!', 'if', 'while', 'until', '{', '(']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The words and operators of a script, quotes removed (`'a b'` is one word). */
function tokens(script: string): { text: string; op: boolean }[] {
  const out: { text: string; op: boolean }[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) out.push({ text: word, op: false });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') { word += script[i + 1]; inWord = true; }
      i++;
    } else if (ch === '\'' || ch === '"') {
      const end = script.indexOf(ch, i + 1);
      const stop = end < 0 ? script.length : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (ch === '$' && script[i + 1] === '(') {
      // A command substitution belongs to the word it is in.
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === '(') depth++;
        else if (script[j] === ')' && --depth === 0) break;
      }
      word += script.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (ch === '#' && !inWord) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === ' ' || ch === '\t') {
      flush();
    } else if (ch === '&' && (script[i - 1] === '>' || script[i - 1] === '<')) {
      word += ch; // `2>&1` duplicates a descriptor
    } else if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      flush();
      const two = script.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === ';;') {
        out.push({ text: two, op: true });
        i++;
      } else if (ch === '&' && script[i + 1] === '>') {
        word = '&';
        inWord = true; // `&>file` is a redirection, not a separator
      } else {
        out.push({ text: ch === '\n' ? ';' : ch, op: true });
      }
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  return out;
}

export function outline(script: string): ScriptOutline {
  const commands: ScriptCommand[] = [];
  const commandWords: string[] = [];
  const closers: string[] = [];
  let words: string[] = [];
  let compound: string | undefined;
  let atStart = true;
  // Words of `for x in a b` and `case x in` up to `do`/`in` are not commands.
  let skipUntil: string | undefined;
  const end = (background: boolean) => {
    if (words.length > 0 || compound) commands.push({ words, compound, background });
    words = [];
    compound = undefined;
  };
  for (const t of tokens(script)) {
    const top = closers.length === 0;
    if (t.op) {
      if (t.text === '(' && atStart) {
        if (top) compound = '(';
        closers.push(')');
      } else if (t.text === ')' && closers[closers.length - 1] === ')') {
        closers.pop();
      } else if (top && (t.text === '&' || t.text === ';' || t.text === ';;')) {
        end(t.text === '&');
      } else if (top) {
        // `&&`, `||` and `|` chain commands; what runs last is the last command of the chain.
        words = [];
        compound = undefined;
      }
      atStart = t.text !== ')';
      continue;
    }
    if (skipUntil !== undefined) {
      if (t.text === skipUntil) { skipUntil = undefined; atStart = t.text === 'do'; }
      continue;
    }
    if (atStart && OPENERS[t.text] !== undefined) {
      if (top && words.length === 0) compound = t.text;
      closers.push(OPENERS[t.text]);
      if (t.text === 'for' || t.text === 'select') skipUntil = 'do';
      if (t.text === 'case') { skipUntil = 'in'; commandWords.push('case'); }
      continue;
    }
    if (atStart && t.text === closers[closers.length - 1]) {
      closers.pop();
      atStart = false;
      continue;
    }
    if (atStart && !COMMAND_STARTERS.has(t.text) && !ASSIGNMENT.test(t.text)) commandWords.push(t.text);
    if (top && !compound) words.push(t.text);
    atStart = atStart && (COMMAND_STARTERS.has(t.text) || ASSIGNMENT.test(t.text));
  }
  end(false);
  return { commands, commandWords };
}

/** The command word of a simple command: its first word after `VAR=value` assignments. */
export function commandWord(words: readonly string[]): string | undefined {
  return words.find(w => !ASSIGNMENT.test(w));
}

/** Shell builtins that start no process a signal would have to reach. */
export const INERT_BUILTINS = new Set(['exit', 'echo', 'printf', 'true', 'false', ':', 'export', 'set', 'unset', 'cd', 'test', '[', '[[', 'shift', 'return', 'readonly', 'local', 'umask', 'ulimit', 'read']);

/** True when the script installs a handler for SIGTERM (`trap 'kill $pid' TERM`). */
export function trapsTerm(commands: readonly ScriptCommand[]): boolean {
  return commands.some(c => commandWord(c.words) === 'trap' && c.words.slice(2).some(w => /^(SIG)?TERM$|^15$/.test(w)));
}

/** True when a simple command replaces the shell: `exec app`, not `exec >log` (redirections only). */
export function isExec(words: readonly string[]): boolean {
  const i = words.indexOf(commandWord(words) ?? '');
  return words[i] === 'exec' && words.slice(i + 1).some(w => !/^\d*[<>]/.test(w) && !/^&>/.test(w));
}
