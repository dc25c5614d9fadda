#pragma once

#include "engine/protocol/snowflake.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <map>

namespace botwright::sandbox {

using protocol::Snowflake;

// The bytes of one uploaded attachment, served at its URL.
struct StoredFile {
    Snowflake id = 0; // the attachment's id
    Snowflake channelId = 0;
    QString filename;
    QString contentType; // as the attachment object states it ("text/plain; charset=utf-8")
    QByteArray data;
};

// The sandbox's CDN: uploaded files by attachment id, in memory. Messages keep the attachment
// objects; the World removes a message's files with it. Past `capacity` bytes the oldest files are
// dropped (their URLs then answer 404), so a runaway script cannot exhaust memory.
class AttachmentStore final {
public:
    static constexpr qint64 kDefaultCapacity = 512ll * 1024 * 1024;

    void put(StoredFile file);
    const StoredFile* find(Snowflake id) const;
    void remove(Snowflake id);
    // Removes the files of these attachment objects (their "id" fields).
    void removeAll(const QJsonArray& attachments);
    // Removes the files of `before` that `after` does not list.
    void removeDropped(const QJsonArray& before, const QJsonArray& after);
    void removeChannel(Snowflake channelId);
    void clear();

    void setCapacity(qint64 bytes);
    qint64 capacity() const { return m_capacity; }
    qint64 totalBytes() const { return m_total; }
    const std::map<Snowflake, StoredFile>& files() const { return m_files; }

private:
    void trim(Snowflake keep);

    std::map<Snowflake, StoredFile> m_files; // ids grow with time: begin() is the oldest
    qint64 m_total = 0;
    qint64 m_capacity = kDefaultCapacity;
};

} // namespace botwright::sandbox
