/**
 * Just enough of a POSIX shell parser to tell what the LAST step of a container's startup script
 * is: lists (`;` `&&` `||` `&` newlines), pipelines, `( … )` and `{ …; }` groups, loops, `if` and
 * `case`, function definitions, quoting, comments and redirections. Anything it cannot follow makes
 * the caller answer "unknown", never a finding.
 */
import { perText } from '../k8s';

/** A token: a word with its quotes removed, an operator, or a redirection with its target (`2>&1`, `>/var/log/app`). */
export type Token = { readonly kind: 'word' | 'op' | 'redirect'; readonly text: string };

/**
 * One command of a script. Compound commands keep the steps they run: a loop its condition and
 * body, an `if` all its lists; a `case` has none (its branches are skipped, not parsed) and a
 * function definition runs none (its body is in `Script.functions`).
 */
export type Command =
  | { readonly type: 'simple'; readonly argv: readonly string[]; readonly redirects: readonly string[] }
  | { readonly type: 'group'; readonly keyword: '{' | '('; readonly steps: readonly Step[] }
  | { readonly type: 'loop'; readonly keyword: string; readonly steps: readonly Step[] }
  | { readonly type: 'other'; readonly keyword: string; readonly steps?: readonly Step[] };

/**
 * A list item: a pipeline, by its last command (which it lasts as long as) and the commands piped
 * into it; whether it runs in the background (`&`), and whether it runs only after `&&` or `||`.
 */
export interface Step {
  readonly command: Command;
  readonly piped: readonly Command[];
  readonly background: boolean;
  readonly conditional: boolean;
}

/** A parsed script: its top-level steps and the functions it defines, by name. */
export interface Script {
  readonly steps: readonly Step[];
  readonly functions: ReadonlyMap<string, Command>;
}

class ShellSyntaxError extends Error {}

const OPERATORS = ['&&', '||', ';;', ';', '&', '|', '(', ')', '\n'];

/** Splits a script into words, operators and redirections (`>`, `2>&1`, `<file`), each with its target, requoted. */
export function tokenize(script: string): Token[] {
  const out: Token[] = [];
  const s = script.replace(/\\\n/g, '');
  let i = 0;
  let word: string | undefined;
  // A redirection operator waiting for its target word.
  let redirect: string | undefined;
  const endWord = () => {
    if (word === undefined) return;
    out.push(redirect === undefined ? { kind: 'word', text: word } : { kind: 'redirect', text: redirect + requote(word) });
    redirect = undefined;
    word = undefined;
  };
  while (i < s.length) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') { endWord(); i++; continue; }
    if (ch === '#' && word === undefined) {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    if (ch === '>' || ch === '<' || (ch === '&' && s[i + 1] === '>')) {
      // An fd number directly before the operator (`2>`) belongs to the redirection.
      const fd = word !== undefined && /^\d+$/.test(word) ? word : '';
      if (fd) word = undefined;
      endWord();
      if (redirect !== undefined) throw new ShellSyntaxError('redirection without a target');
      const start = i;
      i += ch === '&' ? 2 : 1;
      while (s[i] === '>' || s[i] === '<' || s[i] === '|') i++;
      if (s[i] === '&') {
        i++;
        while (i < s.length && /[0-9-]/.test(s[i])) i++;
        out.push({ kind: 'redirect', text: fd + s.slice(start, i) });
      } else {
        redirect = fd + s.slice(start, i);
      }
      continue;
    }
    const op = OPERATORS.find(o => s.startsWith(o, i));
    if (op) {
      endWord();
      if (redirect !== undefined) throw new ShellSyntaxError('redirection without a target');
      out.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    word ??= '';
    if (ch === '\'') {
      const end = s.indexOf('\'', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated single quote');
      word += s.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        word += s[i++];
      }
      if (i >= s.length) throw new ShellSyntaxError('unterminated double quote');
      i++;
    } else if (ch === '\\') {
      word += s[i + 1] ?? '';
      i += 2;
    } else if (ch === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      const end = matchingClose(s, i + 1);
      word += s.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated backquote');
      word += s.slice(i, end + 1);
      i = end + 1;
    } else {
      word += ch;
      i++;
    }
  }
  endWord();
  return out;
}

function matchingClose(s: string, open: number): number {
  const pair: Record<string, string> = { '(': ')', '{': '}' };
  const close = pair[s[open]];
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\'' ) {
      i = s.indexOf('\'', i + 1);
      if (i < 0) break;
    } else if (s[i] === s[open]) depth++;
    else if (s[i] === close && --depth === 0) return i;
  }
  throw new ShellSyntaxError(`unterminated $${s[open]}`);
}

const SEPARATORS = new Set([';', '\n', '&', '&&', '||', ';;']);

/** Recursive descent over the tokens; reserved words count only where a command starts. */
class Parser {
  private pos = 0;
  public readonly functions = new Map<string, Command>();
  constructor(private readonly tokens: Token[]) {}

