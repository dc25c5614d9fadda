#include "engine/protocol/frame_envelope.h"

#include <cstring>
#include <simdjson.h>
#include <string_view>

namespace botwright::protocol {

namespace {

QByteArray bytes(std::string_view view) {
    return QByteArray(view.data(), static_cast<qsizetype>(view.size()));
}

FrameEnvelope refused(const QString& why) {
    FrameEnvelope envelope;
    envelope.error = why;
    return envelope;
}

QString describe(simdjson::error_code code) {
    return QString::fromUtf8(simdjson::error_message(code));
}

// Trailing whitespace that a scalar's raw token may carry.
std::string_view trimmed(std::string_view text) {
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

struct FrameEnvelopeParser::Impl {
    simdjson::dom::parser validator;   // full validation of the frame
    simdjson::ondemand::parser reader; // the raw text of `d`
    std::unique_ptr<char[]> buffer;    // the frame plus simdjson's padding
    std::size_t capacity = 0;

    const char* padded(const QByteArray& json) {
        const std::size_t need = static_cast<std::size_t>(json.size()) + simdjson::SIMDJSON_PADDING;
        if (need > capacity) {
            capacity = std::max<std::size_t>(need, 2 * capacity);
            buffer = std::make_unique<char[]>(capacity);
        }
        std::memcpy(buffer.get(), json.constData(), static_cast<std::size_t>(json.size()));
        std::memset(buffer.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
        return buffer.get();
    }
};

FrameEnvelopeParser::FrameEnvelopeParser()
    : m_impl(std::make_unique<Impl>()) {}
FrameEnvelopeParser::~FrameEnvelopeParser() = default;

FrameEnvelope FrameEnvelopeParser::parse(const QByteArray& json) {
    const char* text = m_impl->padded(json);
    const auto length = static_cast<std::size_t>(json.size());

    simdjson::dom::element root;
    if (const auto code = m_impl->validator.parse(text, length, false).get(root))
        return refused(QStringLiteral("not valid JSON: %1").arg(describe(code)));
    simdjson::dom::object frame;
    if (root.get_object().get(frame))
        return refused(QStringLiteral("a gateway payload must be a JSON object"));

    FrameEnvelope envelope;
    bool hasData = false;
    for (const simdjson::dom::key_value_pair field : frame) {
        if (field.key == "op") {
            int64_t op = 0;
            if (field.value.get_int64().get(op) || op < 0 || op > 0xFFFF)
                return refused(QStringLiteral("\"op\" must be a small non-negative integer"));
            envelope.op = static_cast<int>(op);
        } else if (field.key == "s") {
            if (field.value.is_null())
                continue;
            int64_t seq = 0;
            if (field.value.get_int64().get(seq) || seq < 0)
                return refused(QStringLiteral("\"s\" must be null or a non-negative integer"));
            envelope.seq = seq;
        } else if (field.key == "t") {
            if (field.value.is_null())
                continue;
            std::string_view type;
            if (field.value.get_string().get(type))
                return refused(QStringLiteral("\"t\" must be null or a string"));
            envelope.type = bytes(type);
        } else if (field.key == "d") {
            hasData = true;
        }
    }
    if (envelope.op < 0)
        return refused(QStringLiteral("the payload has no \"op\""));

    envelope.data = QByteArrayLiteral("null");
    if (hasData) {
        // The document is known to be valid: read `d`'s text in place (the first "d" key wins, as
        // in the DOM above).
        simdjson::ondemand::document doc;
        if (const auto code =
                m_impl->reader.iterate(text, length, length + simdjson::SIMDJSON_PADDING).get(doc))
            return refused(QStringLiteral("not valid JSON: %1").arg(describe(code)));
        // Keys are compared unescaped, as the validation above read them: `"\u0064"` is "d" too.
        simdjson::ondemand::object fields;
        if (const auto code = doc.get_object().get(fields))
            return refused(QStringLiteral("cannot read \"d\": %1").arg(describe(code)));
        simdjson::ondemand::value d;
        bool found = false;
        for (auto field : fields) {
            std::string_view key;
            if (const auto code = field.unescaped_key().get(key))
                return refused(QStringLiteral("cannot read \"d\": %1").arg(describe(code)));
            if (key != "d")
                continue;
            if (const auto code = field.value().get(d))
                return refused(QStringLiteral("cannot read \"d\": %1").arg(describe(code)));
            found = true;
            break;
        }
        if (!found)
            return refused(QStringLiteral("cannot read \"d\""));
        simdjson::ondemand::json_type kind;
        if (const auto code = d.type().get(kind))
            return refused(QStringLiteral("cannot read \"d\": %1").arg(describe(code)));
        std::string_view raw;
        simdjson::error_code code = simdjson::SUCCESS;
        if (kind == simdjson::ondemand::json_type::object) {
            simdjson::ondemand::object object;
            code = d.get_object().get(object);
            if (!code)
                code = object.raw_json().get(raw);
        } else if (kind == simdjson::ondemand::json_type::array) {
            simdjson::ondemand::array array;
            code = d.get_array().get(array);
            if (!code)
                code = array.raw_json().get(raw);
        } else {
            raw = trimmed(d.raw_json_token());
        }
        if (code)
            return refused(QStringLiteral("cannot read \"d\": %1").arg(describe(code)));
        envelope.data = bytes(raw);
    }
    envelope.ok = true;
    return envelope;
}

FrameEnvelope parseFrameEnvelope(const QByteArray& json) {
    FrameEnvelopeParser parser;
    return parser.parse(json);
}

} // namespace botwright::protocol
