#include "engine/core/resource_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace botwright::core {

namespace {

QString executableDir() {
    if (QCoreApplication::instance() != nullptr) {
        return QCoreApplication::applicationDirPath();
    }
    return QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath().section(QLatin1Char('/'), 0, -2);
}

} // namespace

QString ResourceLocator::shareDir() {
    const QString overridden = qEnvironmentVariable("BOTWRIGHT_SHARE_DIR");
    if (!overridden.isEmpty()) {
        return QDir::cleanPath(overridden);
    }
    return QDir::cleanPath(executableDir() + QStringLiteral("/../share/botwright"));
}

QString ResourceLocator::typescriptCompilerPath() {
    return shareDir() + QStringLiteral("/typescript/typescript.js");
}

QString ResourceLocator::typescriptLibDir() {
    return shareDir() + QStringLiteral("/typescript/lib");
}

QString ResourceLocator::sdkDeclarationsDir() {
    return shareDir() + QStringLiteral("/sdk");
}

QString ResourceLocator::examplesDir() {
    return shareDir() + QStringLiteral("/examples");
}

QString ResourceLocator::exampleProjectDir() {
    return examplesDir() + QStringLiteral("/ping-pong");
}

QString ResourceLocator::version() {
    return QStringLiteral(BOTWRIGHT_VERSION);
}

} // namespace botwright::core
