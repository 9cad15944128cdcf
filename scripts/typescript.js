// TypeScript through its API, for the build (tsconfig.build.json: lib/ to build/, scripts/build.js)
// and npm test's type-check (tsconfig.json, no output, scripts/test.js): what `tsc -p <config>` does,
// with the same options, incremental state files and diagnostics. One `Compiler` shares what its
// programs read alike. The build and the type-check both read node_modules' declarations (4.4 MB) and
// lib/'s sources; parsing and binding them was most of each tsc's time (parse 1.4 s + bind 0.6 s of
// ~2.3 s after a one-line edit). A file's syntax tree and binding depend only on its text and the
// options TypeScript lists in `sourceFileAffectingCompilerOptions`, so a second program with the same
// values of those takes the first one's files, as TypeScript's language service shares files between
// projects (its document registry).
'use strict';
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

class Compiler {
  constructor() {
    /** Source files by name and the options that shape them. */
    this.files = new Map();
  }

  /** TypeScript, loaded when first needed (~0.2 s: npm test with nothing to compile never loads it). */
  get ts() {
    return require('typescript');
  }

  /**
   * Compiles the project of `config` (relative to the repository) as `tsc -p config` with `overrides`
   * (tsc's flags as compiler options) does: writes its outputs and incremental state, and returns
   * whether it had no error and its diagnostics as tsc prints them (`pretty`: with colours and context).
   */
  compile(config, overrides = {}, { pretty = false } = {}) {
    const ts = this.ts;
    let configError;
    const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, config), overrides, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: d => { configError = d; },
    });
    if (!parsed) return this.result([configError], pretty);
    const host = ts.createIncrementalCompilerHost(parsed.options);
    // Unknown to a TypeScript that no longer lists them: then nothing is shared.
    const shape = ts.sourceFileAffectingCompilerOptions?.map(o => String(parsed.options[o.name])).join(',') ?? `${config}#${this.files.size}`;
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreateNewSourceFile) => {
      const options = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
      const key = `${fileName}\0${shape}\0${options.languageVersion},${options.impliedNodeFormat},${options.jsDocParsingMode}`;
      const known = this.files.get(key);
      if (known && !shouldCreateNewSourceFile) return known;
      const file = read(fileName, languageVersion, onError, shouldCreateNewSourceFile);
      if (file) this.files.set(key, file);
      return file;
    };
    const program = ts.createIncrementalProgram({
      rootNames: parsed.fileNames,
      options: parsed.options,
      projectReferences: parsed.projectReferences,
      configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
      host,
    });
    // The steps of tsc's emitFilesAndReportErrors (typescript/lib/typescript.js): semantic diagnostics only
    // when the syntax is sound.
    const diagnostics = [...program.getConfigFileParsingDiagnostics()];
    const configCount = diagnostics.length;
    diagnostics.push(...program.getSyntacticDiagnostics());
    if (diagnostics.length === configCount) {
      diagnostics.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
      if (diagnostics.length === configCount) diagnostics.push(...program.getSemanticDiagnostics());
      // With noEmit, declaration errors are not found by an emit.
      const declarations = parsed.options.declaration || parsed.options.composite;
      if (parsed.options.noEmit && declarations && diagnostics.length === configCount) diagnostics.push(...program.getDeclarationDiagnostics());
    }
    diagnostics.push(...program.emit().diagnostics);
    return this.result(ts.sortAndDeduplicateDiagnostics(diagnostics), pretty);
  }

  result(diagnostics, pretty) {
    const ts = this.ts;
    const host = { getCurrentDirectory: () => ROOT, getCanonicalFileName: f => f, getNewLine: () => '\n' };
    const errors = diagnostics.filter(d => d.category === ts.DiagnosticCategory.Error).length;
    let output = pretty ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host);
    // tsc's summary line comes with its pretty output only.
    if (pretty && errors > 0) output += `\nFound ${errors} error${errors === 1 ? '' : 's'}.\n`;
    return { ok: errors === 0, output };
  }
}

module.exports = { Compiler };
