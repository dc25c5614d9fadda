#include "tests/support/gui_test_env.h"

#include <QDir>
#include <QPixmap>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>

namespace botwright::testing {

namespace {
std::unique_ptr<QTemporaryDir> g_home;
}

void setUpIsolatedHome() {
    g_home = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/botwright-gui-test-XXXXXX"));
    const QByteArray home = g_home->path().toUtf8();
    qputenv("HOME", home);
    qputenv("XDG_CONFIG_HOME", home + "/.config");
    qputenv("XDG_DATA_HOME", home + "/.local/share");
    qputenv("XDG_CACHE_HOME", home + "/.cache");
    qputenv("XDG_DOCUMENTS_DIR", home + "/Documents");
    qputenv("XDG_RUNTIME_DIR", home + "/runtime");
    QDir(g_home->path()).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(g_home->path() + QStringLiteral("/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
}

QString isolatedHome() {
    return g_home ? g_home->path() : QString();
}

QString saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(BOTWRIGHT_TEST_ARTIFACTS);
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    widget->grab().save(path);
    return path;
}

} // namespace botwright::testing
