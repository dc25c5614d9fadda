// The project's settings.json: its two per-script forms, clear errors naming the file, and the
// watcher that makes the studio reload when it is saved.
#include "engine/project/settings_file.h"
#include "engine/project/settings_file_watcher.h"
#include "tests/support/qt_catch.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using botwright::project::SettingsFile;
using botwright::project::SettingsFileWatcher;

namespace {

QByteArray compact(const QJsonArray& array) {
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

void writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    REQUIRE(file.commit());
}

} // namespace

TEST_CASE("settings.json values come in both forms, as [{name, value}]", "[project][settings]") {
    const SettingsFile file = SettingsFile::parse(R"({
        "a": {"x": 1, "list": [[{"name": "f", "value": "v"}]]},
        "b": [{"name": "y", "value": true}, {"name": "z", "value": null}]
    })",
                                                  QStringLiteral("s.json"));
    CHECK(file.error().isEmpty());
    CHECK(file.exists());
    CHECK(compact(file.valuesFor(QStringLiteral("a"))) ==
          R"([{"name":"list","value":[[{"name":"f","value":"v"}]]},{"name":"x","value":1}])");
    CHECK(compact(file.valuesFor(QStringLiteral("b"))) ==
          R"([{"name":"y","value":true},{"name":"z","value":null}])");
    CHECK(file.valuesFor(QStringLiteral("c")).isEmpty());
}

TEST_CASE("a bad settings.json names the file and the problem and gives no values", "[project][settings]") {
    const QString name = QStringLiteral("/p/settings.json");
    const auto errorOf = [&](const QByteArray& text) { return SettingsFile::parse(text, name).error(); };
    CHECK(errorOf("{\n  \"a\": {\"x\": 1,}\n}")
              .startsWith(name + QStringLiteral(": not valid JSON at line 2, column")));
    CHECK(errorOf("[1]") ==
          name + QStringLiteral(": the top level must be an object of script names, such as "
                                "{\"myscript\": {\"option\": \"value\"}}"));
    CHECK(errorOf(R"({"a": 3})").contains(QStringLiteral("\"a\" must be an object of option values")));
    CHECK(errorOf(R"({"a": 3})").endsWith(QStringLiteral("not a number")));
    CHECK(errorOf(R"({"a": [{"name": "x"}]})") ==
          name + QStringLiteral(": \"a\"[0] must be an object with a string \"name\" and a \"value\""));
    const SettingsFile bad = SettingsFile::parse(R"({"a": {"x": 1}, "b": 2})", name);
    CHECK(bad.valuesFor(QStringLiteral("a")).isEmpty());
}

TEST_CASE("a project without settings.json has no values and no error", "[project][settings]") {
    QTemporaryDir dir;
    const SettingsFile none = SettingsFile::load(dir.path());
    CHECK_FALSE(none.exists());
    CHECK(none.error().isEmpty());
    writeAtomically(SettingsFile::pathForProject(dir.path()), R"({"s": {"k": "v"}})");
    const SettingsFile one = SettingsFile::load(dir.path());
    CHECK(one.exists());
    CHECK(compact(one.valuesFor(QStringLiteral("s"))) == R"([{"name":"k","value":"v"}])");
}

TEST_CASE("the watcher reports settings.json changes, not other files", "[project][settings]") {
    QTemporaryDir dir;
    const QString path = SettingsFile::pathForProject(dir.path());
    SettingsFileWatcher watcher;
    QSignalSpy changed(&watcher, &SettingsFileWatcher::changed);
    watcher.watch(dir.path());

    writeAtomically(path, R"({"a": {}})"); // created
    REQUIRE(changed.wait(5000));
    writeAtomically(dir.filePath(QStringLiteral("other.ts")), "x");
    CHECK_FALSE(changed.wait(600));
    writeAtomically(path, R"({"a": {"x": 1}})"); // replaced, as editors save
    REQUIRE(changed.wait(5000));
    writeAtomically(path, R"({"a": {"x": 1}})"); // the same contents again
    CHECK_FALSE(changed.wait(600));
    {
        QFile inPlace(path); // written in place
        REQUIRE(inPlace.open(QIODevice::WriteOnly | QIODevice::Truncate));
        inPlace.write(R"({"a": {"x": 2}})");
    }
    REQUIRE(changed.wait(5000));
    REQUIRE(QFile::remove(path));
    REQUIRE(changed.wait(5000));
    CHECK(changed.size() == 4);
    watcher.watch({});
    writeAtomically(path, "{}");
    CHECK_FALSE(changed.wait(600));
}
