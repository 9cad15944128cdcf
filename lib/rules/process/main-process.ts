import { Command, isAssignment, parseScript, programName, Script, shellInvocation, shellQuote, Step } from './shell';

/** How the last step of a container's command line lets its main process end. */
export type ExitKind = 'background' | 'nohup' | 'daemon' | 'service' | 'bare-shell';

/** A last step that visibly ends or backgrounds the main process. */
export interface MainProcessExit {
  readonly kind: ExitKind;
  /** The step, as shell text. */
  readonly step: string;
  /** One sentence: why the main process ends there. */
  readonly reason: string;
}

/** What a container gives its main process to keep a bare shell alive. */
export interface Terminal {
  /** `tty: true`: an interactive shell waits on the terminal. */
  readonly tty?: boolean;
  /** `stdin: true`: a shell blocks reading the open stdin. */
  readonly stdin?: boolean;
  /** `stdinOnce: true`: stdin closes after the first attach ends, and the shell with it. */
  readonly stdinOnce?: boolean;
}

/** Daemons that fork into the background unless given one of these flags. */
const DAEMONS: Record<string, { flags: RegExp; hint: string }> = {
  // sshd: -D stays in the foreground; -d (debug) serves one connection and exits.
  sshd: { flags: /^-[46DdeiqtTGr]*D/, hint: '-D' },
  // cronie's crond -n (or -f), Debian's cron -f, busybox crond -f.
  crond: { flags: /^-\w*[nf]/, hint: '-n (or -f)' },
  cron: { flags: /^-\w*[nf]/, hint: '-f' },
};

const MAX_DEPTH = 8;

/**
 * The way the last step of `argv` (a container's command line, or a `-c` script inside it) lets
 * the main process end, or undefined when it stays up or this cannot tell.
 */
export function mainProcessExit(argv: readonly string[], terminal: Terminal = {}): MainProcessExit | undefined {
  return judgeArgv(argv, { terminal, functions: new Map(), depth: 0 });
}

/** The same for a shell script (the text after `sh -c`). */
export function scriptExit(script: string, terminal: Terminal = {}): MainProcessExit | undefined {
  const parsed = parseScript(script);
  return parsed ? judgeScript(parsed, { terminal, functions: new Map(), depth: 0 }) : undefined;
}

interface Context {
  readonly terminal: Terminal;
  readonly functions: ReadonlyMap<string, Command>;
  readonly depth: number;
}

function judgeScript(script: Script, ctx: Context): MainProcessExit | undefined {
  return judgeSteps(script.steps, { ...ctx, functions: new Map([...ctx.functions, ...script.functions]) });
}

function judgeSteps(steps: readonly Step[], ctx: Context): MainProcessExit | undefined {
  const last = steps[steps.length - 1];
  if (!last) return undefined;
  if (last.background) {
    const step = `${describe(last.command)} &`;
    return { kind: 'background', step, reason: `'${step}' sends the last step to the background, so the script ends right after starting it` };
  }
  return judgeCommand(last.command, ctx);
}

function judgeCommand(command: Command, ctx: Context): MainProcessExit | undefined {
  if (ctx.depth > MAX_DEPTH) return undefined;
  switch (command.type) {
    case 'group': return judgeSteps(command.steps, { ...ctx, depth: ctx.depth + 1 });
    case 'simple': return judgeArgv(command.argv, ctx);
    // A loop is how scripts keep a container up (`while true; do sleep 120; done`); a finite one cannot be told apart.
    default: return undefined;
  }
}

function judgeArgv(full: readonly string[], ctx: Context): MainProcessExit | undefined {
  const argv = unwrap(full);
  if (argv.length === 0) return undefined;
  const step = full.map(shellQuote).join(' ');
  const name = programName(argv[0]);
  if (name === 'nohup') {
    return { kind: 'nohup', step, reason: `'${step}' runs the last step under nohup, which is how a process is started to outlive its shell (and is nearly always paired with '&')` };
  }
  const fn = argv[0].includes('/') ? undefined : ctx.functions.get(argv[0]);
  if (fn) return judgeCommand(fn, { ...ctx, depth: ctx.depth + 1 });
  const how = shellInvocation(argv);
  if (how) {
    if ('script' in how) {
      const parsed = parseScript(how.script);
      return parsed ? judgeScript(parsed, { ...ctx, depth: ctx.depth + 1 }) : undefined;
    }
    if ('bare' in how && !keepsShellAlive(ctx.terminal)) {
      return {
        kind: 'bare-shell',
        step,
        reason: `'${step}' is a bare shell: without a terminal (tty: true) or an open stdin (stdin: true) it reads end-of-file and exits at once, with status 0`
          + (ctx.terminal.stdinOnce ? ' (stdinOnce: true closes stdin when the first attach ends)' : ''),
      };
    }
    return undefined;
  }
  const daemon = DAEMONS[name];
  if (daemon && !argv.slice(1).some(a => daemon.flags.test(a))) {
    return { kind: 'daemon', step, reason: `'${step}' starts ${name} without ${daemon.hint}: it forks into the background and the process that started it exits` };
  }
  const action = name === 'service' || name === 'rc-service' ? argv[2]
    : name === 'systemctl' ? argv[1]
      : argv[0].startsWith('/etc/init.d/') ? argv[1] : undefined;
  if (action === 'start' || action === 'restart') {
    return { kind: 'service', step, reason: `'${step}' asks a service manager to start a daemon in the background, and returns` };
  }
  return undefined;
}

/** Strips what only wraps the program: variable assignments, `exec`, `env`, and an init such as tini. */
function unwrap(argv: readonly string[]): readonly string[] {
  let i = 0;
  for (;;) {
    while (i < argv.length && isAssignment(argv[i])) i++;
    const name = argv[i] === undefined ? '' : programName(argv[i]);
    if (name === 'exec' || name === 'env') {
      i++;
      while (i < argv.length && argv[i].startsWith('-')) i++;
    } else if (INITS.has(name)) {
      i++;
      while (i < argv.length && argv[i].startsWith('-')) {
        if (argv[i++] === '--') break;
      }
    } else if (argv[i] === '--') {
      i++;
    } else {
      return argv.slice(i);
    }
  }
}

/** Init processes that run their arguments as the child they supervise. */
export const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit']);

/** A bare shell stays up when it has a terminal or an open stdin to read. */
function keepsShellAlive(t: Terminal): boolean {
  return !t.stdinOnce && (t.tty === true || t.stdin === true);
}

function describe(command: Command): string {
  switch (command.type) {
    case 'simple': return command.argv.map(shellQuote).join(' ');
    case 'group': return '( … )';
    default: return `${command.keyword} …`;
  }
}
