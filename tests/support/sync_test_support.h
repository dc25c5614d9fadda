#pragma once
// Helpers for the export/sync tests: waiting on the event loop, files, and the two sync steps run
// to completion.

#include "engine/exporting/sync_session.h"
#include "tests/support/qt_catch.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <functional>
#include <optional>

namespace botwright::testing {

inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 10000) {
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

inline void writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(bytes) == bytes.size());
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline exporting::PrepareResult prepareNow(exporting::SyncSession& session,
                                           exporting::SyncDirection direction, const QString& guild = {}) {
    std::optional<exporting::PrepareResult> result;
    session.prepare(direction, guild, [&](const exporting::PrepareResult& r) { result = r; });
    REQUIRE(waitUntil([&] { return result.has_value(); }, 30000));
    return *result;
}

inline exporting::SyncReport applyNow(exporting::SyncSession& session, const exporting::SyncPlan& plan) {
    std::optional<exporting::SyncReport> report;
    session.apply(plan, [&](const exporting::SyncReport& r) { report = r; });
    REQUIRE(waitUntil([&] { return report.has_value(); }, 60000));
    return *report;
}

} // namespace botwright::testing
