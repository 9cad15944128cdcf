import { Rule, Violation } from '../types';
import { haproxyConfigsOf, HaproxyLine, HaproxyTextSection, holdsHaproxyConfig, sectionLabel } from './haproxy-text';

/** Server and proxy keywords whose value is a count that must be a whole number ≥ 1. */
const COUNTS = new Set(['error-limit', 'fall', 'rise', 'maxconn']);
const WILDCARDS = new Set(['', '*', '0.0.0.0', '::', '[::]']);

/** The address and port of each `addr:port` of a bind line (ranges and sockets are skipped). */
function bindAddresses(l: HaproxyLine): { addr: string; port: number }[] {
  return (l.words[1] ?? '').split(',').flatMap(a => {
    const m = /^(.*):(\d+)$/.exec(a);
    return m && !a.includes('@') ? [{ addr: m[1], port: Number(m[2]) }] : [];
  });
}

function statusOf(l: HaproxyLine): { status: number; keyword: string } | undefined {
  const i = l.words.findIndex((w, k) => (w === 'status' && l.words[0] === 'http-request' && l.words[1] === 'return' && k === 2) || w === 'deny_status');
  return i >= 0 && l.words[i + 1] !== undefined ? { status: Number(l.words[i + 1]), keyword: l.words[i] } : undefined;
}

export const proxyConfigInvalid: Rule = {
  id: 'CKP311',
  name: 'proxy-config-invalid',
  level: 'error',
  summary: 'An HAProxy config in a ConfigMap binds each port once, to a valid port, and its counts (error-limit, fall, rise, maxconn) and returned statuses are in range.',
  why: 'HAProxy binds with SO_REUSEPORT, so two frontends on one port both start and the kernel splits connections between '
    + 'them: calls meant for one dependency reach another, or skip the rate limit. A count of 0 or a status HAProxy cannot '
    + 'send makes the proxy refuse to start; in a sidecar that takes the whole pod out of service.',
  fix: 'Give each listener its own port (1–65535), counts of 1 or more, and statuses from 200 to 599.',
  kinds: ['ConfigMap'],
  appliesTo: holdsHaproxyConfig,
  check(obj) {
    const out: Violation[] = [];
    for (const config of haproxyConfigsOf(obj)) {
      const bound: { addr: string; port: number; where: string }[] = [];
      const add = (s: HaproxyTextSection, l: HaproxyLine, value: unknown, message: string) => out.push({ field: config.field, value, message: `${config.key} line ${l.line}: ${sectionLabel(s)} ${message}` });
      for (const s of config.sections) {
        for (const l of s.lines) {
          if (l.words[0] === 'bind') {
            for (const b of bindAddresses(l)) {
              if (!Number.isInteger(b.port) || b.port < 1 || b.port > 65535) add(s, l, b.port, `binds port ${b.port}, outside 1–65535`);
              const clash = bound.find(o => o.port === b.port && (o.addr === b.addr || WILDCARDS.has(o.addr) || WILDCARDS.has(b.addr)));
              if (clash) add(s, l, b.port, `binds port ${b.port}, which ${clash.where} binds too: connections would be split between them`);
              bound.push({ ...b, where: `${sectionLabel(s)} (line ${l.line})` });
            }
          }
          const counted = l.words[0] === 'server' || l.words[0] === 'default-server' || l.words[0] === 'maxconn';
          l.words.forEach((w, i) => {
            if (!counted || !COUNTS.has(w) || (l.words[0] === 'maxconn' && i !== 0)) return;
            const v = l.words[i + 1];
            if (!/^[1-9]\d*$/.test(v ?? '')) add(s, l, v, `sets ${w} to ${JSON.stringify(v ?? '')}, which must be a whole number of at least 1`);
          });
          const st = statusOf(l);
          if (st && !(Number.isInteger(st.status) && st.status >= 200 && st.status <= 599)) add(s, l, st.status, `${st.keyword} ${st.status} is not a status HAProxy can send (200–599)`);
        }
      }
    }
    return out;
  },
};
