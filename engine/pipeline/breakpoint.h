#pragma once

#include "engine/pipeline/pipeline_trace.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace botwright::pipeline {

// A condition on the payload a stage is about to get, written as `<path> <operator> <value>`:
//   content startsWith "!"      author.bot == false      member.roles contains "123"
//   channelId == "1113768910127104000"     content matches "^!(ping|pong)"     embeds exists
// The path is dotted with [index] for arrays and reads the stage's input: Discord's `d` (snake_case
// keys) before the handler and the transformer, the SDK shape (camelCase) before the event. The
// operators are == != startsWith endsWith contains matches (a regular expression) exists; the value
// is JSON (a string must be quoted), except after `exists`, which takes none. An empty condition is
// always true.
class BreakpointCondition final {
public:
    // Parses `text`; false with `error` saying what is wrong and where.
    static bool parse(const QString& text, BreakpointCondition* out, QString* error);
    bool matches(const QByteArray& json) const;
    QString text() const { return m_text; }
    bool isEmpty() const { return m_text.isEmpty(); }

private:
    enum class Op { Equals, NotEquals, StartsWith, EndsWith, Contains, Matches, Exists };
    QString m_text;
    QStringList m_path; // each part a key, or "[n]" for an index
    Op m_op = Op::Exists;
    QJsonValue m_value;
};

// Pause before `stage` for dispatches of `eventType`: a Discord dispatch type (MESSAGE_CREATE,
// GUILD_MEMBER_ADD), an SDK event name (MEMBER_ADD), or "*" for every event.
struct Breakpoint {
    int id = 0; // given by EventPipeline::addBreakpoint
    bool enabled = true;
    QString eventType = QStringLiteral("*");
    Stage stage = Stage::Handler;
    BreakpointCondition condition;
    int hits = 0;

    // Whether a record about to enter `at` (with `input` the stage's input JSON) pauses here.
    bool applies(const TraceRecord& record, Stage at, const QByteArray& input) const;
};

} // namespace botwright::pipeline
