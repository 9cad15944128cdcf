/**
 * Just enough of a POSIX shell parser to tell what the LAST step of a container's startup script
 * is: lists (`;` `&&` `||` `&` newlines), pipelines, `( … )` and `{ …; }` groups, loops, `if` and
 * `case`, function definitions, quoting, comments and redirections. Anything it cannot follow makes
 * the caller answer "unknown", never a finding.
 */

/** A token: a word with its quotes removed, or an operator. */
export type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'op'; readonly text: string };

/** One command of a script, as far as the last-step question needs. */
export type Command =
  | { readonly type: 'simple'; readonly argv: readonly string[] }
  | { readonly type: 'group'; readonly steps: readonly Step[] }
  | { readonly type: 'loop'; readonly keyword: string }
  | { readonly type: 'other'; readonly keyword: string };

/** A list item: a command, whether it runs in the background (`&`), and whether it runs only after `&&` or `||`. */
export interface Step {
  readonly command: Command;
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

/** Splits a script into words and operators; redirections (`>`, `2>&1`, `<file`) are dropped with their target. */
export function tokenize(script: string): Token[] {
  const out: Token[] = [];
  const s = script.replace(/\\\n/g, '');
  let i = 0;
  let word: string | undefined;
  let dropNextWord = false;
  const endWord = () => {
    if (word === undefined) return;
    if (dropNextWord) dropNextWord = false;
    else out.push({ kind: 'word', text: word });
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
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      i += ch === '&' ? 2 : 1;
      while (s[i] === '>' || s[i] === '<' || s[i] === '|') i++;
      if (s[i] === '&') {
        i++;
        while (i < s.length && /[0-9-]/.test(s[i])) i++;
      } else {
        dropNextWord = true;
      }
      continue;
    }
    const op = OPERATORS.find(o => s.startsWith(o, i));
    if (op) {
      endWord();
      if (dropNextWord) throw new ShellSyntaxError('redirection without a target');
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
      const command = this.pipeline();
      const sep = this.peek();
      const background = sep?.kind === 'op' && sep.text === '&';
      steps.push({ command, background, conditional });
      conditional = sep?.kind === 'op' && (sep.text === '&&' || sep.text === '||');
      if (sep?.kind === 'op' && SEPARATORS.has(sep.text)) this.pos++;
      else if (sep && !(sep.kind === 'word' && stopWords.has(sep.text)) && !(sep.kind === 'op' && stopOps.has(sep.text))) {
        throw new ShellSyntaxError(`unexpected '${sep.text}'`);
      }
    }
  }

  /** A pipeline lasts as long as its last command, which is the one that matters here. */
  private pipeline(): Command {
    if (this.isWord('!')) this.pos++;
    let command = this.command();
    while (this.isOp('|')) {
      this.pos++;
      while (this.isOp('\n')) this.pos++;
      command = this.command();
    }
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
      return { type: 'group', steps };
    }
    switch (t.text) {
      case '{': {
        this.pos++;
        const steps = this.list(new Set(['}']), new Set());
        this.expectWord('}');
        return { type: 'group', steps };
      }
      case 'while': case 'until': {
        this.pos++;
        this.list(new Set(['do']), new Set());
        this.expectWord('do');
        this.list(new Set(['done']), new Set());
        this.expectWord('done');
        return { type: 'loop', keyword: t.text };
      }
      case 'for': case 'select': {
        this.pos++;
        while (this.peek() && !this.isWord('do')) this.pos++;
        this.expectWord('do');
        this.list(new Set(['done']), new Set());
        this.expectWord('done');
        return { type: 'loop', keyword: t.text };
      }
      case 'if': {
        this.pos++;
        this.list(new Set(['then']), new Set());
        this.expectWord('then');
        for (;;) {
          this.list(new Set(['elif', 'else', 'fi']), new Set());
          const k = this.peek()?.text;
          this.pos++;
          if (k === 'fi') break;
          if (k === 'elif') {
            this.list(new Set(['then']), new Set());
            this.expectWord('then');
          } else if (k !== 'else') {
            throw new ShellSyntaxError('expected \'fi\'');
          }
        }
        return { type: 'other', keyword: 'if' };
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
    while (this.peek()?.kind === 'word') argv.push(this.tokens[this.pos++].text);
    if (argv.length === 1 && this.isOp('(') && this.tokens[this.pos + 1]?.text === ')') {
      this.pos += 2;
      return this.defineFunction(argv[0]);
    }
    return { type: 'simple', argv };
  }

  private defineFunction(name: string): Command {
    while (this.isOp('\n')) this.pos++;
    this.functions.set(name, this.command());
    return { type: 'other', keyword: 'function' };
  }
}

/** Parses a script, or returns undefined when it uses syntax this parser does not follow. */
export function parseScript(script: string): Script | undefined {
  try {
    const parser = new Parser(tokenize(script));
    const steps = parser.parseScript();
    return { steps, functions: parser.functions };
  } catch (e) {
    if (e instanceof ShellSyntaxError) return undefined;
    throw e;
  }
}

/** The shells whose `-c` we read. */
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The last path segment of a program: `/usr/sbin/sshd` → `sshd`. */
export function programName(word: string): string {
  return word.split('/').pop() ?? word;
}

/**
 * How a shell invocation `argv` (argv[0] is the shell) runs: the `-c` script, a script file, or
 * nothing (an interactive shell that reads its standard input).
 */
export function shellInvocation(argv: readonly string[]): { script: string } | { file: string } | { bare: true } {
  let i = 1;
  let readsC = false;
  // `busybox sh -c …`
  if (programName(argv[0]) === 'busybox') i++;
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
  if (readsC) return argv[i] !== undefined ? { script: argv[i] } : { bare: true };
  return argv[i] !== undefined ? { file: argv[i] } : { bare: true };
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, '\'\\\'\'')}'`;
}
