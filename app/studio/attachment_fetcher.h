#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace botwright::studio {

// Downloads attachments from the local Discord's URLs for the chat (thumbnails, Save As…), as
// Discord's client fetches them from its CDN. One download per URL at a time, however many widgets
// ask; bytes and scaled thumbnails are kept in bounded caches, so a message widget rebuilt on every
// change shows its images at once. Lives on the GUI thread; never blocks it.
class AttachmentFetcher final : public QObject {
    Q_OBJECT
public:
    using BytesDone = std::function<void(const QByteArray& bytes, const QString& error)>;
    using PixmapDone = std::function<void(const QPixmap& pixmap)>;

    explicit AttachmentFetcher(QObject* parent = nullptr);

    // `done` runs on the GUI thread unless `context` was destroyed first.
    void fetch(const QString& url, QObject* context, BytesDone done);
    // The image scaled to fit `box` (device pixels), or a null pixmap when it cannot be decoded.
    void thumbnail(const QString& url, const QSize& box, QObject* context, PixmapDone done);
    // A cached thumbnail, or a null pixmap.
    QPixmap cachedThumbnail(const QString& url, const QSize& box) const;
    int downloads() const { return m_downloads; } // network requests made (for tests)

private:
    struct Waiter {
        QPointer<QObject> context;
        BytesDone done;
    };
    void finished(const QString& url, const QByteArray& bytes, const QString& error);
    static QString thumbKey(const QString& url, const QSize& box);

    QNetworkAccessManager* m_network;
    QCache<QString, QByteArray> m_bytes; // cost: KiB
    QCache<QString, QPixmap> m_thumbs;   // cost: KiB of pixels
    QHash<QString, QList<Waiter>> m_waiting;
    int m_downloads = 0;
};

} // namespace botwright::studio
