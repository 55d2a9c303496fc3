/**
 * Jest 29 cannot `require` an ES module, and `jose` 6 ships only ES modules (Node itself loads
 * it through require(esm)). This transformer rewrites jose's files to CommonJS with the
 * TypeScript compiler the repository already has, so no extra Babel plugin is needed.
 */
const ts = require('typescript');

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, sourceMap: true },
    });
    return { code: outputText, map: sourceMapText };
  },
};
