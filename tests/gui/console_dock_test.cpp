#include "app/studio/console_dock.h"
#include "app/studio/console_model.h"
#include "tests/support/qt_catch.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using botwright::runtime::VmLogEntry;
using botwright::studio::ConsoleDock;
using botwright::studio::ConsoleModel;

namespace {

VmLogEntry entry(const QString& level, const QString& message, const QString& script = {}, int line = 0,
                 int column = 0) {
    VmLogEntry e;
    e.timeMs = 1'700'000'000'000;
    e.level = level;
    e.message = message;
    e.script = script;
    e.line = line;
    e.column = column;
    return e;
}

QString cell(const ConsoleModel* model, int row, int column) {
    return model->data(model->index(row, column)).toString();
}

} // namespace

TEST_CASE("the console shows entries with mapped positions and coloured levels", "[gui][console]") {
    ConsoleDock dock;
    CHECK(dock.objectName() == QStringLiteral("consoleDock"));
    dock.append(entry(QStringLiteral("log"), QStringLiteral("pong sent"), QStringLiteral("ping"), 12, 5));
    dock.append(entry(QStringLiteral("warn"), QStringLiteral("slow handler"), QStringLiteral("ping"), 3));
    dock.append(entry(QStringLiteral("error"),
                      QStringLiteral("TypeError: x is undefined\n    at ping.ts:7:2"), QStringLiteral("util"),
                      7, 2));
    dock.append(entry(QStringLiteral("info"), QStringLiteral("The VM started.")));
    const ConsoleModel* model = dock.model();
    REQUIRE(model->rowCount() == 4);
    CHECK(cell(model, 0, ConsoleModel::SourceColumn) == QStringLiteral("ping.ts:12:5"));
    CHECK(cell(model, 0, ConsoleModel::MessageColumn) == QStringLiteral("pong sent"));
    CHECK(cell(model, 1, ConsoleModel::SourceColumn) == QStringLiteral("ping.ts:3"));
    CHECK(cell(model, 2, ConsoleModel::SourceColumn) == QStringLiteral("util.ts:7:2"));
    CHECK(cell(model, 2, ConsoleModel::MessageColumn) == QStringLiteral("TypeError: x is undefined …"));
    CHECK(model->data(model->index(2, ConsoleModel::MessageColumn), Qt::ToolTipRole)
              .toString()
              .contains(QStringLiteral("at ping.ts:7:2")));
    CHECK(cell(model, 3, ConsoleModel::SourceColumn).isEmpty());
    CHECK(cell(model, 0, ConsoleModel::LevelColumn) == QStringLiteral("log"));
    CHECK(cell(model, 0, ConsoleModel::TimeColumn).size() == 12); // HH:mm:ss.zzz

    // warn and error are coloured (and differently); log and info keep the palette's colour.
    const QVariant logColor = model->data(model->index(0, 0), Qt::ForegroundRole);
    const QVariant warnColor = model->data(model->index(1, 0), Qt::ForegroundRole);
    const QVariant errorColor = model->data(model->index(2, 3), Qt::ForegroundRole);
    CHECK(!logColor.isValid());
    REQUIRE(warnColor.isValid());
    REQUIRE(errorColor.isValid());
    CHECK(warnColor.value<QColor>() != errorColor.value<QColor>());
}

