#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace botwright::protocol {

// The outer shape of one gateway payload, `{"op":…, "d":…, "s":…, "t":…}`, read without building a
// document: `d` stays as its raw JSON text so a dispatch can travel to its consumer (the pipeline,
// the script VM) and be parsed once, there. The whole frame is still validated as JSON.
struct FrameEnvelope {
    bool ok = false;
    QString error;   // why the frame was refused, when !ok
    int op = -1;     // -1 when absent
    qint64 seq = -1; // `s`, -1 when null or absent
    QByteArray type; // `t`, empty when null or absent
    QByteArray data; // `d` as JSON text; "null" when absent
};

// Reuses its buffers between frames: one per thread that decodes (a Shard owns one).
class FrameEnvelopeParser final {
public:
    FrameEnvelopeParser();
    ~FrameEnvelopeParser();
    FrameEnvelopeParser(const FrameEnvelopeParser&) = delete;
    FrameEnvelopeParser& operator=(const FrameEnvelopeParser&) = delete;

    FrameEnvelope parse(const QByteArray& json);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Convenience for one-off use (tests, tools): a parser per call.
FrameEnvelope parseFrameEnvelope(const QByteArray& json);

} // namespace botwright::protocol
