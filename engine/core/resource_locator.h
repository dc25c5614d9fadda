#pragma once

#include <QString>

namespace botwright::core {

// Finds the studio's read-only run-time resources. The build tree and an installed tree share one
// layout: executables in bin/ and resources in share/botwright/ beside it. BOTWRIGHT_SHARE_DIR
// overrides the location.
class ResourceLocator final {
public:
    static QString shareDir();
    static QString typescriptCompilerPath();
    // TypeScript's lib declaration files (lib.es5.d.ts … lib.esnext.d.ts) for the language service.
    static QString typescriptLibDir();
    // The SDK's declaration files (the "botloader" module), resources/sdk in a source checkout.
    static QString sdkDeclarationsDir();
    static QString examplesDir();
    static QString exampleProjectDir();
    static QString version();
};

} // namespace botwright::core
