import { perObject, perText } from '../k8s';
import { K8sObject } from '../types';

/** One meaningful line of an HAProxy config: its words (quotes kept) and 1-based line number. */
export interface HaproxyLine {
  readonly line: number;
  readonly words: readonly string[];
}

/** A section of an HAProxy config read back from text: `frontend web` and the lines under it. */
export interface HaproxyTextSection {
  readonly keyword: string;
  readonly name?: string;
  readonly line: number;
  readonly lines: readonly HaproxyLine[];
}

/** An HAProxy config found in a ConfigMap: where it is and its sections. */
export interface HaproxyConfigRef {
  /** The field, `data["haproxy.cfg"]`. */
  readonly field: string;
  /** The key, `haproxy.cfg`, for messages. */
  readonly key: string;
  readonly sections: readonly HaproxyTextSection[];
}

const SECTION_KEYWORDS = new Set(['global', 'defaults', 'frontend', 'backend', 'listen', 'resolvers', 'peers', 'userlist', 'mailers', 'program', 'http-errors', 'ring', 'cache']);
const PROXY_HEADING = /^(frontend|backend|listen|defaults)(\s|$)/m;
const PROXY_LINE = /^\s+(bind|server|default_backend|mode)\s/m;

/**
 * The words of one line, the way HAProxy splits them: blanks separate words, quotes and backslashes
 * protect them, and an unquoted `#` that starts a word starts a comment.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quote !== '\'' && i + 1 < text.length) {
      word += ch + text[++i];
      inWord = true;
    } else if (quote) {
      word += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === '\'') {
      quote = ch;
      word += ch;
      inWord = true;
    } else if (isBlank(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '#' && !inWord) {
      break;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** `/\s/.test(ch)`, without the regular expression for ASCII (this runs for every character of a config). */
function isBlank(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(ch);
}

/** The sections of an HAProxy config text, in order (lines before the first section are dropped). */
export function parseHaproxy(text: string): HaproxyTextSection[] {
  const sections: { keyword: string; name?: string; line: number; lines: HaproxyLine[] }[] = [];
  text.split('\n').forEach((raw, i) => {
    const words = splitWords(raw);
    if (words.length === 0) return;
    if (SECTION_KEYWORDS.has(words[0]) && !/^\s/.test(raw)) {
      sections.push({ keyword: words[0], name: words[1], line: i + 1, lines: [] });
    } else if (sections.length > 0) {
      sections[sections.length - 1].lines.push({ line: i + 1, words });
    }
  });
  return sections;
}

const isHaproxyConfig = (v: unknown): v is string => typeof v === 'string' && PROXY_HEADING.test(v) && PROXY_LINE.test(v);

/** The HAProxy configs a ConfigMap holds: values with a proxy section and a bind or server line. Read-only: shared by the rules of an evaluation. */
export function haproxyConfigsOf(obj: K8sObject): readonly HaproxyConfigRef[] {
  return perObject(haproxyConfigsOf, obj, findConfigs);
}

function findConfigs(obj: K8sObject): HaproxyConfigRef[] {
  const data = obj.data;
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data).sort()
    .filter(key => isHaproxyConfig(data[key]))
    // Copies of an app repeat their proxy config: each text is parsed once per evaluation.
    .map(key => ({ field: `data[${JSON.stringify(key)}]`, key, sections: perText(parseHaproxy, data[key], parseHaproxy) }));
}

/** True when a ConfigMap holds at least one HAProxy config. */
export function holdsHaproxyConfig(obj: K8sObject): boolean {
  const data = obj.data;
  if (!data || typeof data !== 'object') return false;
  return Object.keys(data).some(key => isHaproxyConfig(data[key]));
}

/** `frontend 'web'` or `defaults`, for messages. */
export function sectionLabel(s: HaproxyTextSection): string {
  return s.name ? `${s.keyword} '${s.name}'` : s.keyword;
}
