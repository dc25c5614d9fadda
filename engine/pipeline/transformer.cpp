#include "engine/pipeline/transformer.h"

#include "engine/pipeline/payload_parser.h"
#include "engine/pipeline/transform_parts.h"

#include <algorithm>
#include <cstring>
#include <memory>

namespace botwright::pipeline {

namespace {

using detail::Element;
using detail::TransformFailure;
using detail::TransformWriter;

// Auxiliary documents (TransformContext::previousVoiceState) get their own parser so the payload's
// document stays valid while they are read.
class AuxiliaryParser final {
public:
    simdjson::error_code parse(const QByteArray& json, Element& root) {
        const auto length = static_cast<std::size_t>(json.size());
        const std::size_t need = length + simdjson::SIMDJSON_PADDING;
        if (need > m_capacity) {
            m_capacity = std::max<std::size_t>(need, 2 * m_capacity);
            m_buffer = std::make_unique<char[]>(m_capacity);
        }
        std::memcpy(m_buffer.get(), json.constData(), length);
        std::memset(m_buffer.get() + length, 0, simdjson::SIMDJSON_PADDING);
        return m_parser.parse(m_buffer.get(), length, false).get(root);
    }

private:
    simdjson::dom::parser m_parser;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
};

thread_local AuxiliaryParser t_auxiliaryParser;

TransformOutput failed(QString error) {
    TransformOutput out;
    out.error = std::move(error);
    return out;
}

template <class Write>
TransformOutput run(QLatin1StringView what, const QByteArray& json, const TransformContext& ctx,
                    TransformTrace* trace, Write write) {
    Element root;
    if (const simdjson::error_code code = detail::PayloadParser::forThread().parse(json, root))
        return failed(QStringLiteral("%1: not valid JSON: %2")
                          .arg(what, QString::fromUtf8(simdjson::error_message(code))));
    try {
        // A Discord payload's SDK shape is about 2.5 times its size (camelCase keys, flag objects).
        TransformWriter t(ctx, trace, false, static_cast<std::size_t>(json.size()) * 3 + 256);
        write(t, root);
        TransformOutput out;
        out.ok = true;
        out.json = t.take();
        return out;
    } catch (const TransformFailure& failure) {
        if (trace) // the path was tracked: the message names the place already
            return failed(QStringLiteral("%1: %2").arg(what, failure.message));
        // The fast run keeps no path; the failing run is repeated with one to name the place.
        try {
            TransformWriter t(ctx, nullptr, true);
            write(t, root);
        } catch (const TransformFailure& described) {
            return failed(QStringLiteral("%1: %2").arg(what, described.message));
        }
        return failed(QStringLiteral("%1: %2").arg(what, failure.message));
    }
}

detail::WriteFn modelWriter(Model model) {
    switch (model) {
    case Model::Message:
        return detail::writeMessage;
    case Model::Member:
        return detail::writeMember;
    case Model::User:
        return detail::writeUser;
    case Model::Role:
        return detail::writeRole;
    case Model::Channel:
        return detail::writeChannel;
    case Model::Guild:
        return detail::writeGuild;
    case Model::Invite:
        return detail::writeInvite;
    case Model::Emoji:
        return detail::writeCustomEmoji;
    case Model::Ban:
        return detail::writeBan;
    case Model::ThreadMember:
        return detail::writeThreadMember;
    case Model::Webhook:
        return detail::writeWebhook;
    }
    return nullptr;
}

} // namespace

namespace detail {

bool auxiliaryDocument(TransformWriter& t, const QByteArray& json, const char* what, Element& out) {
    if (json.isEmpty())
        return false;
    if (const simdjson::error_code code = t_auxiliaryParser.parse(json, out))
        t.fail(what,
               QStringLiteral("is not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(code))));
    return true;
}

} // namespace detail

TransformOutput transformEvent(QByteArrayView sdkEvent, const QByteArray& discordData,
                               const TransformContext& ctx, TransformTrace* trace) {
    const detail::WriteFn write =
        detail::eventWriter(std::string_view(sdkEvent.data(), static_cast<std::size_t>(sdkEvent.size())));
    const QLatin1StringView what(sdkEvent.data(), sdkEvent.size());
    if (!write)
        return failed(QStringLiteral("%1 is not an SDK event").arg(what));
    return run(what, discordData, ctx, trace, write);
}

TransformOutput transformModel(Model model, const QByteArray& discordJson, const TransformContext& ctx,
                               TransformTrace* trace) {
    const detail::WriteFn write = modelWriter(model);
    if (!write)
        return failed(QStringLiteral("unknown model %1").arg(static_cast<int>(model)));
    return run(modelName(model), discordJson, ctx, trace, [write](TransformWriter& t, Element root) {
        if (root.type() == simdjson::dom::element_type::ARRAY)
            detail::writeEach(t, root, write); // a list result: GET …/messages, …/roles, …
        else
            write(t, root);
    });
}

const QList<QByteArrayView>& sdkEventNames() {
    static const QList<QByteArrayView> names = [] {
        QList<QByteArrayView> list;
        for (const std::string_view name : detail::eventShapeNames())
            list.append(QByteArrayView(name.data(), static_cast<qsizetype>(name.size())));
        return list;
    }();
    return names;
}

bool isSdkEvent(QByteArrayView sdkEvent) {
    return detail::eventWriter(
               std::string_view(sdkEvent.data(), static_cast<std::size_t>(sdkEvent.size()))) != nullptr;
}

QLatin1StringView modelName(Model model) {
    switch (model) {
    case Model::Message:
        return QLatin1StringView("Message");
    case Model::Member:
        return QLatin1StringView("Member");
    case Model::User:
        return QLatin1StringView("User");
    case Model::Role:
        return QLatin1StringView("Role");
    case Model::Channel:
        return QLatin1StringView("Channel");
    case Model::Guild:
        return QLatin1StringView("Guild");
    case Model::Invite:
        return QLatin1StringView("Invite");
    case Model::Emoji:
        return QLatin1StringView("Emoji");
    case Model::Ban:
        return QLatin1StringView("Ban");
    case Model::ThreadMember:
        return QLatin1StringView("ThreadMember");
    case Model::Webhook:
        return QLatin1StringView("Webhook");
    }
    return QLatin1StringView("Unknown");
}

} // namespace botwright::pipeline
