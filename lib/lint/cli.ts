import * as fs from 'fs';
import * as path from 'path';
import { findRule, RULES } from '../rules/index';
import { RULE_PROFILES, RuleProfile } from '../rules/types';
import { explainText, rulesMarkdown, rulesText } from './catalogue';
import { Format, FORMATS, jsonReport, problemLine, textReport } from './formats';
import type { LintProblem, LintSource } from './lint';
import { sarifReport } from './sarif';

/** What the CLI talks to, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Buffer;
  /** The version printed by `--version` and written into SARIF. */
  readonly version: string;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: cdk8s-patterns lint [options] <file | directory | ->...

Checks Kubernetes YAML against the cdk8s-patterns rule pack. Directories are searched
recursively for *.yaml and *.yml (skipping node_modules and hidden directories); '-' reads stdin.

Options:
  --format <text|json|sarif>  output format (default: text)
  --strict                    warnings fail the run too
  --profile <default|strict>  the rule set: strict adds the strict profile's rules (digest pinning)
  --skip <ids>                rule ids not to run, comma-separated (repeatable)
  --schema                    also validate against the Kubernetes 1.27 schema and API-server rules
                              (CKP800; custom resources are not checked). Off by default: loading
                              the schema costs more than the rest of the rule pack
  --rules                     list the rules (--format json or markdown for data or RULES.md)
  --explain <id>              print what a rule checks, why, and the fix
  --version                   print the version
  -h, --help                  print this help

Exit codes: 0 clean, 1 error findings (or warnings with --strict), 2 usage error, unreadable input
or an internal error of a rule.
`;

class UsageError extends Error {}

interface Args {
  format: string;
  strict: boolean;
  schema: boolean;
  skip: string[];
  rules: boolean;
  explain?: string;
  help: boolean;
  version: boolean;
  paths: string[];
  // issue 15: rule profiles
  profile: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { format: 'text', strict: false, schema: false, skip: [], rules: false, help: false, version: false, paths: [], profile: 'default' };
  const rest = [...argv];
  if (rest[0] === 'lint') rest.shift();
  const value = (flag: string, inline: string | undefined) => {
    const v = inline ?? rest.shift();
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  let options = true;
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (!options || arg === '-' || !arg.startsWith('-')) {
      args.paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--': options = false; break;
      case '--format': args.format = value(flag, inline); break;
      case '--strict': args.strict = true; break;
      case '--schema': args.schema = true; break;
      case '--skip': args.skip.push(...value(flag, inline).split(',').map(s => s.trim()).filter(Boolean)); break;
      case '--rules': args.rules = true; break;
      case '--explain': args.explain = value(flag, inline); break;
      case '--version': args.version = true; break;
      case '--profile': args.profile = value(flag, inline); break; // issue 15
      case '-h': case '--help': args.help = true; break;
      default: throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return args;
}

/** The YAML files under a directory, sorted, skipping node_modules and hidden directories. */
export function yamlFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...yamlFilesIn(full));
    } else if (/\.ya?ml$/i.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Runs `cdk8s-patterns …` and returns the exit code. Never throws for bad input. */
export function run(argv: readonly string[], io: CliIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
    if (!args.help && !args.version && !args.rules && args.explain === undefined && argv[0] !== 'lint') {
      throw new UsageError(argv.length === 0 ? 'no command given' : `unknown command '${argv[0]}'`);
    }
    if (!(FORMATS as readonly string[]).includes(args.format) && !(args.rules && args.format === 'markdown')) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}${args.rules ? ', markdown' : ''}, not '${args.format}'`);
    }
    // issue 15: rule profiles
    if (!(RULE_PROFILES as readonly string[]).includes(args.profile)) throw new UsageError(`--profile must be one of ${RULE_PROFILES.join(', ')}, not '${args.profile}'`);
    const unknown = args.skip.filter(id => !findRule(id));
    if (unknown.length > 0) throw new UsageError(`--skip: unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (--rules lists them)`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cdk8s-patterns: ${e.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  if (args.help) {
    io.stdout(USAGE);
    return EXIT_CLEAN;
  }
  if (args.version) {
    io.stdout(`${io.version}\n`);
    return EXIT_CLEAN;
  }
  if (args.explain !== undefined) {
    const rule = findRule(args.explain.toUpperCase());
    if (!rule) {
      io.stderr(`cdk8s-patterns: no rule '${args.explain}' (--rules lists them)\n`);
      return EXIT_USAGE;
    }
    io.stdout(explainText(rule));
    return EXIT_CLEAN;
  }
  if (args.rules) {
    if (args.format === 'markdown') io.stdout(rulesMarkdown(RULES));
    else if (args.format === 'text') io.stdout(rulesText(RULES));
    else io.stdout(`${JSON.stringify(RULES.map(({ check: _check, appliesTo: _appliesTo, ...data }) => data), null, 2)}\n`);
    return EXIT_CLEAN;
  }
  return lint(args, io);
}

function lint(args: Args, io: CliIo): number {
  if (args.paths.length === 0) {
    io.stderr(`cdk8s-patterns: lint needs a file, a directory or '-'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const sources: LintSource[] = [];
  const unreadable: LintProblem[] = [];
  for (const p of args.paths) {
    try {
      if (p === '-') {
        sources.push({ file: '<stdin>', content: io.readStdin() });
      } else if (fs.statSync(p).isDirectory()) {
        const files = yamlFilesIn(p);
        if (files.length === 0) unreadable.push({ file: p, message: 'no *.yaml or *.yml files in this directory', unreadable: true, kind: 'unreadable' });
        for (const f of files) sources.push({ file: f, content: fs.readFileSync(f) });
      } else {
        sources.push({ file: p, content: fs.readFileSync(p) });
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      unreadable.push({ file: p, message: `cannot read: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`, unreadable: true, kind: 'unreadable' });
    }
  }

  // The schema (CKP800) and the rest of the lint are loaded only when used: `--version`, `--rules` and
  // the default rule pack start without them.
  const { lintSources } = require('./lint') as typeof import('./lint');
  const schema = args.schema ? (require('../schema/lint-rules') as typeof import('../schema/lint-rules')).withSchemaRule(true) : {};
  const linted = lintSources(sources, { skip: args.skip, profile: args.profile as RuleProfile, ...schema });
  // Paths that could not be read are input problems too: on stderr, and in the JSON and SARIF (issue 15).
  const report = { ...linted, problems: [...unreadable, ...linted.problems] };
  for (const u of unreadable) io.stderr(`${u.file}: ${u.message}\n`);
  for (const p of linted.problems) io.stderr(`${problemLine(p)}\n`);
  const format = args.format as Format;
  if (format === 'json') io.stdout(jsonReport(report));
  else if (format === 'sarif') io.stdout(sarifReport(report, io.version));
  else io.stdout(textReport(report, sources.length));

  if (report.problems.some(p => p.unreadable)) return EXIT_USAGE;
  // A rule that threw leaves the check incomplete, like input that could not be read (issue 15).
  if (report.findings.some(f => f.internalError)) return EXIT_USAGE;
  const failing = report.findings.some(f => !f.suppressed && (f.level === 'error' || (args.strict && f.level === 'warning')));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}
