#pragma once

#include <QString>

namespace botwright::typescript {

// Makes a project folder type-check outside the studio (VS Code, `tsc -p`) exactly as the studio's
// language service does: copies the SDK declarations into <project>/.botwright/types/ (refreshed when
// the studio's differ) and writes <project>/tsconfig.json if there is none (an existing one is never
// touched). `sdkDir` defaults to ResourceLocator::sdkDeclarationsDir().
bool ensureProjectTypings(const QString& projectRoot, QString* error, const QString& sdkDir = {});

// The tsconfig.json the studio writes.
QString defaultTsconfig();

} // namespace botwright::typescript
