#include "engine/typescript/project_typings.h"

#include "engine/core/resource_locator.h"
#include "engine/project/file_io.h"

#include <QDir>
#include <QFileInfo>

namespace botwright::typescript {

QString defaultTsconfig() {
    return QStringLiteral(
        "// Written by Botwright Studio so editors such as VS Code (and `tsc -p .`) check these scripts\n"
        "// the way the studio does: the \"botloader\" module comes from .botwright/types (refreshed by the\n"
        "// studio), and a script imports another by its name (\"lib\" or \"./lib\" is lib.ts).\n"
        "{\n"
        "  \"compilerOptions\": {\n"
        "    \"target\": \"ES2022\",\n"
        "    \"module\": \"ESNext\",\n"
        "    \"moduleResolution\": \"bundler\",\n"
        "    \"moduleDetection\": \"force\",\n"
        "    \"lib\": [\"ESNext\"],\n"
        "    \"types\": [],\n"
        "    \"strict\": true,\n"
        "    \"noEmit\": true,\n"
        "    \"isolatedModules\": true,\n"
        "    \"skipLibCheck\": true,\n"
        "    \"paths\": {\n"
        "      \"botloader\": [\"./.botwright/types/index.d.ts\"],\n"
        "      \"*\": [\"./*\"]\n"
        "    }\n"
        "  },\n"
        "  \"include\": [\"*.ts\", \".botwright/types/*.d.ts\"]\n"
        "}\n");
}

bool ensureProjectTypings(const QString& projectRoot, QString* error, const QString& sdkDir) {
    const QDir sdk(sdkDir.isEmpty() ? core::ResourceLocator::sdkDeclarationsDir() : sdkDir);
    const QDir root(projectRoot);
    const QString typesDir = root.filePath(QStringLiteral(".botwright/types"));
    if (!QDir().mkpath(typesDir)) {
        *error = QStringLiteral("cannot create %1").arg(typesDir);
        return false;
    }
    const QStringList files = sdk.entryList({QStringLiteral("*.d.ts")}, QDir::Files);
    if (files.isEmpty()) {
        *error = QStringLiteral("the SDK declarations are missing from %1").arg(sdk.path());
        return false;
    }
    for (const QString& name : files) {
        const std::optional<QByteArray> source = project::readWholeFile(sdk.filePath(name), error);
        if (!source)
            return false;
        const QString target = QDir(typesDir).filePath(name);
        QString ignored;
        if (project::readWholeFile(target, &ignored) == source)
            continue;
        if (!project::writeFileAtomically(target, *source, error))
            return false;
    }
    // Declarations the SDK no longer has would still be included by the tsconfig: remove them.
    for (const QString& stale : QDir(typesDir).entryList({QStringLiteral("*.d.ts")}, QDir::Files))
        if (!files.contains(stale))
            QFile::remove(QDir(typesDir).filePath(stale));
    const QString tsconfig = root.filePath(QStringLiteral("tsconfig.json"));
    if (!QFileInfo::exists(tsconfig) &&
        !project::writeFileAtomically(tsconfig, defaultTsconfig().toUtf8(), error))
        return false;
    return true;
}

} // namespace botwright::typescript
