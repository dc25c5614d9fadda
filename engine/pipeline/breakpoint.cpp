#include "engine/pipeline/breakpoint.h"

#include "engine/pipeline/event_routing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace botwright::pipeline {

namespace {

struct OpName {
    const char* text;
    int op;
};

// Splits "member.roles[0].id" into {"member", "roles", "[0]", "id"}; false on an empty part.
bool splitPath(const QString& path, QStringList* parts) {
    parts->clear();
    for (const QString& dotted : path.split(QLatin1Char('.'))) {
        QString rest = dotted;
        const qsizetype bracket = rest.indexOf(QLatin1Char('['));
        const QString key = bracket < 0 ? rest : rest.left(bracket);
        if (!key.isEmpty())
            parts->append(key);
        else if (bracket != 0)
            return false;
        rest = bracket < 0 ? QString() : rest.mid(bracket);
        static const QRegularExpression index(QStringLiteral("^\\[(\\d+)\\]"));
        while (!rest.isEmpty()) {
            const QRegularExpressionMatch m = index.match(rest);
            if (!m.hasMatch())
                return false;
            parts->append(m.captured(0));
            rest = rest.mid(m.capturedLength());
        }
    }
    return !parts->isEmpty();
}

// The value at `path` in `root`, or Undefined.
QJsonValue lookup(const QJsonValue& root, const QStringList& path) {
    QJsonValue v = root;
    for (const QString& part : path) {
        if (part.startsWith(QLatin1Char('[')))
            v = v.isArray() ? v.toArray().at(part.mid(1, part.size() - 2).toInt()) : QJsonValue::Undefined;
        else
            v = v.isObject() ? v.toObject().value(part) : QJsonValue::Undefined;
        if (v.isUndefined())
            return v;
    }
    return v;
}

QString asText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

bool sameValue(const QJsonValue& a, const QJsonValue& b) {
    // Snowflakes are strings in Discord's JSON, but people type them as numbers too.
    if (a.isString() && b.isDouble())
        return a.toString() == asText(b);
    if (a.isDouble() && b.isString())
        return asText(a) == b.toString();
    return a == b;
}

} // namespace

bool BreakpointCondition::parse(const QString& text, BreakpointCondition* out, QString* error) {
    *out = BreakpointCondition{};
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return true;
    static const QRegularExpression shape(QStringLiteral("^(\\S+)\\s+(\\S+)\\s*(.*)$"));
    const QRegularExpressionMatch m = shape.match(trimmed);
    if (!m.hasMatch()) {
        *error = QStringLiteral("write <path> <operator> <value>, e.g. content startsWith \"!\"");
        return false;
    }
    BreakpointCondition c;
    c.m_text = trimmed;
    if (!splitPath(m.captured(1), &c.m_path)) {
        *error = QStringLiteral("\"%1\" is not a path: use keys with dots and [index], e.g. "
                                "member.roles[0]")
                     .arg(m.captured(1));
        return false;
    }
    static const OpName ops[] = {
        {"==", int(Op::Equals)},         {"!=", int(Op::NotEquals)},      {"startsWith", int(Op::StartsWith)},
        {"endsWith", int(Op::EndsWith)}, {"contains", int(Op::Contains)}, {"matches", int(Op::Matches)},
        {"exists", int(Op::Exists)}};
    bool known = false;
    for (const OpName& o : ops) {
        if (m.captured(2) == QLatin1String(o.text)) {
            c.m_op = static_cast<Op>(o.op);
            known = true;
        }
    }
    if (!known) {
        *error = QStringLiteral("unknown operator \"%1\": use ==, !=, startsWith, endsWith, contains, "
                                "matches or exists")
                     .arg(m.captured(2));
        return false;
    }
    const QString value = m.captured(3).trimmed();
    if (c.m_op == Op::Exists) {
        if (!value.isEmpty()) {
            *error = QStringLiteral("exists takes no value");
            return false;
        }
        *out = c;
        return true;
    }
    if (value.isEmpty()) {
        *error = QStringLiteral("%1 needs a value (JSON: a string in quotes, a number, true, false or null)")
                     .arg(m.captured(2));
        return false;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(("[" + value + "]").toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
        *error = QStringLiteral("the value %1 is not JSON: put a string in double quotes").arg(value);
        return false;
    }
    c.m_value = doc.array().at(0);
    const bool textOp = c.m_op == Op::StartsWith || c.m_op == Op::EndsWith || c.m_op == Op::Matches;
    if (textOp && !c.m_value.isString()) {
        *error = QStringLiteral("%1 compares text: give a string in double quotes").arg(m.captured(2));
        return false;
    }
    if (c.m_op == Op::Matches && !QRegularExpression(c.m_value.toString()).isValid()) {
        *error = QStringLiteral("%1 is not a valid regular expression").arg(value);
        return false;
    }
    *out = c;
    return true;
}

bool BreakpointCondition::matches(const QByteArray& json) const {
    if (m_text.isEmpty())
        return true;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const QJsonValue v = lookup(root, m_path);
    switch (m_op) {
    case Op::Exists:
        return !v.isUndefined() && !v.isNull();
    case Op::Equals:
        return !v.isUndefined() && sameValue(v, m_value);
    case Op::NotEquals:
        return v.isUndefined() || !sameValue(v, m_value);
    case Op::StartsWith:
        return v.isString() && v.toString().startsWith(m_value.toString());
    case Op::EndsWith:
        return v.isString() && v.toString().endsWith(m_value.toString());
    case Op::Contains:
        if (v.isArray()) {
            for (const QJsonValue& item : v.toArray())
                if (sameValue(item, m_value))
                    return true;
            return false;
        }
        return v.isString() && v.toString().contains(asText(m_value));
    case Op::Matches:
        return v.isString() && QRegularExpression(m_value.toString()).match(v.toString()).hasMatch();
    }
    return false;
}

bool Breakpoint::applies(const TraceRecord& record, Stage at, const QByteArray& input) const {
    if (!enabled || stage != at)
        return false;
    if (eventType != QLatin1String("*")) {
        const QByteArray want = eventType.toLatin1();
        const QByteArrayView sdk =
            record.sdkEvent.isEmpty() ? sdkEventForDispatch(record.type) : QByteArrayView(record.sdkEvent);
        if (want != record.type && want != sdk)
            return false;
    }
    return condition.matches(input);
}

} // namespace botwright::pipeline
