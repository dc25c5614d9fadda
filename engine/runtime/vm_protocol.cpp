#include "engine/runtime/vm_protocol.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace botwright::runtime {

void appendVmEventFrame(QByteArray& out, qint64 id, QByteArrayView name, QByteArrayView data) {
    const QByteArray number = QByteArray::number(id);
    const qsizetype bodySize = number.size() + 1 + name.size() + 1 + data.size();
    const qsizetype at = out.size();
    out.resize(at + 5 + bodySize);
    char* p = out.data() + at;
    qToLittleEndian<quint32>(static_cast<quint32>(bodySize + 1), p);
    p[4] = static_cast<char>(VmMessage::Event);
    p += 5;
    std::memcpy(p, number.constData(), static_cast<std::size_t>(number.size()));
    p += number.size();
    *p++ = ' ';
    std::memcpy(p, name.data(), static_cast<std::size_t>(name.size()));
    p += name.size();
    *p++ = '\n';
    std::memcpy(p, data.data(), static_cast<std::size_t>(data.size()));
}

QByteArray encodeVmFrame(VmMessage kind, QByteArrayView body) {
    QByteArray frame;
    const auto length = static_cast<quint32>(body.size() + 1);
    frame.resize(5 + body.size());
    qToLittleEndian<quint32>(length, frame.data());
    frame[4] = static_cast<char>(kind);
    if (!body.isEmpty())
        std::memcpy(frame.data() + 5, body.data(), static_cast<std::size_t>(body.size()));
    return frame;
}

void VmFrameReader::append(const char* data, qsizetype size) {
    std::memcpy(prepareAppend(size), data, static_cast<std::size_t>(size));
}

char* VmFrameReader::prepareAppend(qsizetype size) {
    // Consumed bytes are dropped without giving the memory back: a buffer that is freed and
    // allocated again for every read costs fresh, zeroed pages from the kernel each time.
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.resize(0);
        m_offset = 0;
    } else if (m_offset > (1 << 20)) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    const qsizetype at = m_buffer.size();
    m_buffer.resize(at + size);
    return m_buffer.data() + at;
}

void VmFrameReader::commitAppend(qsizetype prepared, qsizetype written) {
    m_buffer.resize(m_buffer.size() - prepared + std::max<qsizetype>(written, 0));
}

bool VmFrameReader::next(VmFrame* frame, QString* error) {
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 4)
        return false;
    const quint32 length = qFromLittleEndian<quint32>(m_buffer.constData() + m_offset);
    if (length == 0 || length > kVmMaxFrameBytes) {
        if (error)
            *error = QStringLiteral("bad frame length %1").arg(length);
        return false;
    }
    if (available < 4 + static_cast<qsizetype>(length))
        return false;
    frame->kind = static_cast<VmMessage>(static_cast<quint8>(m_buffer.at(m_offset + 4)));
    frame->body = m_buffer.mid(m_offset + 5, length - 1);
    m_offset += 4 + length;
    return true;
}

} // namespace botwright::runtime
