#include "engine/rest/rest_route.h"

#include <QStringTokenizer>
#include <QStringView>
#include <QVarLengthArray>

namespace botwright::rest {

namespace {

bool isSnowflake(QStringView segment) {
    if (segment.isEmpty())
        return false;
    for (const QChar c : segment)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

} // namespace

QByteArray methodName(HttpMethod method) {
    switch (method) {
    case HttpMethod::Get:
        return QByteArrayLiteral("GET");
    case HttpMethod::Post:
        return QByteArrayLiteral("POST");
    case HttpMethod::Put:
        return QByteArrayLiteral("PUT");
    case HttpMethod::Patch:
        return QByteArrayLiteral("PATCH");
    case HttpMethod::Delete:
        return QByteArrayLiteral("DELETE");
    }
    return QByteArrayLiteral("GET");
}

RestRoute RestRoute::parse(HttpMethod method, const QString& path) {
    QStringView rest(path);
    const qsizetype query = rest.indexOf(u'?');
    if (query >= 0)
        rest = rest.left(query);
    const qsizetype fragment = rest.indexOf(u'#');
    if (fragment >= 0)
        rest = rest.left(fragment);

    QVarLengthArray<QStringView, 12> segments;
    for (const QStringView part : qTokenize(rest, u'/', Qt::SkipEmptyParts))
        segments.append(part);

    RestRoute route;
    route.idempotent = method == HttpMethod::Get;
    const QStringView first = segments.isEmpty() ? QStringView() : segments[0];
    // How many leading segments after the first form the major parameter.
    qsizetype majorEnd = 0;
    if ((first == u"channels" || first == u"guilds") && segments.size() > 1) {
        majorEnd = 2;
    } else if (first == u"webhooks" && segments.size() > 1) {
        majorEnd = segments.size() > 2 ? 3 : 2; // webhook id, and its token when the path has one
        route.sendsAuth = segments.size() <= 2;
    } else if (first == u"interactions" && segments.size() > 2) {
        majorEnd = 3; // interaction id + token: each interaction is its own bucket
        route.globalExempt = true;
        route.sendsAuth = false;
    }
    if (method == HttpMethod::Get && segments.size() == 1 && first == u"gateway")
        route.sendsAuth = false;
    route.createMessage = method == HttpMethod::Post && segments.size() == 3 && first == u"channels" &&
                          segments[2] == u"messages";

    // Built in stack buffers and turned into strings once: this runs for every request.
    QVarLengthArray<QChar, 160> key, shape, major;
    const auto put = [](QVarLengthArray<QChar, 160>& out, QStringView text) {
        out.append(text.data(), text.size());
    };
    const QString verb = QString::fromLatin1(methodName(method));
    put(key, verb);
    key.append(u' ');
    put(shape, verb);
    shape.append(u' ');
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QStringView segment = segments[i];
        key.append(u'/');
        shape.append(u'/');
        if (i > 0 && i < majorEnd) {
            put(key, segment);
            put(shape, u":major");
            put(major, i == 1 ? first : QStringView(u"/"));
            if (i == 1)
                major.append(u'/');
            put(major, segment);
        } else if (i > 0 && segments[i - 1] == u"reactions") {
            put(key, u":emoji"); // one bucket for every emoji of a message
            put(shape, u":emoji");
        } else if (isSnowflake(segment)) {
            put(key, u":id");
            put(shape, u":id");
        } else {
            put(key, segment);
            put(shape, segment);
        }
    }
    if (segments.isEmpty()) {
        key.append(u'/');
        shape.append(u'/');
    }
    route.key = QString(key.constData(), key.size());
    route.shape = QString(shape.constData(), shape.size());
    route.major = QString(major.constData(), major.size());
    return route;
}

} // namespace botwright::rest
