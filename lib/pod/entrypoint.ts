import { shellQuote } from '../rules/process/shell';

type ForegroundKind =
  | { readonly type: 'sshd'; readonly path: string; readonly extraArgs: readonly string[] }
  | { readonly type: 'argv'; readonly argv: readonly string[] };

/**
 * The process a long-running container ends with, in the foreground: while it runs, the container
 * runs. Becomes the last word of the container's `args`, after any startup steps.
 */
export class Foreground {
  /**
   * sshd in the foreground, logging to stderr (`kubectl logs`): `/usr/sbin/sshd -D -e [-p <port>]`.
   * @param options.path where sshd is installed (default `/usr/sbin/sshd`)
   * @param options.extraArgs more sshd options, e.g. `['-o', 'PasswordAuthentication=no']`
   */
  public static sshd(options: { path?: string; extraArgs?: string[] } = {}): Foreground {
    return new Foreground({ type: 'sshd', path: options.path ?? '/usr/sbin/sshd', extraArgs: options.extraArgs ?? [] });
  }

  /**
   * A process that does nothing and never ends (`sleep infinity`, GNU coreutils), for a box used
   * through `kubectl exec`, or whose daemons the startup steps start.
   */
  public static keepAlive(): Foreground {
    return new Foreground({ type: 'argv', argv: ['sleep', 'infinity'] });
  }

  /**
   * An interactive shell. It stays up only with a terminal or an open stdin (`interactive: true`);
   * without one it exits at once (rule CKP902).
   */
  public static shell(path = '/bin/bash'): Foreground {
    return new Foreground({ type: 'argv', argv: [path] });
  }

  /** Any program that stays in the foreground, e.g. `['/usr/sbin/crond', '-n']`. Checked by rule CKP902. */
  public static exec(argv: string[]): Foreground {
    return new Foreground({ type: 'argv', argv });
  }

  private constructor(private readonly kind: ForegroundKind) {}

  /** True for {@link Foreground.sshd}. */
  public get isSshd(): boolean {
    return this.kind.type === 'sshd';
  }

  /**
   * The command line.
   * @param sshPort the port sshd listens on (`-p` is added unless it is 22, sshd's own default)
   */
  public argv(sshPort: number): string[] {
    const k = this.kind;
    if (k.type === 'argv') return [...k.argv];
    return [k.path, '-D', '-e', ...(sshPort === 22 ? [] : ['-p', String(sshPort)]), ...k.extraArgs];
  }
}

/**
 * The `args` that run `steps` and then replace the shell with `foreground` (`exec`), so the
 * foreground process is the one the image's entrypoint (tini, an `exec "$@"` script, or none)
 * watches. Without steps, the foreground command line itself. `set -e` stops the container at a
 * failing step, with its error in `kubectl logs`, instead of leaving a half-started box.
 */
export function startupArgs(shell: string, steps: readonly string[], foreground: readonly string[]): string[] {
  if (steps.length === 0) return [...foreground];
  return [shell, '-c', ['set -e', ...steps, `exec ${foreground.map(shellQuote).join(' ')}`].join('\n')];
}
