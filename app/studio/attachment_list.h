#pragma once

#include <QJsonArray>
#include <QWidget>

#include <functional>

namespace botwright::studio {

class AttachmentFetcher;

// A message's attachments as Discord's client shows them: images as rounded thumbnails (fetched from
// the local Discord, sized from the attachment's width and height before they arrive), other files
// as a card with an icon, the name and the size. Clicking an image opens it; clicking a file saves
// it. Both have Open, Save As… and Copy Link in their context menu.
class AttachmentList final : public QWidget {
    Q_OBJECT
public:
    AttachmentList(AttachmentFetcher* fetcher, const QJsonArray& attachments, QWidget* parent = nullptr);

    int count() const { return static_cast<int>(m_attachments.size()); }
    // Downloads attachment `index` and writes it to `path` atomically; `done` gets "" or the error.
    void saveAttachment(int index, const QString& path, const std::function<void(const QString&)>& done = {});
    void open(int index) const;
    void saveAs(int index); // asks where, then saveAttachment()

    static QString sizeText(qint64 bytes); // "812 bytes", "12.3 KB", "4.0 MB"
    static bool isImage(const QJsonObject& attachment);

Q_SIGNALS:
    void saved(const QString& path);
    void failed(const QString& message);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override; // a click on a file card saves it

private:
    QWidget* makeImage(int index, const QSize& box);
    QWidget* makeFile(int index);
    int indexAt(const QPoint& pos) const;

    AttachmentFetcher* m_fetcher;
    QJsonArray m_attachments;
    QList<QWidget*> m_items; // one per attachment, in order
};

} // namespace botwright::studio
