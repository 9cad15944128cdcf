import * as kplus from '../plus';
import { actionFields, plusPort, PortRef, withActionFields } from './handler-extras';

/** Options of an HTTP lifecycle hook. */
export interface HttpHookOptions {
  /**
   * The port, by number or by the name of a port the container declares.
   * @default - the container's served port
   */
  readonly port?: PortRef;
  /** @default kplus.ConnectionScheme.HTTP */
  readonly scheme?: kplus.ConnectionScheme;
  /** Request headers, in this order. @default - none */
  readonly headers?: Record<string, string>;
}

type HookAction =
  | { readonly type: 'exec'; readonly command: readonly string[] }
  | { readonly type: 'http'; readonly path: string; readonly options: HttpHookOptions };

/**
 * What runs right after a container is created, e.g. registering with a service registry.
 *
 * It runs concurrently with the image's entrypoint: nothing guarantees it starts before or after the
 * app, so it must not assume the app is listening (an `httpGet` to the app itself may hit a closed
 * port). The container is not `Running` until it returns, and probes wait for it; if it fails, the
 * kubelet kills the container and restarts it (a registry that is down becomes a crash loop: make the
 * command tolerate it).
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export class PostStart {
  /** A command run in the container (needs the binary in the image). */
  public static exec(command: string[]): PostStart {
    return new PostStart({ type: 'exec', command: [...command] });
  }

  /** An HTTP GET from the kubelet to the container. */
  public static httpGet(path: string, options: HttpHookOptions = {}): PostStart {
    return new PostStart({ type: 'http', path, options });
  }

  private constructor(private readonly action: HookAction) {}

  /**
   * The cdk8s-plus handler. Named ports and headers are written by `applyActionFields`.
   * @param defaultPort the port when the hook names none (the container's served port)
   */
  public toHandler(defaultPort?: PortRef): kplus.Handler {
    const a = this.action;
    if (a.type === 'exec') return kplus.Handler.fromCommand([...a.command]);
    const port = a.options.port ?? defaultPort;
    const handler = kplus.Handler.fromHttpGet(a.path, { port: plusPort(port) });
    // cdk8s-plus-27's hook options have no scheme (it renders HTTP): HTTPS is written like the headers.
    const scheme = a.options.scheme === kplus.ConnectionScheme.HTTPS ? a.options.scheme : undefined;
    return withActionFields(handler, actionFields('httpGet', port, a.options.headers, scheme));
  }
}

/** Hooks of a container besides the graceful-shutdown preStop. */
export interface LifecycleProps {
  /**
   * Runs right after the container is created, concurrently with its entrypoint; the container is not
   * Running until it returns. See {@link PostStart}.
   * @default - none
   */
  readonly postStart?: PostStart;
}

/** Joins a command into one POSIX shell line, quoting only the words that need it. */
export function shellJoin(command: readonly string[]): string {
  return command.map(w => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
