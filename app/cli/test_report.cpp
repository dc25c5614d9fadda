#include "app/cli/test_report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QXmlStreamWriter>

namespace botwright::cli {

namespace {
const QString kMarker = QStringLiteral("INTEGRATION_TEST:");
}

TestReport::TestReport(QStringList scripts)
    : m_scripts(std::move(scripts)) {
    m_timer.start();
}

TestReport::Outcome TestReport::observe(const runtime::VmLogEntry& entry) {
    if (entry.level == QLatin1StringView("error") || entry.level == QLatin1StringView("critical")) {
        m_failed = true;
        m_failures.append(Failure{entry.script, entry.message});
        return Outcome::Failed;
    }
    // Botloader's lib.ts follows each marker with "<name>.ts completed": credit that script.
    if (entry.message.endsWith(QLatin1StringView(".ts completed"))) {
        const QString name = entry.message.chopped(QLatin1StringView(".ts completed").size());
        if (m_scripts.contains(name)) {
            ++m_completedBy[name];
            if (!m_lastMarkerScript.isEmpty() && m_lastMarkerScript != name)
                --m_completedBy[m_lastMarkerScript];
            m_lastMarkerScript.clear();
        }
        return Outcome::None;
    }
    if (!entry.message.startsWith(kMarker))
        return Outcome::None;
    // Everything after the prefix is JSON; only the string "ScriptComplete" is a completion.
    const QJsonDocument doc =
        QJsonDocument::fromJson(("[" + entry.message.mid(kMarker.size()) + "]").toUtf8());
    if (!doc.isArray() || doc.array().size() != 1 ||
        doc.array().at(0).toString() != QLatin1StringView("ScriptComplete")) {
        fail(QStringLiteral("%1: unexpected integration test message: %2").arg(entry.script, entry.message));
        return Outcome::Failed;
    }
    ++m_completions;
    ++m_completedBy[entry.script];
    m_lastMarkerScript = entry.script;
    return Outcome::Progress;
}

bool TestReport::completed(const QString& script) const {
    return passed() || m_completedBy.value(script) > 0;
}

void TestReport::fail(const QString& reason) {
    m_failed = true;
    m_failures.append(Failure{QString(), reason});
}

QString TestReport::summary() const {
    QString text = QStringLiteral("\n%1: %2 of %3 script(s) completed in %4 s\n")
                       .arg(passed() ? QStringLiteral("PASSED") : QStringLiteral("FAILED"))
                       .arg(m_completions)
                       .arg(m_scripts.size())
                       .arg(static_cast<double>(m_timer.elapsed()) / 1000.0, 0, 'f', 1);
    for (const QString& script : m_scripts)
        text += QStringLiteral("  %1 %2.ts\n")
                    .arg(completed(script) ? QStringLiteral("ok  ") : QStringLiteral("todo"), script);
    for (const Failure& f : m_failures)
        text +=
            QStringLiteral("  error%1: %2\n")
                .arg(f.script.isEmpty() ? QString() : QStringLiteral(" in %1.ts").arg(f.script), f.message);
    return text;
}

bool TestReport::writeJUnit(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QXmlStreamWriter xml(&file);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("botwright-integration"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(m_scripts.size()));
    qsizetype failures = 0;
    for (const QString& script : m_scripts)
        failures += completed(script) ? 0 : 1;
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("time"),
                       QString::number(static_cast<double>(m_timer.elapsed()) / 1000.0));
    for (const QString& script : m_scripts) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), QStringLiteral("scripts"));
        xml.writeAttribute(QStringLiteral("name"), script + QStringLiteral(".ts"));
        if (!completed(script)) {
            QStringList messages;
            for (const Failure& f : m_failures)
                if (f.script.isEmpty() || f.script == script)
                    messages << f.message;
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("message"),
                               messages.isEmpty() ? QStringLiteral("did not complete") : messages.first());
            xml.writeCharacters(messages.join(QLatin1Char('\n')));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace botwright::cli
