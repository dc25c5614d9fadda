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
    static QString examplesDir();
    static QString exampleProjectDir();
    static QString version();
};

} // namespace botwright::core
