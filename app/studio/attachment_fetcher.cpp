#include "app/studio/attachment_fetcher.h"

#include <QBuffer>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

namespace botwright::studio {

namespace {

constexpr int kBytesCacheKib = 64 * 1024; // 64 MiB of downloaded files
constexpr int kThumbCacheKib = 48 * 1024; // 48 MiB of scaled pixels
constexpr int kMaxDecodeSide = 8192;      // larger images are not decoded for a thumbnail

int kib(qint64 bytes) {
    return static_cast<int>(std::max<qint64>(1, bytes / 1024));
}

} // namespace

AttachmentFetcher::AttachmentFetcher(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_bytes.setMaxCost(kBytesCacheKib);
    m_thumbs.setMaxCost(kThumbCacheKib);
}

QString AttachmentFetcher::thumbKey(const QString& url, const QSize& box) {
    return QStringLiteral("%1x%2 %3").arg(box.width()).arg(box.height()).arg(url);
}

void AttachmentFetcher::fetch(const QString& url, QObject* context, BytesDone done) {
    if (const QByteArray* cached = m_bytes.object(url)) {
        done(*cached, {});
        return;
    }
    auto& waiters = m_waiting[url];
    waiters.append(Waiter{context, std::move(done)});
    if (waiters.size() > 1)
        return; // already on its way
    ++m_downloads;
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(30000);
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, url, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200)
            finished(url, reply->readAll(), {});
        else
            finished(url, {}, status == 404 ? tr("the file is no longer available") : reply->errorString());
    });
}

void AttachmentFetcher::finished(const QString& url, const QByteArray& bytes, const QString& error) {
    if (error.isEmpty())
        m_bytes.insert(url, new QByteArray(bytes), kib(bytes.size()));
    const QList<Waiter> waiters = m_waiting.take(url);
    for (const Waiter& w : waiters)
        if (w.context)
            w.done(bytes, error);
}

QPixmap AttachmentFetcher::cachedThumbnail(const QString& url, const QSize& box) const {
    const QPixmap* cached = m_thumbs.object(thumbKey(url, box));
    return cached ? *cached : QPixmap();
}

void AttachmentFetcher::thumbnail(const QString& url, const QSize& box, QObject* context, PixmapDone done) {
    const QString key = thumbKey(url, box);
    if (const QPixmap* cached = m_thumbs.object(key)) {
        done(*cached);
        return;
    }
    fetch(url, context, [this, key, box, done](const QByteArray& bytes, const QString& error) {
        if (!error.isEmpty()) {
            done({});
            return;
        }
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        const QSize size = reader.size();
        if (!size.isValid() || size.width() > kMaxDecodeSide || size.height() > kMaxDecodeSide) {
            done({});
            return;
        }
        reader.setScaledSize(size.scaled(box, Qt::KeepAspectRatio).boundedTo(size));
        const QImage image = reader.read();
        if (image.isNull()) {
            done({});
            return;
        }
        const QPixmap pixmap = QPixmap::fromImage(image);
        m_thumbs.insert(key, new QPixmap(pixmap), kib(qint64{pixmap.width()} * pixmap.height() * 4));
        done(pixmap);
    });
}

} // namespace botwright::studio
