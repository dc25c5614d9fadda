#pragma once

#include <QStringList>

namespace botwright::cli {

// `botwright-cli push|pull|status PROJECT --api URL --guild ID`: sync a project folder with a server
// that speaks Botloader's web API; the API key comes from BOTWRIGHT_API_KEY only.
int pushProject(const QStringList& arguments);
int pullProject(const QStringList& arguments);
int statusProject(const QStringList& arguments);
// `botwright-cli export PROJECT [-o FILE]` and `import BUNDLE PROJECT [--overwrite]`: the portable bundle.
int exportBundle(const QStringList& arguments);
int importBundle(const QStringList& arguments);

} // namespace botwright::cli
