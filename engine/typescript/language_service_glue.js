// The TypeScript language service over in-memory files (loaded after typescript.js, which defines the
// global `ts`). The host (engine/typescript/language_service.cpp) calls the __ls* functions with strings
// and numbers and gets JSON back. Positions cross the bridge as 0-based line + UTF-16 character.
//
// Virtual file system: project scripts are /project/<name>.ts, the SDK declarations /sdk/<file>.d.ts and
// TypeScript's lib files /lib/lib.*.d.ts. Module resolution follows Botloader (botloader-sdk.md §1.3):
// "botloader" is the SDK; any other specifier names a project script relative to the importing file.
(function () {
    "use strict";
    if (typeof ts === "undefined") {
        throw new Error("typescript.js did not define the global 'ts'");
    }

    const kSdkEntry = "/sdk/index.d.ts";
    const files = new Map(); // name → { text, version, snapshot, lineStarts }
    const roots = new Set(); // project scripts and the SDK entry: always part of the program
    let projectVersion = 0;

    // A snapshot that tells TypeScript which span changed since the previous one, so an edit reparses
    // incrementally instead of from scratch.
    class Snapshot {
        constructor(text) {
            this.text = text;
        }
        getText(start, end) {
            return this.text.substring(start, end);
        }
        getLength() {
            return this.text.length;
        }
        getChangeRange(old) {
            const a = old.text;
            const b = this.text;
            if (a === b) return ts.unchangedTextChangeRange;
            const max = Math.min(a.length, b.length);
            let prefix = 0;
            while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
            let suffix = 0;
            while (suffix < max - prefix &&
                   a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix))
                suffix++;
            return ts.createTextChangeRange(ts.createTextSpan(prefix, a.length - prefix - suffix),
                                            b.length - prefix - suffix);
        }
    }

    function lineStarts(entry) {
        if (entry.lineStarts === undefined) entry.lineStarts = ts.computeLineStarts(entry.text);
        return entry.lineStarts;
    }

    function offsetOf(fileName, line, character) {
        const entry = files.get(fileName);
        if (entry === undefined) throw new Error("unknown file " + fileName);
        const starts = lineStarts(entry);
        const l = Math.max(0, Math.min(line, starts.length - 1));
        const lineEnd = l + 1 < starts.length ? starts[l + 1] : entry.text.length;
        return Math.min(starts[l] + Math.max(0, character), lineEnd);
    }

    function lineChar(fileName, offset) {
        const entry = files.get(fileName);
        if (entry === undefined) return [0, 0];
        const at = ts.computeLineAndCharacterOfPosition(lineStarts(entry), offset);
        return [at.line, at.character];
    }

    function range(fileName, start, length) {
        const s = lineChar(fileName, start);
        const e = lineChar(fileName, start + length);
        return { sl: s[0], sc: s[1], el: e[0], ec: e[1] };
    }

    function dirname(path) {
        const slash = path.lastIndexOf("/");
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    function normalize(path) {
        const out = [];
        for (const part of path.split("/")) {
            if (part === "" || part === ".") continue;
            if (part === "..") out.pop();
            else out.push(part);
        }
        return "/" + out.join("/");
    }

    function resolved(fileName) {
        return {
            resolvedModule: {
                resolvedFileName: fileName,
                extension: fileName.endsWith(".d.ts") ? ts.Extension.Dts : ts.Extension.Ts,
                isExternalLibraryImport: false,
                resolvedUsingTsExtension: false,
            },
        };
    }

    function resolveModule(specifier, containingFile) {
        if (specifier === "botloader") return files.has(kSdkEntry) ? resolved(kSdkEntry) : { resolvedModule: undefined };
        if (containingFile.startsWith("/sdk/")) {
            const base = normalize(dirname(containingFile) + "/" + specifier);
            for (const candidate of [base + ".d.ts", base + ".ts", base + "/index.d.ts"])
                if (files.has(candidate)) return resolved(candidate);
            return { resolvedModule: undefined };
        }
        // Botloader: new URL(specifier + ".js", referrer) — "lib" and "./lib" both name the script lib.ts;
        // "lib.ts" would become lib.ts.js, which does not exist.
        if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return { resolvedModule: undefined };
        const candidate = normalize(dirname(containingFile) + "/" + specifier) + ".ts";
        return files.has(candidate) && candidate.startsWith("/project/") ? resolved(candidate)
                                                                         : { resolvedModule: undefined };
    }

    const options = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        moduleDetection: ts.ModuleDetectionKind.Force,
        lib: ["lib.esnext.d.ts"],
        types: [],
        strict: true,
        noEmit: true,
        isolatedModules: true,
        skipLibCheck: true,
        libReplacement: false,
        allowJs: false,
    };

    // Only diagnostics (the long requests) give way to the host's newer work.
    let diagnosticsRunning = false;
    const cancellation = {
        isCancellationRequested: () => diagnosticsRunning && __botwrightCancelled(),
    };

    const host = {
        getCompilationSettings: () => options,
        getScriptFileNames: () => Array.from(roots),
        getScriptVersion: (name) => {
            const entry = files.get(name);
            return entry === undefined ? "0" : String(entry.version);
        },
        getScriptSnapshot: (name) => {
            const entry = files.get(name);
            return entry === undefined ? undefined : entry.snapshot;
        },
        getProjectVersion: () => String(projectVersion),
        getCurrentDirectory: () => "/project",
        getDefaultLibFileName: () => "/lib/lib.esnext.d.ts",
        fileExists: (name) => files.has(name),
        readFile: (name) => {
            const entry = files.get(name);
            return entry === undefined ? undefined : entry.text;
        },
        directoryExists: (dir) => {
            const prefix = dir.endsWith("/") ? dir : dir + "/";
            for (const name of files.keys())
                if (name.startsWith(prefix)) return true;
            return false;
        },
        getDirectories: () => [],
        useCaseSensitiveFileNames: () => true,
        getNewLine: () => "\n",
        getCancellationToken: () => cancellation,
        resolveModuleNameLiterals: (literals, containingFile) =>
            literals.map((literal) => resolveModule(literal.text, containingFile)),
        log: () => {},
        trace: () => {},
        error: () => {},
    };

    const service = ts.createLanguageService(host, ts.createDocumentRegistry(true, "/"));

    function text(parts) {
        return parts === undefined ? "" : ts.displayPartsToString(parts);
    }

    function docText(documentation, tags) {
        let out = text(documentation);
        for (const tag of tags || []) {
            const body = text(tag.text);
            out += (out ? "\n" : "") + "@" + tag.name + (body ? " " + body : "");
        }
        return out;
    }

    function guarded(fn) {
        try {
            return JSON.stringify(fn());
        } catch (e) {
            if (e instanceof ts.OperationCanceledException) return JSON.stringify({ cancelled: true });
            throw e;
        }
    }

    globalThis.__lsSetFile = function (name, contents, version, isRoot) {
        const old = files.get(name);
        if (old !== undefined && old.text === contents) {
            old.version = version;
            return;
        }
        files.set(name, { text: contents, version: version, snapshot: new Snapshot(contents), lineStarts: undefined });
        if (isRoot) roots.add(name);
        projectVersion++;
    };

    globalThis.__lsRemoveFile = function (name) {
        if (files.delete(name)) projectVersion++;
        roots.delete(name);
    };

    globalThis.__lsCompletions = function (name, line, character, trigger) {
        return guarded(() => {
            const position = offsetOf(name, line, character);
            const result = service.getCompletionsAtPosition(name, position, {
                triggerCharacter: trigger || undefined,
                triggerKind: trigger ? 2 : 1,
                includeCompletionsWithInsertText: true,
                includeCompletionsForModuleExports: false,
                includeAutomaticOptionalChainCompletions: true,
                includeCompletionsWithSnippetText: false,
                allowIncompleteCompletions: false,
            });
            if (result === undefined) return { member: false, entries: [] };
            const entries = result.entries.map((e) => {
                const out = { n: e.name, k: e.kind, s: e.sortText };
                if (e.kindModifiers) out.m = e.kindModifiers;
                if (e.insertText !== undefined && e.insertText !== e.name) out.i = e.insertText;
                if (e.replacementSpan !== undefined) out.r = range(name, e.replacementSpan.start, e.replacementSpan.length);
                if (e.source !== undefined) out.src = e.source;
                return out;
            });
            return { member: !!result.isMemberCompletion, entries: entries };
        });
    };

    globalThis.__lsCompletionDetails = function (name, line, character, entryName, source) {
        return guarded(() => {
            const position = offsetOf(name, line, character);
            const d = service.getCompletionEntryDetails(name, position, entryName, {}, source || undefined, {}, undefined);
            if (d === undefined) return { name: entryName, display: "", doc: "" };
            return { name: entryName, kind: d.kind, display: text(d.displayParts), doc: docText(d.documentation, d.tags) };
        });
    };

    globalThis.__lsSignatureHelp = function (name, line, character, trigger) {
        return guarded(() => {
            const position = offsetOf(name, line, character);
            const reason = trigger ? { kind: "characterTyped", triggerCharacter: trigger } : { kind: "invoked" };
            const help = service.getSignatureHelpItems(name, position, { triggerReason: reason });
            if (help === undefined) return { items: [] };
            const items = help.items.map((item) => {
                // The label with each parameter's [start, end) inside it, to highlight the active one.
                let label = text(item.prefixDisplayParts);
                const params = [];
                item.parameters.forEach((p, i) => {
                    if (i > 0) label += text(item.separatorDisplayParts);
                    const start = label.length;
                    label += text(p.displayParts);
                    params.push({ s: start, e: label.length, doc: text(p.documentation) });
                });
                label += text(item.suffixDisplayParts);
                return { label: label, params: params, doc: docText(item.documentation, item.tags) };
            });
            return {
                items: items,
                selected: help.selectedItemIndex,
                argument: help.argumentIndex,
                applicable: range(name, help.applicableSpan.start, help.applicableSpan.length),
            };
        });
    };

    globalThis.__lsQuickInfo = function (name, line, character) {
        return guarded(() => {
            const info = service.getQuickInfoAtPosition(name, offsetOf(name, line, character));
            if (info === undefined) return { display: "" };
            return {
                display: text(info.displayParts),
                doc: docText(info.documentation, info.tags),
                range: range(name, info.textSpan.start, info.textSpan.length),
            };
        });
    };

    globalThis.__lsDefinition = function (name, line, character) {
        return guarded(() => {
            const found = service.getDefinitionAtPosition(name, offsetOf(name, line, character)) || [];
            return {
                locations: found.map((d) => ({
                    file: d.fileName,
                    name: d.name,
                    range: range(d.fileName, d.textSpan.start, d.textSpan.length),
                })),
            };
        });
    };

    function diagnostic(name, d) {
        const start = d.start === undefined ? 0 : d.start;
        const length = d.length === undefined ? 0 : d.length;
        return {
            range: range(name, start, length),
            category: ts.DiagnosticCategory[d.category].toLowerCase(),
            code: d.code,
            message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
        };
    }

    globalThis.__lsDiagnostics = function (name) {
        return guarded(() => {
            if (!files.has(name)) return { diagnostics: [] };
            diagnosticsRunning = true;
            try {
                const list = service.getSyntacticDiagnostics(name).concat(service.getSemanticDiagnostics(name));
                return { diagnostics: list.map((d) => diagnostic(name, d)) };
            } finally {
                diagnosticsRunning = false;
            }
        });
    };

    // Every diagnostic of the SDK declarations themselves (tests: the declarations must compile).
    globalThis.__lsSdkDiagnostics = function () {
        return guarded(() => {
            const program = service.getProgram();
            const out = [];
            for (const sf of program.getSourceFiles()) {
                if (!sf.fileName.startsWith("/sdk/")) continue;
                for (const d of program.getSyntacticDiagnostics(sf).concat(program.getSemanticDiagnostics(sf))) {
                    const item = diagnostic(sf.fileName, d);
                    item.file = sf.fileName;
                    out.push(item);
                }
            }
            return { diagnostics: out };
        });
    };

    // What the "botloader" module declares as runtime values: exported functions, classes (with their
    // methods and accessors, "Class#member"; statics "Class.member"), constants and namespaces
    // (recursively, "Discord.createMessage"), plus the events of EventSystem.EventTypes.
    globalThis.__lsDescribeSdk = function () {
        return guarded(() => {
            const program = service.getProgram();
            const checker = program.getTypeChecker();
            const entry = program.getSourceFile(kSdkEntry);
            if (entry === undefined) throw new Error("the SDK declarations are not loaded");
            const names = [];
            const events = [];
            const seen = new Set();
            const valueFlags = ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable |
                               ts.SymbolFlags.Enum;

            // Only what the SDK's own files declare (not what a class inherits from lib types such as Error).
            function declaredInSdk(symbol) {
                return (symbol.declarations || []).some((d) => d.getSourceFile().fileName.startsWith("/sdk/"));
            }

            function members(prefix, classSymbol) {
                const instance = checker.getDeclaredTypeOfSymbol(classSymbol);
                for (const p of checker.getPropertiesOfType(instance)) {
                    if (!(p.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Accessor)) || !declaredInSdk(p)) continue;
                    if (!p.name.startsWith("_") && !p.name.startsWith("__@")) names.push(prefix + "#" + p.name);
                }
                const statics = checker.getTypeOfSymbol(classSymbol);
                for (const p of checker.getPropertiesOfType(statics)) {
                    if (p.name === "prototype" || p.name.startsWith("_") || !declaredInSdk(p)) continue;
                    names.push(prefix + "." + p.name);
                }
            }

            function walk(prefix, moduleSymbol) {
                for (let s of checker.getExportsOfModule(moduleSymbol)) {
                    const path = prefix + s.name;
                    if (s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
                    if (s.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule) &&
                        !(s.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Function))) {
                        if (seen.has(path)) continue;
                        seen.add(path);
                        names.push(path);
                        walk(path + ".", s);
                        if (s.name === "EventSystem" || path === "EventSystem") {
                            const eventTypes = checker.getExportsOfModule(s).find((e) => e.name === "EventTypes");
                            if (eventTypes !== undefined)
                                for (const p of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(eventTypes)))
                                    events.push(p.name);
                        }
                        continue;
                    }
                    if (!(s.flags & valueFlags)) continue; // interfaces and type aliases have no runtime value
                    names.push(path);
                    if (s.flags & ts.SymbolFlags.Class) members(path, s);
                }
            }

            walk("", checker.getSymbolAtLocation(entry) || entry.symbol);
            names.sort();
            events.sort();
            return { names: names, events: events };
        });
    };

    return ts.version;
})();