  public parseScript(): Step[] {
    const steps = this.list(new Set(), new Set());
    if (this.pos < this.tokens.length) throw new ShellSyntaxError(`unexpected '${this.tokens[this.pos].text}'`);
    return steps;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text === text;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.text === text;
  }

  private expectWord(text: string): void {
    if (!this.isWord(text)) throw new ShellSyntaxError(`expected '${text}'`);
    this.pos++;
  }

  private list(stopWords: ReadonlySet<string>, stopOps: ReadonlySet<string>): Step[] {
    const steps: Step[] = [];
    let conditional = false;
    for (;;) {
      while (this.isOp('\n') || this.isOp(';')) {
        this.pos++;
        conditional = false;
      }
      const t = this.peek();
      if (!t || (t.kind === 'word' && stopWords.has(t.text)) || (t.kind === 'op' && stopOps.has(t.text))) return steps;
      const { command, piped } = this.pipeline();
      const sep = this.peek();
      const background = sep?.kind === 'op' && sep.text === '&';
      steps.push({ command, piped, background, conditional });
      conditional = sep?.kind === 'op' && (sep.text === '&&' || sep.text === '||');
      if (sep?.kind === 'op' && SEPARATORS.has(sep.text)) this.pos++;
      else if (sep && !(sep.kind === 'word' && stopWords.has(sep.text)) && !(sep.kind === 'op' && stopOps.has(sep.text))) {
        throw new ShellSyntaxError(`unexpected '${sep.text}'`);
      }
    }
  }

  /** A pipeline lasts as long as its last command; the ones piped into it are kept apart. */
  private pipeline(): { command: Command; piped: Command[] } {
    if (this.isWord('!')) this.pos++;
    const piped: Command[] = [];
    let command = this.redirected();
    while (this.isOp('|')) {
      this.pos++;
      while (this.isOp('\n')) this.pos++;
      piped.push(command);
      command = this.redirected();
    }
    return { command, piped };
  }

  /** A command; redirections after a compound one (`done >log`) do not matter here, a simple one keeps its own. */
  private redirected(): Command {
    const command = this.command();
    while (this.peek()?.kind === 'redirect') this.pos++;
    return command;
  }

  private command(): Command {
    const t = this.peek();
    if (!t) throw new ShellSyntaxError('missing command');
    if (t.kind === 'op') {
      if (t.text !== '(') throw new ShellSyntaxError(`unexpected '${t.text}'`);
      this.pos++;
      const steps = this.list(new Set(), new Set([')']));
      if (!this.isOp(')')) throw new ShellSyntaxError('expected \')\'');
      this.pos++;
      return { type: 'group', keyword: '(', steps };
    }
    switch (t.text) {
      case '{': {
        this.pos++;
        const steps = this.list(new Set(['}']), new Set());
        this.expectWord('}');
        return { type: 'group', keyword: '{', steps };
      }
      case 'while': case 'until': {
        this.pos++;
        const condition = this.list(new Set(['do']), new Set());
        this.expectWord('do');
        const body = this.list(new Set(['done']), new Set());
        this.expectWord('done');
        return { type: 'loop', keyword: t.text, steps: [...condition, ...body] };
      }
      case 'for': case 'select': {
        this.pos++;
        while (this.peek() && !this.isWord('do')) this.pos++;
        this.expectWord('do');
        const steps = this.list(new Set(['done']), new Set());
        this.expectWord('done');
        return { type: 'loop', keyword: t.text, steps };
      }
      case 'if': {
        this.pos++;
        const steps = this.list(new Set(['then']), new Set());
        this.expectWord('then');
        for (;;) {
          steps.push(...this.list(new Set(['elif', 'else', 'fi']), new Set()));
          const k = this.peek()?.text;
          this.pos++;
          if (k === 'fi') break;
          if (k === 'elif') {
            steps.push(...this.list(new Set(['then']), new Set()));
            this.expectWord('then');
          } else if (k !== 'else') {
            throw new ShellSyntaxError('expected \'fi\'');
          }
        }
        return { type: 'other', keyword: 'if', steps };
      }
      case 'case': {
        // Patterns end in ')', which would confuse the list parser: skip to the matching esac.
        let depth = 0;
        for (; this.pos < this.tokens.length; this.pos++) {
          const w = this.tokens[this.pos];
          if (w.kind !== 'word') continue;
          if (w.text === 'case') depth++;
          if (w.text === 'esac' && --depth === 0) break;
        }
        this.expectWord('esac');
        return { type: 'other', keyword: 'case' };
      }
      case 'function': {
        this.pos++;
        const name = this.peek()?.text ?? '';
        this.pos++;
        if (this.isOp('(')) this.pos += 2;
        return this.defineFunction(name);
      }
    }
    const argv: string[] = [];
    const redirects: string[] = [];
    for (let w = this.peek(); w?.kind === 'word' || w?.kind === 'redirect'; w = this.tokens[++this.pos]) {
      (w.kind === 'word' ? argv : redirects).push(w.text);
    }
    if (argv.length === 1 && redirects.length === 0 && this.isOp('(') && this.tokens[this.pos + 1]?.text === ')') {
      this.pos += 2;
      return this.defineFunction(argv[0]);
    }
    return { type: 'simple', argv, redirects };
  }

