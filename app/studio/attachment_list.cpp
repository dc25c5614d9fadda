#include "app/studio/attachment_list.h"

#include "app/studio/attachment_fetcher.h"
#include "app/studio/chat_style.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QStandardPaths>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

constexpr QSize kSingleBox(400, 300); // one image: Discord's largest inline preview
constexpr QSize kGroupBox(220, 165);  // several images side by side
constexpr int kRadius = 8;

QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

// An image attachment: its thumbnail with rounded corners, a placeholder while it loads.
class ImageTile final : public QWidget {
public:
    ImageTile(const QJsonObject& a, const QSize& box, QWidget* parent)
        : QWidget(parent)
        , m_name(str(a, "filename")) {
        const QSize natural(a.value(QStringLiteral("width")).toInt(),
                            a.value(QStringLiteral("height")).toInt());
        const QSize shown = natural.isEmpty() ? QSize(box.width(), box.height() * 2 / 3)
                                              : natural.scaled(box, Qt::KeepAspectRatio).boundedTo(natural);
        setFixedSize(shown.expandedTo(QSize(48, 48)));
        setCursor(Qt::PointingHandCursor);
    }
    void setPixmap(const QPixmap& pixmap, bool failed) {
        m_pixmap = pixmap;
        m_failed = failed;
        setProperty("loaded", !pixmap.isNull());
        update();
    }
    std::function<void()> activated;

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        QPainterPath clip;
        clip.addRoundedRect(QRectF(rect()), kRadius, kRadius);
        p.setClipPath(clip);
        if (!m_pixmap.isNull()) {
            p.drawPixmap(rect(), m_pixmap);
            return;
        }
        p.fillPath(clip, chat::chipFill(palette()));
        p.setPen(chat::muted(palette()));
        const QString note = m_failed ? tr("Preview unavailable") : tr("Loading…");
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, note + u'\n' + m_name);
    }
    void mouseReleaseEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()) && activated)
            activated();
    }

private:
    QString m_name;
    QPixmap m_pixmap;
    bool m_failed = false;
};

// A file's icon: a page with a folded corner and the extension on it.
QPixmap fileIcon(const QString& filename, const QPalette& palette, qreal dpr) {
    const QSize size(30, 38);
    QPixmap pixmap(size * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal fold = 9;
    QPainterPath page;
    page.moveTo(1, 1);
    page.lineTo(size.width() - fold, 1);
    page.lineTo(size.width() - 1, fold);
    page.lineTo(size.width() - 1, size.height() - 1);
    page.lineTo(1, size.height() - 1);
    page.closeSubpath();
    const QColor accent = chat::blurple();
    p.setPen(QPen(accent, 1.4));
    p.setBrush(chat::blend(palette.color(QPalette::Base), accent, 0.12));
    p.drawPath(page);
    QPainterPath corner;
    corner.moveTo(size.width() - fold, 1);
    corner.lineTo(size.width() - fold, fold);
    corner.lineTo(size.width() - 1, fold);
    p.setBrush(Qt::NoBrush);
    p.drawPath(corner);
    QString ext = QFileInfo(filename).suffix().left(4).toUpper();
    if (!ext.isEmpty()) {
        QFont f = QApplication::font();
        f.setPixelSize(8);
        f.setBold(true);
        p.setFont(f);
        p.setPen(accent);
        p.drawText(QRect(0, size.height() / 2 - 2, size.width(), 14), Qt::AlignCenter, ext);
    }
    return pixmap;
}

} // namespace

