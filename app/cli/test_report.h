#pragma once

#include "engine/runtime/vm_supervisor.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

namespace botwright::cli {

// Botloader's integration-test protocol (botloader-sdk.md §11) as `botwright-cli test` applies it:
// counts completion markers, fails at the first error-level log, and writes the outcome as text and
// as JUnit XML.
class TestReport final {
public:
    enum class Outcome { None, Progress, Failed };

    explicit TestReport(QStringList scripts);

    Outcome observe(const runtime::VmLogEntry& entry);
    void fail(const QString& reason);

    bool finished() const { return m_failed || completions() >= m_scripts.size(); }
    bool stillRunning() const { return !finished(); }
    bool passed() const { return !m_failed && completions() >= m_scripts.size(); }
    qsizetype completions() const { return m_completions; }
    QString summary() const;
    bool writeJUnit(const QString& path, QString* error) const;

private:
    struct Failure {
        QString script;
        QString message;
    };
    QStringList m_scripts;
    bool completed(const QString& script) const;

    QHash<QString, int> m_completedBy; // script name (without .ts) → markers seen
    QString m_lastMarkerScript;
    qsizetype m_completions = 0;
    bool m_failed = false;
    QList<Failure> m_failures;
    QElapsedTimer m_timer;
};

} // namespace botwright::cli
