#include "engine/sandbox/rest_router.h"

namespace botwright::sandbox {

void RestRouter::add(const char* method, const QString& pattern, RestHandler handler, RestAuth auth) {
    Route route;
    route.method = QByteArray(method);
    route.pattern = pattern;
    route.segments = pattern.split(u'/', Qt::SkipEmptyParts);
    route.handler = std::move(handler);
    route.auth = auth;
    m_routes.push_back(std::move(route));
}

RestRouter::Match RestRouter::match(const QByteArray& method, const QString& path) const {
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    Match best;
    for (const Route& route : m_routes) {
        if (route.segments.size() != parts.size())
            continue;
        QHash<QString, QString> params;
        bool ok = true;
        for (qsizetype i = 0; i < parts.size() && ok; ++i) {
            const QString& seg = route.segments[i];
            if (seg.startsWith(u'{') && seg.endsWith(u'}'))
                params.insert(seg.mid(1, seg.size() - 2), QUrl::fromPercentEncoding(parts[i].toUtf8()));
            else
                ok = seg == parts[i];
        }
        if (!ok)
            continue;
        // Literal segments beat parameters (/users/@me before /users/{user_id}).
        if (route.method == method) {
            const auto literals = [](const Route& r) {
                return std::count_if(r.segments.begin(), r.segments.end(),
                                     [](const QString& s) { return !s.startsWith(u'{'); });
            };
            if (!best.route || literals(route) > literals(*best.route)) {
                best.route = &route;
                best.params = params;
            }
        }
        best.pathKnown = true;
    }
    return best;
}

} // namespace botwright::sandbox