  private defineFunction(name: string): Command {
    while (this.isOp('\n')) this.pos++;
    this.functions.set(name, this.command());
    return { type: 'other', keyword: 'function', steps: [] };
  }
}

/**
 * Parses a script, or returns undefined when it uses syntax this parser does not follow. Read-only: during
 * an evaluation each script is parsed once (several rules read it, and copies of an app repeat it).
 */
export function parseScript(script: string): Script | undefined {
  return perText(parseScript, script, parse);
}

function parse(script: string): Script | undefined {
  try {
    const parser = new Parser(tokenize(script));
    const steps = parser.parseScript();
    return { steps, functions: parser.functions };
  } catch (e) {
    if (e instanceof ShellSyntaxError) return undefined;
    throw e;
  }
}

/** The shells whose `-c` we read (`busybox` only as `busybox sh`). */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The last path segment of a program: `/usr/sbin/sshd` → `sshd`. */
export function programName(word: string): string {
  return word.split('/').pop() ?? word;
}

/**
 * How a shell invocation runs: the `-c` script or a script file, each with its index `at` in argv
 * (the shell and its options come before it), or nothing (an interactive shell that reads its
 * standard input).
 */
export type ShellInvocation = { readonly script: string; readonly at: number } | { readonly file: string; readonly at: number } | { readonly bare: true };

/** How `argv` runs a shell, or undefined when argv[0] is not one (nor `busybox sh`). */
export function shellInvocation(argv: readonly string[]): ShellInvocation | undefined {
  const shell = programName(argv[0] ?? '');
  if (!SHELLS.has(shell)) return undefined;
  let i = 1;
  let readsC = false;
  if (shell === 'busybox') {
    // Other applets (`busybox httpd -f -c conf`) are not shells.
    if (!SHELLS.has(argv[1] ?? '')) return undefined;
    i++;
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (/^--\w/.test(a)) {
      if (a === '--rcfile' || a === '--init-file') i++;
      continue;
    }
    if (!/^[-+]\w+$/.test(a)) break;
    if (a.startsWith('-') && a.includes('c')) readsC = true;
    // -o option takes a name
    if (/^[-+]\w*o$/.test(a)) i++;
  }
  if (argv[i] === undefined) return { bare: true };
  return readsC ? { script: argv[i], at: i } : { file: argv[i], at: i };
}

/** A `NAME=value` word, which before the command word sets a variable for it. */
export function isAssignment(word: string): boolean {
  return /^[A-Za-z_]\w*=/.test(word);
}

/** The command word of a simple command: its first word after `NAME=value` assignments. */
export function commandWord(argv: readonly string[]): string | undefined {
  return argv.find(w => !isAssignment(w));
}

/** True when a simple command replaces the shell with a program: `exec app`, not `exec 2>&1` (redirections only). */
export function isExec(argv: readonly string[]): boolean {
  const i = argv.findIndex(w => !isAssignment(w));
  return i >= 0 && argv[i] === 'exec' && i + 1 < argv.length;
}

/** Shell builtins that start no process a signal would have to reach. */
export const INERT_BUILTINS = new Set(['exit', 'echo', 'printf', 'true', 'false', ':', 'export', 'set', 'unset', 'cd', 'test', '[', '[[', 'shift', 'return', 'readonly', 'local', 'umask', 'ulimit', 'read']);

/**
 * The argv of every simple command `steps` may run, nested and piped ones included (function
 * bodies only where called, by name); undefined when some sit in a `case`, whose branches are not parsed.
 */
export function simpleCommands(steps: readonly Step[]): (readonly string[])[] | undefined {
  const out: (readonly string[])[] = [];
  const visit = (c: Command): boolean => {
    if (c.type === 'simple') out.push(c.argv);
    else if (c.steps === undefined || !visitSteps(c.steps)) return false;
    return true;
  };
  const visitSteps = (list: readonly Step[]): boolean => list.every(s => s.piped.every(visit) && visit(s.command));
  return visitSteps(steps) ? out : undefined;
}

/** True when a top-level step of the script installs a handler for SIGTERM (`trap 'kill $pid' TERM`). */
export function trapsTerm(script: Script): boolean {
  return script.steps.some(({ command: c }) => {
    if (c.type !== 'simple' || commandWord(c.argv) !== 'trap') return false;
    // After the action: `trap ACTION SIGNAL…`.
    return c.argv.slice(c.argv.indexOf('trap') + 2).some(w => /^(SIG)?TERM$|^15$/.test(w));
  });
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, '\'\\\'\'')}'`;
}

/**
 * Writes a parsed word back as shell text. The parser leaves `$…` and backquotes unexpanded, so a
 * word holding them stays bare or goes in double quotes, where it still expands.
 */
export function requote(word: string): string {
  if (!/[$`]/.test(word)) return shellQuote(word);
  return /^[^\s;&|<>()'"\\*?#~]+$/.test(word) ? word : `"${word.replace(/["\\]/g, '\\$&')}"`;
}