TEST_CASE("the console filters by level and clears", "[gui][console]") {
    ConsoleDock dock;
    for (int i = 0; i < 10; ++i) {
        dock.append(entry(QStringLiteral("log"), QStringLiteral("log %1").arg(i)));
        if (i % 2 == 0)
            dock.append(entry(QStringLiteral("warn"), QStringLiteral("warn %1").arg(i)));
        if (i % 5 == 0)
            dock.append(entry(QStringLiteral("error"), QStringLiteral("error %1").arg(i)));
    }
    REQUIRE(dock.model()->rowCount() == 17);
    dock.filterBox()->setCurrentIndex(1); // warnings and errors
    CHECK(dock.model()->rowCount() == 7);
    dock.filterBox()->setCurrentIndex(2); // errors
    REQUIRE(dock.model()->rowCount() == 2);
    CHECK(cell(dock.model(), 0, ConsoleModel::MessageColumn) == QStringLiteral("error 0"));
    CHECK(cell(dock.model(), 1, ConsoleModel::MessageColumn) == QStringLiteral("error 5"));
    // New entries respect the filter too.
    dock.append(entry(QStringLiteral("log"), QStringLiteral("hidden")));
    dock.append(entry(QStringLiteral("error"), QStringLiteral("shown")));
    CHECK(dock.model()->rowCount() == 3);
    dock.filterBox()->setCurrentIndex(0);
    CHECK(dock.model()->rowCount() == 19);

    QTest::mouseClick(dock.clearButton(), Qt::LeftButton);
    CHECK(dock.model()->rowCount() == 0);
    CHECK(dock.model()->totalCount() == 0);
    dock.append(entry(QStringLiteral("log"), QStringLiteral("after clear")));
    CHECK(dock.model()->rowCount() == 1);
    CHECK(cell(dock.model(), 0, ConsoleModel::MessageColumn) == QStringLiteral("after clear"));
}

TEST_CASE("clicking an entry with a position asks for that script, line and column", "[gui][console]") {
    ConsoleDock dock;
    dock.resize(800, 300);
    dock.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dock));
    dock.append(entry(QStringLiteral("info"), QStringLiteral("no position")));
    dock.append(entry(QStringLiteral("error"), QStringLiteral("boom"), QStringLiteral("ping"), 9, 14));
    QSignalSpy spy(&dock, &ConsoleDock::positionActivated);
    QTableView* table = dock.table();

    const QRect noPosition = table->visualRect(dock.model()->index(0, ConsoleModel::MessageColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, noPosition.center());
    CHECK(spy.isEmpty());

    const QRect withPosition = table->visualRect(dock.model()->index(1, ConsoleModel::MessageColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, withPosition.center());
    REQUIRE(spy.size() == 1);
    CHECK(spy.at(0).at(0).toString() == QStringLiteral("ping"));
    CHECK(spy.at(0).at(1).toInt() == 9);
    CHECK(spy.at(0).at(2).toInt() == 14);
}

TEST_CASE("the console keeps the newest entries up to its capacity", "[gui][console]") {
    ConsoleDock dock;
    CHECK(dock.model()->capacity() == ConsoleModel::kDefaultCapacity);
    dock.model()->setCapacity(100);
    for (int i = 0; i < 250; ++i)
        dock.append(entry(i % 10 == 0 ? QStringLiteral("error") : QStringLiteral("log"), QString::number(i)));
    REQUIRE(dock.model()->rowCount() == 100);
    CHECK(cell(dock.model(), 0, ConsoleModel::MessageColumn) == QStringLiteral("150"));
    CHECK(cell(dock.model(), 99, ConsoleModel::MessageColumn) == QStringLiteral("249"));
    dock.filterBox()->setCurrentIndex(2); // errors among the kept: 150, 160, …, 240
    REQUIRE(dock.model()->rowCount() == 10);
    CHECK(cell(dock.model(), 0, ConsoleModel::MessageColumn) == QStringLiteral("150"));
    // Dropping while filtered removes shown rows from the top too.
    for (int i = 250; i < 275; ++i)
        dock.append(entry(i % 10 == 0 ? QStringLiteral("error") : QStringLiteral("log"), QString::number(i)));
    REQUIRE(dock.model()->rowCount() == 10);
    CHECK(cell(dock.model(), 0, ConsoleModel::MessageColumn) == QStringLiteral("180"));
    CHECK(cell(dock.model(), 9, ConsoleModel::MessageColumn) == QStringLiteral("270"));
    dock.filterBox()->setCurrentIndex(0);
    CHECK(dock.model()->rowCount() == 100);
    CHECK(cell(dock.model(), 0, ConsoleModel::MessageColumn) == QStringLiteral("175"));
}
