#include "app/studio/sync_conflict_dialog.h"

#include "app/studio/diff_view.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

using exporting::Change;

QString sideTitle(const QString& side, Change change) {
    switch (change) {
    case Change::Created:
        return QObject::tr("%1 — new since the last sync").arg(side);
    case Change::Modified:
        return QObject::tr("%1 — edited since the last sync").arg(side);
    case Change::Deleted:
        return QObject::tr("%1 — deleted since the last sync").arg(side);
    default:
        return side;
    }
}

QWidget* column(const QString& title, DiffView* view, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), box);
    layout->addWidget(label);
    layout->addWidget(view, 1);
    return box;
}

void showSide(DiffView* view, const std::optional<QByteArray>& text) {
    if (text)
        view->showText(QString::fromUtf8(*text));
    else
        view->showMessage(QObject::tr("(deleted — this side has no script of that name)"));
}

} // namespace

SyncConflictDialog::SyncConflictDialog(const exporting::SyncEntry& entry, exporting::SyncDirection direction,
                                       QWidget* parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_local(new DiffView(this))
    , m_server(new DiffView(this))
    , m_diff(new DiffView(this)) {
    setObjectName(QStringLiteral("syncConflictDialog"));
    setWindowTitle(tr("Conflict: %1.ts").arg(entry.name));
    resize(1000, 640);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>%1.ts</b> changed in this project and on the server since they were last "
                                "synced (%2). Choose which version to keep; the other is not lost: a local "
                                "version you replace is backed up under .botwright/sync-backups.")
                                 .arg(entry.name.toHtmlEscaped(), entry.describe(direction).toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_local->setObjectName(QStringLiteral("localSide"));
    m_server->setObjectName(QStringLiteral("serverSide"));
    m_diff->setObjectName(QStringLiteral("conflictDiff"));
    showSide(m_local, entry.localSource);
    showSide(m_server, entry.remoteSource);
    auto* sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(column(sideTitle(tr("This project"), entry.local), m_local, sides));
    sides->addWidget(column(sideTitle(tr("Server"), entry.remote), m_server, sides));
    m_tabs->addTab(sides, tr("Both sides"));
    m_diff->showDiff(QString::fromUtf8(entry.localSource.value_or(QByteArray())),
                     QString::fromUtf8(entry.remoteSource.value_or(QByteArray())));
    m_tabs->addTab(m_diff, tr("Differences (local → server)"));
    if (entry.baseSource) {
        auto* localChanges = new DiffView(this);
        localChanges->setObjectName(QStringLiteral("localChanges"));
        localChanges->showDiff(QString::fromUtf8(*entry.baseSource),
                               QString::fromUtf8(entry.localSource.value_or(QByteArray())));
        m_tabs->addTab(localChanges, tr("Your changes"));
        auto* serverChanges = new DiffView(this);
        serverChanges->setObjectName(QStringLiteral("serverChanges"));
        serverChanges->showDiff(QString::fromUtf8(*entry.baseSource),
                                QString::fromUtf8(entry.remoteSource.value_or(QByteArray())));
        m_tabs->addTab(serverChanges, tr("Server's changes"));
    }
    layout->addWidget(m_tabs, 1);

    const bool push = direction == exporting::SyncDirection::Push;
    auto* buttons = new QDialogButtonBox(this);
    QPushButton* keep = buttons->addButton(tr("Keep Local"), QDialogButtonBox::AcceptRole);
    keep->setObjectName(QStringLiteral("keepLocal"));
    keep->setToolTip(push ? tr("Send this project's version to the server")
                          : tr("Keep this project's version; the next push sends it"));
    QPushButton* take = buttons->addButton(tr("Take Server"), QDialogButtonBox::AcceptRole);
    take->setObjectName(QStringLiteral("takeServer"));
    take->setToolTip(tr("Replace this project's version with the server's (yours is backed up)"));
    QPushButton* skip = buttons->addButton(tr("Skip"), QDialogButtonBox::AcceptRole);
    skip->setObjectName(QStringLiteral("skipConflict"));
    skip->setToolTip(tr("Leave both sides as they are for now"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(keep, &QPushButton::clicked, this, [this] { choose(exporting::Resolution::KeepLocal); });
    connect(take, &QPushButton::clicked, this, [this] { choose(exporting::Resolution::TakeServer); });
    connect(skip, &QPushButton::clicked, this, [this] { choose(exporting::Resolution::Skip); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SyncConflictDialog::choose(exporting::Resolution resolution) {
    m_resolution = resolution;
    accept();
}

} // namespace botwright::studio
