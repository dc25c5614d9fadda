#include "app/studio/attachment_tray.h"

#include "app/studio/attachment_list.h"
#include "app/studio/chat_style.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

QStringList localFiles(const QMimeData* mime) {
    QStringList out;
    if (!mime || !mime->hasUrls())
        return out;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            out.append(url.toLocalFile());
    return out;
}

} // namespace

AttachmentTray::AttachmentTray(QWidget* parent)
    : QWidget(parent)
    , m_row(new QHBoxLayout(this)) {
    setObjectName(QStringLiteral("attachmentTray"));
    m_row->setContentsMargins(10, 6, 10, 0);
    m_row->setSpacing(6);
    hide();
}

void AttachmentTray::addFiles(const QStringList& paths) {
    qint64 total = 0;
    for (const QString& f : m_files)
        total += QFileInfo(f).size();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        const QString absolute = info.absoluteFilePath();
        if (!info.isFile() || !info.isReadable()) {
            Q_EMIT refused(info.isDir() ? tr("%1 is a folder; attach the files in it").arg(info.fileName())
                                        : tr("%1 cannot be read").arg(info.fileName()));
            continue;
        }
        if (m_files.contains(absolute))
            continue;
        if (m_files.size() >= kMaxFiles) {
            Q_EMIT refused(tr("A message can carry at most %1 files").arg(kMaxFiles));
            break;
        }
        if (total + info.size() > kMaxBytes) {
            Q_EMIT refused(tr("%1 would make the message larger than Discord's 25 MB").arg(info.fileName()));
            continue;
        }
        total += info.size();
        m_files.append(absolute);
    }
    rebuild();
}

void AttachmentTray::removeFile(const QString& path) {
    m_files.removeAll(path);
    rebuild();
}

void AttachmentTray::clear() {
    m_files.clear();
    rebuild();
}

void AttachmentTray::rebuild() {
    while (QLayoutItem* item = m_row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QString& path : m_files) {
        const QFileInfo info(path);
        auto* chip = new EmbedCard(chat::blurple(), this);
        chip->setObjectName(QStringLiteral("pendingFile"));
        chip->setProperty("path", path);
        chip->setMinimumWidth(0);
        chip->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
        auto* layout = qobject_cast<QVBoxLayout*>(chip->layout());
        layout->setContentsMargins(12, 4, 4, 4);
        auto* line = new QHBoxLayout;
        line->setSpacing(6);
        auto* label = new QLabel(
            QStringLiteral("<b>%1</b> <span style=\"color:%2\">%3</span>")
                .arg(QFontMetrics(font()).elidedText(info.fileName(), Qt::ElideMiddle, 220).toHtmlEscaped(),
                     chat::muted(palette()).name(), AttachmentList::sizeText(info.size())),
            chip);
        line->addWidget(label);
        auto* remove = new QToolButton(chip);
        remove->setObjectName(QStringLiteral("removeFile"));
        remove->setText(QStringLiteral("✕"));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Remove %1").arg(info.fileName()));
        connect(remove, &QToolButton::clicked, this, [this, path] { removeFile(path); });
        line->addWidget(remove);
        layout->addLayout(line);
        m_row->addWidget(chip);
    }
    m_row->addStretch(1);
    setVisible(!m_files.isEmpty());
    Q_EMIT changed();
}

void AttachmentTray::acceptDropsOn(QWidget* target) {
    target->setAcceptDrops(true);
    target->installEventFilter(this);
}

bool AttachmentTray::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto* drag = static_cast<QDragMoveEvent*>(event);
        if (localFiles(drag->mimeData()).isEmpty())
            break;
        drag->setDropAction(Qt::CopyAction);
        drag->accept();
        return true;
    }
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        const QStringList files = localFiles(drop->mimeData());
        if (files.isEmpty())
            break;
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        addFiles(files);
        return true;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace botwright::studio
