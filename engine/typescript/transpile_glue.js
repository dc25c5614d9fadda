// Bridges the pinned TypeScript compiler (loaded as the global `ts`) to the host. Runs inside the
// engine's own V8 isolate; the host calls the functions below with strings and gets JSON back.
(function () {
    "use strict";
    if (typeof ts === "undefined") {
        throw new Error("typescript.js did not define the global 'ts'");
    }

    function position(diagnostic) {
        if (diagnostic.file && diagnostic.start !== undefined) {
            const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
            return { line: at.line + 1, column: at.character + 1 };
        }
        return { line: 0, column: 0 };
    }

    globalThis.__botwrightTranspile = function (fileName, source) {
        const output = ts.transpileModule(source, {
            fileName: fileName,
            reportDiagnostics: true,
            compilerOptions: {
                target: ts.ScriptTarget.ES2022,
                module: ts.ModuleKind.ESNext,
                sourceMap: true,
                inlineSources: true,
                isolatedModules: true,
                verbatimModuleSyntax: false,
            },
        });
        const diagnostics = (output.diagnostics || []).map(function (d) {
            const at = position(d);
            return {
                code: d.code,
                category: ts.DiagnosticCategory[d.category].toLowerCase(),
                message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
                line: at.line,
                column: at.column,
            };
        });
        return JSON.stringify({
            javascript: output.outputText,
            sourceMap: output.sourceMapText || "",
            diagnostics: diagnostics,
        });
    };

    return ts.version;
})();
