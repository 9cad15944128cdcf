import { Rule, Violation } from '../types';
import { haproxyConfigsOf, HaproxyTextSection, holdsHaproxyConfig, sectionLabel } from './haproxy-text';

/** The timeouts each kind of proxy needs, as HAProxy's own "missing timeouts" warning lists them. */
const NEEDED: Record<string, readonly string[]> = {
  frontend: ['client'],
  backend: ['connect', 'server'],
  listen: ['client', 'connect', 'server'],
};

/** The timeouts a section sets to a positive value, and those it sets to 0 (no timeout). */
function timeoutsOf(s: HaproxyTextSection): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const l of s.lines) {
    if (l.words[0] !== 'timeout' || l.words.length < 3) continue;
    out.set(l.words[1], !/^0+(us|ms|s|m|h|d)?$/.test(l.words[2]));
  }
  return out;
}

export const proxyTimeoutMissing: Rule = {
  id: 'CKP310',
  name: 'proxy-timeout-missing',
  level: 'error',
  summary: 'An HAProxy config in a ConfigMap sets a non-zero client timeout on every frontend and connect and server timeouts on every backend, itself or in its defaults.',
  why: 'Without `timeout server` HAProxy waits for a slow dependency as long as the dependency takes: seed 004\'s weather service '
    + 'took 30 s per call, so every page of the frontend did too, and a circuit breaker never sees a failure to trip on. HAProxy '
    + 'only warns about a missing timeout (`haproxy -c` still says the config is valid), and a timeout of 0 means none.',
  fix: 'Set `timeout client`, `timeout connect` and `timeout server` in the `defaults` section (or in each proxy), to the longest wait '
    + 'the caller can afford (the seed: 1s for an edge service).',
  kinds: ['ConfigMap'],
  appliesTo: holdsHaproxyConfig,
  check(obj) {
    const out: Violation[] = [];
    for (const config of haproxyConfigsOf(obj)) {
      let defaults = new Map<string, boolean>();
      for (const s of config.sections) {
        if (s.keyword === 'defaults') {
          defaults = new Map([...defaults, ...timeoutsOf(s)]);
          continue;
        }
        const needed = NEEDED[s.keyword];
        if (!needed) continue;
        const own = timeoutsOf(s);
        const missing = needed.filter(t => !(own.get(t) ?? defaults.get(t) ?? false));
        if (missing.length === 0) continue;
        out.push({
          field: config.field,
          value: missing.map(t => `timeout ${t}`).join(', '),
          message: `${config.key} line ${s.line}: ${sectionLabel(s)} has no ${missing.map(t => `\`timeout ${t}\``).join(', ')} (or sets it to 0), so it may wait forever`,
          fix: `Set ${missing.map(t => `\`timeout ${t}\``).join(', ')} in ${sectionLabel(s)} or in the defaults section above it.`,
        });
      }
    }
    return out;
  },
};
