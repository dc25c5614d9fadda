#pragma once
// Shared by the pipeline tests: the sandbox's default world driven in-process (World operations
// and RestApi without sockets), so payloads are exactly what the local Discord sends.
#include "engine/pipeline/event_routing.h"
#include "engine/pipeline/transformer.h"
#include "engine/sandbox/fault_settings.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"
#include "engine/sandbox/world_json.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

namespace pipeline_test {

using namespace botwright;
using sandbox::Snowflake;

constexpr Snowflake kGuild = 1113768905932800000ULL, kGeneral = 1113768910127104000ULL,
                    kCommands = 1113768910127104001ULL, kAnnouncements = 1113768910127104002ULL,
                    kModsOnly = 1113768910127104003ULL, kLounge = 1113768910127104004ULL,
                    kCategory = 1113768910127104005ULL;
constexpr Snowflake kBot = 1102565081088000000ULL, kAlice = 948142551859331072ULL,
                    kBob = 1064091569356800000ULL, kCarol = 1079612317696000000ULL;
constexpr Snowflake kBotRole = 1114131302187008000ULL, kModRole = 1114131302187008001ULL;
constexpr Snowflake kEmoji = 1180116084326400001ULL;

inline QString sid(Snowflake v) {
    return QString::number(v);
}

inline QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> items) {
    QJsonObject o;
    for (const auto& [k, v] : items)
        o.insert(k, v);
    return o;
}

inline QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The bytes a gateway session would put in `d`.
inline QByteArray payloadOf(const sandbox::Dispatch& d) {
    return d.json.isEmpty() ? compact(d.data) : d.json;
}

struct Harness {
    sandbox::World world;
    sandbox::SandboxOptions options;
    sandbox::FaultSettings faults;
    sandbox::RestApi api{world, options, faults};
    std::vector<sandbox::Dispatch> events;
    pipeline::TransformContext context;

    Harness() {
        sandbox::populateDefaultWorld(world);
        world.addListener([this](const sandbox::Dispatch& d) { events.push_back(d); });
        context.guildId = kGuild;
    }

    struct Reply {
        int status = 0;
        QByteArray body;
        QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    };
    Reply call(const QByteArray& method, const QString& path, const QString& auth,
               const QJsonValue& body = QJsonValue::Undefined) {
        sandbox::RestRequest req;
        req.headers.insert("authorization", auth.toUtf8());
        if (!body.isUndefined()) {
            req.headers.insert("content-type", "application/json");
            req.body = body.isArray() ? QJsonDocument(body.toArray()).toJson()
                                      : QJsonDocument(body.toObject()).toJson();
        }
        const qsizetype q = path.indexOf(u'?');
        if (q >= 0)
            req.query = QUrlQuery(path.mid(q + 1));
        const sandbox::RestResponse r = api.handle(method, QStringLiteral("/api/v10") + path.left(q), req);
        return Reply{r.status, r.body};
    }
    Reply bot(const QByteArray& method, const QString& path, const QJsonValue& body = QJsonValue::Undefined) {
        return call(method, path, QStringLiteral("Bot ") + world.botToken(), body);
    }
    Reply as(Snowflake userId, const QByteArray& method, const QString& path,
             const QJsonValue& body = QJsonValue::Undefined) {
        return call(method, path, world.user(userId)->token, body);
    }

    const sandbox::Dispatch* last(const QString& type) const {
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (it->type == type)
                return &*it;
        return nullptr;
    }
    // Routes the last dispatch of `type` and transforms it; fails the test when either step fails.
    QJsonValue deliver(const QString& type, pipeline::TransformTrace* trace = nullptr) {
        const sandbox::Dispatch* d = last(type);
        REQUIRE(d);
        const QByteArray data = payloadOf(*d);
        const QByteArray dispatchType = type.toLatin1();
        const pipeline::RouteDecision decision = pipeline::route(dispatchType, data, kGuild);
        INFO(type.toStdString() << " dropped: " << decision.reason.toStdString());
        REQUIRE(decision.delivered());
        return transformed(decision.sdkEvent, data, trace);
    }
    QJsonValue transformed(QByteArrayView sdkEvent, const QByteArray& data,
                           pipeline::TransformTrace* trace = nullptr) {
        const pipeline::TransformOutput out = pipeline::transformEvent(sdkEvent, data, context, trace);
        INFO(out.error.toStdString());
        REQUIRE(out.ok);
        const QJsonDocument doc = QJsonDocument::fromJson("[" + out.json + "]");
        REQUIRE(doc.isArray());
        return doc.array().at(0);
    }
    QJsonValue model(pipeline::Model model, const QByteArray& json,
                     pipeline::TransformTrace* trace = nullptr) {
        const pipeline::TransformOutput out = pipeline::transformModel(model, json, context, trace);
        INFO(out.error.toStdString());
        REQUIRE(out.ok);
        const QJsonDocument doc = QJsonDocument::fromJson("[" + out.json + "]");
        REQUIRE(doc.isArray());
        return doc.array().at(0);
    }
};

// A successful transformation's object.
inline QJsonObject parsed(const pipeline::TransformOutput& out) {
    INFO(out.error.toStdString());
    REQUIRE(out.ok);
    const QJsonDocument doc = QJsonDocument::fromJson(out.json);
    REQUIRE(doc.isObject());
    return doc.object();
}

// Unix ms of a sandbox time (what the SDK's timestamps hold).
inline qint64 ms(const QDateTime& time) {
    return time.toMSecsSinceEpoch();
}

} // namespace pipeline_test