AttachmentList::AttachmentList(AttachmentFetcher* fetcher, const QJsonArray& attachments, QWidget* parent)
    : QWidget(parent)
    , m_fetcher(fetcher)
    , m_attachments(attachments) {
    setObjectName(QStringLiteral("attachments"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(6);
    int images = 0;
    for (const QJsonValue a : attachments)
        images += isImage(a.toObject()) ? 1 : 0;
    QHBoxLayout* imageRow = nullptr;
    for (int i = 0; i < count(); ++i) {
        const QJsonObject a = m_attachments.at(i).toObject();
        if (isImage(a)) {
            if (!imageRow) {
                imageRow = new QHBoxLayout;
                imageRow->setSpacing(6);
                layout->addLayout(imageRow);
            }
            QWidget* tile = makeImage(i, images > 1 ? kGroupBox : kSingleBox);
            imageRow->addWidget(tile, 0, Qt::AlignLeft | Qt::AlignTop);
            if (imageRow->count() == 3) // three a row, like Discord's mosaic
                imageRow = nullptr;
        } else {
            imageRow = nullptr;
            layout->addWidget(makeFile(i), 0, Qt::AlignLeft);
        }
    }
    for (QHBoxLayout* row : findChildren<QHBoxLayout*>(QString(), Qt::FindDirectChildrenOnly))
        row->addStretch(1);
}

bool AttachmentList::isImage(const QJsonObject& attachment) {
    const QString type = str(attachment, "content_type");
    return type.startsWith(QLatin1String("image/")) && !type.startsWith(QLatin1String("image/svg"));
}

QString AttachmentList::sizeText(qint64 bytes) {
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QWidget* AttachmentList::makeImage(int index, const QSize& box) {
    const QJsonObject a = m_attachments.at(index).toObject();
    auto* tile = new ImageTile(a, box, this);
    tile->setObjectName(QStringLiteral("attachmentImage"));
    tile->setProperty("filename", str(a, "filename"));
    QString tip = str(a, "filename");
    if (a.contains(QStringLiteral("width")))
        tip += QStringLiteral(" · %1×%2")
                   .arg(a.value(QStringLiteral("width")).toInt())
                   .arg(a.value(QStringLiteral("height")).toInt());
    tip += QStringLiteral(" · ") + sizeText(a.value(QStringLiteral("size")).toInteger());
    if (const QString description = str(a, "description"); !description.isEmpty())
        tip += u'\n' + description;
    tile->setToolTip(tip);
    tile->setAccessibleName(str(a, "description").isEmpty() ? str(a, "filename") : str(a, "description"));
    tile->activated = [this, index] { open(index); };
    const QSize pixels = tile->size() * devicePixelRatioF();
    const QString url = str(a, "url");
    if (const QPixmap cached = m_fetcher->cachedThumbnail(url, pixels); !cached.isNull())
        tile->setPixmap(cached, false);
    else
        m_fetcher->thumbnail(url, pixels, tile,
                             [tile](const QPixmap& pixmap) { tile->setPixmap(pixmap, pixmap.isNull()); });
    m_items.append(tile);
    return tile;
}

QWidget* AttachmentList::makeFile(int index) {
    const QJsonObject a = m_attachments.at(index).toObject();
    auto* card = new EmbedCard(Qt::transparent, this);
    card->setObjectName(QStringLiteral("attachmentFile"));
    card->setProperty("filename", str(a, "filename"));
    card->setMaximumWidth(432);
    card->setMinimumWidth(340);
    card->setCursor(Qt::PointingHandCursor);
    auto* column = qobject_cast<QVBoxLayout*>(card->layout());
    column->setContentsMargins(10, 8, 8, 8);
    auto* row = new QHBoxLayout;
    row->setSpacing(10);
    auto* icon = new QLabel(card);
    icon->setPixmap(fileIcon(str(a, "filename"), palette(), devicePixelRatioF()));
    row->addWidget(icon, 0, Qt::AlignVCenter);
    auto* texts = new QVBoxLayout;
    texts->setSpacing(0);
    auto* name = new QLabel(card);
    name->setObjectName(QStringLiteral("attachmentName"));
    name->setText(QFontMetrics(name->font()).elidedText(str(a, "filename"), Qt::ElideMiddle, 300));
    chat::setInk(name, chat::isDark(palette()) ? QColor(0x00, 0xA8, 0xFC) : QColor(0x00, 0x67, 0xE0));
    QFont bold = name->font();
    bold.setWeight(QFont::DemiBold);
    name->setFont(bold);
    texts->addWidget(name);
    auto* size = new QLabel(sizeText(a.value(QStringLiteral("size")).toInteger()), card);
    size->setObjectName(QStringLiteral("attachmentSize"));
    QFont small = size->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    size->setFont(small);
    chat::setInk(size, chat::muted(palette()));
    texts->addWidget(size);
    row->addLayout(texts, 1);
    auto* download = new QToolButton(card);
    download->setObjectName(QStringLiteral("download"));
    download->setText(QStringLiteral("⤓"));
    download->setAutoRaise(true);
    download->setToolTip(tr("Save As…"));
    row->addWidget(download, 0, Qt::AlignVCenter);
    column->addLayout(row);
    QString tip = str(a, "filename") + QStringLiteral(" · ") + str(a, "content_type");
    if (const QString description = str(a, "description"); !description.isEmpty())
        tip += u'\n' + description;
    card->setToolTip(tip);
    connect(download, &QToolButton::clicked, this, [this, index] { saveAs(index); });
    card->installEventFilter(this);
    m_items.append(card);
    return card;
}

int AttachmentList::indexAt(const QPoint& pos) const {
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items[i]->geometry().contains(m_items[i]->parentWidget()->mapFrom(this, pos)))
            return i;
    return -1;
}

void AttachmentList::open(int index) const {
    QDesktopServices::openUrl(QUrl(str(m_attachments.at(index).toObject(), "url")));
}

void AttachmentList::saveAs(int index) {
    const QString name = str(m_attachments.at(index).toObject(), "filename");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Attachment"), QDir(folder).filePath(name));
    if (!path.isEmpty())
        saveAttachment(index, path);
}

void AttachmentList::saveAttachment(int index, const QString& path,
                                    const std::function<void(const QString&)>& done) {
    const QJsonObject a = m_attachments.at(index).toObject();
    const QString name = str(a, "filename");
    m_fetcher->fetch(
        str(a, "url"), this, [this, path, name, done](const QByteArray& bytes, const QString& error) {
            QString problem = error;
            if (problem.isEmpty()) {
                QSaveFile file(path);
                if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
                    problem = file.errorString();
            }
            if (problem.isEmpty())
                Q_EMIT saved(path);
            else
                Q_EMIT failed(tr("Could not save %1: %2").arg(name, problem));
            if (done)
                done(problem);
        });
}

bool AttachmentList::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonRelease &&
        static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton) {
        if (const int index = static_cast<int>(m_items.indexOf(qobject_cast<QWidget*>(watched)));
            index >= 0) {
            saveAs(index);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AttachmentList::contextMenuEvent(QContextMenuEvent* event) {
    const int index = indexAt(event->pos());
    if (index < 0) {
        QWidget::contextMenuEvent(event);
        return;
    }
    const QString url = str(m_attachments.at(index).toObject(), "url");
    QMenu menu(this);
    menu.addAction(tr("Open"), this, [this, index] { open(index); });
    menu.addAction(tr("Save As…"), this, [this, index] { saveAs(index); });
    menu.addAction(tr("Copy Link"), this, [url] { QApplication::clipboard()->setText(url); });
    menu.exec(event->globalPos());
}

} // namespace botwright::studio
