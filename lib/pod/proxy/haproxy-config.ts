import { Duration } from 'cdk8s';

/**
 * One section of an HAProxy configuration (`global`, `defaults`, `resolvers`, `frontend`, `backend`):
 * its heading line and the lines under it. The circuit breakers and the rate limiter are both written
 * as sections and rendered by {@link renderHaproxyConfig}, so one code path makes every proxy config
 * this library generates, and one test runs `haproxy -c` on all of them.
 */
export interface HaproxySection {
  /** `frontend weather`, `defaults`, ... */
  readonly heading: string;
  /** A comment line written above the heading: why the section exists. @default - none */
  readonly comment?: string;
  /** The section's lines, in order, without indentation. */
  readonly lines: readonly string[];
}

/** The HAProxy configuration text for these sections, in order: deterministic, one blank line apart. */
export function renderHaproxyConfig(sections: readonly HaproxySection[]): string {
  return sections.map(s => [
    ...(s.comment ? [`# ${s.comment}`] : []),
    s.heading,
    ...s.lines.map(l => `    ${l}`),
  ].join('\n')).join('\n\n') + '\n';
}

/** A duration as HAProxy writes it, in whole milliseconds (`1000ms`). */
export function haproxyTime(d: Duration): string {
  return `${d.toMilliseconds()}ms`;
}

/**
 * A double-quoted HAProxy string argument. Inside double quotes HAProxy reads `\\`, `\"`, `\$`, `\n`,
 * `\r`, `\t` and `\xNN` as escapes (checked against haproxy 2.6 in test/proxy), so any text survives.
 */
export function haproxyQuote(text: string): string {
  const escaped = text.replace(/[\\"$\x00-\x1f\x7f]/g, ch => {
    switch (ch) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '$': return '\\$';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return `"${escaped}"`;
}
