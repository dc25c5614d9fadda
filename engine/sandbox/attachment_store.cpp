#include "engine/sandbox/attachment_store.h"

#include <QJsonObject>
#include <QSet>

namespace botwright::sandbox {

namespace {

Snowflake idOf(const QJsonValue& attachment) {
    return attachment.toObject().value(QStringLiteral("id")).toString().toULongLong();
}

} // namespace

void AttachmentStore::put(StoredFile file) {
    const Snowflake id = file.id;
    remove(id);
    m_total += file.data.size();
    m_files.emplace(id, std::move(file));
    trim(id);
}

const StoredFile* AttachmentStore::find(Snowflake id) const {
    const auto it = m_files.find(id);
    return it == m_files.end() ? nullptr : &it->second;
}

void AttachmentStore::remove(Snowflake id) {
    const auto it = m_files.find(id);
    if (it == m_files.end())
        return;
    m_total -= it->second.data.size();
    m_files.erase(it);
}

void AttachmentStore::removeAll(const QJsonArray& attachments) {
    for (const QJsonValue a : attachments)
        remove(idOf(a));
}

void AttachmentStore::removeDropped(const QJsonArray& before, const QJsonArray& after) {
    QSet<Snowflake> kept;
    for (const QJsonValue a : after)
        kept.insert(idOf(a));
    for (const QJsonValue a : before)
        if (!kept.contains(idOf(a)))
            remove(idOf(a));
}

void AttachmentStore::removeChannel(Snowflake channelId) {
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (it->second.channelId == channelId) {
            m_total -= it->second.data.size();
            it = m_files.erase(it);
        } else {
            ++it;
        }
    }
}

void AttachmentStore::clear() {
    m_files.clear();
    m_total = 0;
}

void AttachmentStore::setCapacity(qint64 bytes) {
    m_capacity = std::max<qint64>(0, bytes);
    trim(0);
}

void AttachmentStore::trim(Snowflake keep) {
    for (auto it = m_files.begin(); m_total > m_capacity && it != m_files.end();) {
        if (it->first == keep) {
            ++it;
            continue;
        }
        m_total -= it->second.data.size();
        it = m_files.erase(it);
    }
}

} // namespace botwright::sandbox
