#include "app/studio/sync_review_dialog.h"

#include "app/studio/diff_view.h"
#include "app/studio/sync_conflict_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

using exporting::Resolution;
using exporting::SyncAction;
using exporting::SyncDirection;
using exporting::SyncEntry;

constexpr int kNameRole = Qt::UserRole;

QString resolutionText(Resolution r) {
    switch (r) {
    case Resolution::KeepLocal:
        return QObject::tr("conflict → keep local");
    case Resolution::TakeServer:
        return QObject::tr("conflict → take server");
    case Resolution::Skip:
        return QObject::tr("conflict → skip");
    case Resolution::Unresolved:
        break;
    }
    return QObject::tr("CONFLICT — resolve");
}

} // namespace

SyncReviewDialog::SyncReviewDialog(exporting::SyncPlan plan, const QString& projectName,
                                   const QString& guildName, QWidget* parent)
    : QDialog(parent)
    , m_plan(std::move(plan))
    , m_summary(new QLabel(this))
    , m_entries(new QTreeWidget(this))
    , m_diffCaption(new QLabel(this))
    , m_diff(new DiffView(this))
    , m_resolve(new QPushButton(tr("Resolve Conflict…"), this))
    , m_issues(new QListWidget(this))
    , m_blocked(new QLabel(this))
    , m_apply(new QPushButton(this)) {
    const bool push = m_plan.direction == SyncDirection::Push;
    setObjectName(QStringLiteral("syncReviewDialog"));
    setWindowTitle(push ? tr("Push to %1").arg(guildName) : tr("Pull from %1").arg(guildName));
    resize(1100, 700);
    auto* layout = new QVBoxLayout(this);
    m_summary->setObjectName(QStringLiteral("syncSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_entries->setObjectName(QStringLiteral("syncEntries"));
    m_entries->setColumnCount(3);
    m_entries->setHeaderLabels({tr("Script"), tr("Action"), tr("Why")});
    m_entries->setRootIsDecorated(false);
    m_entries->setUniformRowHeights(true);
    m_entries->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_entries->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* captionRow = new QHBoxLayout;
    captionRow->addWidget(m_diffCaption, 1);
    m_resolve->setObjectName(QStringLiteral("resolveConflict"));
    captionRow->addWidget(m_resolve);
    rightLayout->addLayout(captionRow);
    rightLayout->addWidget(m_diff, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_entries);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    m_issues->setObjectName(QStringLiteral("syncIssues"));
    m_issues->setMaximumHeight(120);
    layout->addWidget(m_issues);
    m_blocked->setObjectName(QStringLiteral("syncBlocked"));
    m_blocked->setWordWrap(true);
    layout->addWidget(m_blocked);

    auto* buttons = new QDialogButtonBox(this);
    m_apply->setObjectName(QStringLiteral("applySync"));
    m_apply->setText(push ? tr("Push") : tr("Pull"));
    m_apply->setDefault(true);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canApply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_entries, &QTreeWidget::currentItemChanged, this, [this] { showSelected(); });
    connect(m_entries, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const SyncEntry* e = m_plan.find(item->data(0, kNameRole).toString());
        if (e && e->isConflict())
            openConflict(e->name);
    });
    connect(m_resolve, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = m_entries->currentItem())
            openConflict(item->data(0, kNameRole).toString());
    });

    fillEntries();
    const int count = m_plan.entries.size();
    const QString target = guildName.toHtmlEscaped();
    m_summary->setText(
        push ? tr("Push <b>%1</b> to <b>%2</b>: %3 to create, %4 to update, %5 to delete on the server, %6 "
                  "conflict(s). The server's VM is reloaded afterwards.")
                   .arg(projectName.toHtmlEscaped(), target)
                   .arg(m_plan.count(SyncAction::CreateRemote))
                   .arg(m_plan.count(SyncAction::UpdateRemote))
                   .arg(m_plan.count(SyncAction::DeleteRemote))
                   .arg(m_plan.conflictCount())
             : tr("Pull from <b>%1</b> into <b>%2</b>: %3 to add, %4 to update, %5 to remove here, %6 "
                  "conflict(s). Local edits are never overwritten without your choice.")
                   .arg(target, projectName.toHtmlEscaped())
                   .arg(m_plan.count(SyncAction::CreateLocal))
                   .arg(m_plan.count(SyncAction::UpdateLocal))
                   .arg(m_plan.count(SyncAction::DeleteLocal))
                   .arg(m_plan.conflictCount()));
    for (const QString& note : m_plan.notes)
        m_notes.append(note);
    if (count > 0) {
        // Start on the first conflict, else the first row.
        QTreeWidgetItem* first = m_entries->topLevelItem(0);
        for (int i = 0; i < m_entries->topLevelItemCount(); ++i)
            if (m_plan.entries[i].isConflict()) {
                first = m_entries->topLevelItem(i);
                break;
            }
        m_entries->setCurrentItem(first);
    } else {
        m_diff->showMessage(tr("Everything is in sync."));
    }
    refresh();
}

void SyncReviewDialog::fillEntries() {
    m_entries->clear();
    for (const SyncEntry& e : std::as_const(m_plan.entries)) {
        auto* item = new QTreeWidgetItem(m_entries);
        item->setData(0, kNameRole, e.name);
        item->setText(0, e.name + QStringLiteral(".ts"));
        updateRow(item);
    }
}

void SyncReviewDialog::updateRow(QTreeWidgetItem* item) {
    const SyncEntry* e = m_plan.find(item->data(0, kNameRole).toString());
    if (!e)
        return;
    const SyncAction action = e->effectiveAction(m_plan.direction);
    item->setText(1, e->isConflict() ? resolutionText(e->resolution) : exporting::actionName(action));
    item->setText(2, e->describe(m_plan.direction));
    item->setToolTip(2, item->text(2));
    QFont font = item->font(1);
    font.setBold(e->isConflict() && e->resolution == Resolution::Unresolved);
    item->setFont(1, font);
    const bool dim = action == SyncAction::OtherSide;
    const QColor text = palette().color(dim ? QPalette::PlaceholderText : QPalette::Text);
    for (int c = 0; c < 3; ++c)
        item->setForeground(c, text);
    if (e->isConflict() && e->resolution == Resolution::Unresolved)
        item->setForeground(1, palette().color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x8a, 0x80)
                                                                                 : QColor(0xb3, 0x26, 0x1e));
}

void SyncReviewDialog::showSelected() {
    QTreeWidgetItem* item = m_entries->currentItem();
    const SyncEntry* e = item ? m_plan.find(item->data(0, kNameRole).toString()) : nullptr;
    m_resolve->setVisible(e && e->isConflict());
    if (!e) {
        m_diffCaption->clear();
        m_diff->showMessage(QString());
        return;
    }
    const bool push = m_plan.direction == SyncDirection::Push;
    if (e->isConflict()) {
        m_diffCaption->setText(
            tr("<b>%1.ts</b>: this project → server (both changed)").arg(e->name.toHtmlEscaped()));
        m_diff->showDiff(QString::fromUtf8(e->localSource.value_or(QByteArray())),
                         QString::fromUtf8(e->remoteSource.value_or(QByteArray())));
        return;
    }
    const bool otherWay = e->action == SyncAction::OtherSide;
    // Other-direction rows show their pending change the way it would travel.
    const bool serverToLocal = push == otherWay;
    m_diffCaption->setText(
        serverToLocal ? tr("<b>%1.ts</b>: this project → server's version").arg(e->name.toHtmlEscaped())
                      : tr("<b>%1.ts</b>: server → this project's version").arg(e->name.toHtmlEscaped()));
    const QByteArray local = e->localSource.value_or(QByteArray());
    const QByteArray server = e->remoteSource.value_or(QByteArray());
    if (serverToLocal)
        m_diff->showDiff(QString::fromUtf8(local), QString::fromUtf8(server));
    else
        m_diff->showDiff(QString::fromUtf8(server), QString::fromUtf8(local));
}

void SyncReviewDialog::selectScript(const QString& script) {
    for (int i = 0; i < m_entries->topLevelItemCount(); ++i)
        if (m_entries->topLevelItem(i)->data(0, kNameRole).toString() == script)
            m_entries->setCurrentItem(m_entries->topLevelItem(i));
}

SyncConflictDialog* SyncReviewDialog::openConflict(const QString& script) {
    const SyncEntry* e = m_plan.find(script);
    if (!e || !e->isConflict())
        return nullptr;
    auto* dialog = new SyncConflictDialog(*e, m_plan.direction, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, script] { setResolution(script, dialog->resolution()); });
    dialog->open();
    return dialog;
}

void SyncReviewDialog::setResolution(const QString& script, Resolution resolution) {
    SyncEntry* e = m_plan.find(script);
    if (!e || !e->isConflict())
        return;
    e->resolution = resolution;
    for (int i = 0; i < m_entries->topLevelItemCount(); ++i)
        if (m_entries->topLevelItem(i)->data(0, kNameRole).toString() == script)
            updateRow(m_entries->topLevelItem(i));
    refresh();
}

void SyncReviewDialog::setIssues(const QList<exporting::ValidationIssue>& issues) {
    m_validation = issues;
    refresh();
}

void SyncReviewDialog::addNote(const QString& note) {
    m_notes.append(note);
    refresh();
}

bool SyncReviewDialog::canApply() const {
    return m_plan.unresolvedCount() == 0 && !exporting::hasErrors(m_validation) && m_plan.hasWork();
}

void SyncReviewDialog::refresh() {
    m_issues->clear();
    for (const exporting::ValidationIssue& issue : std::as_const(m_validation)) {
        auto* item = new QListWidgetItem(issue.text(), m_issues);
        item->setIcon(style()->standardIcon(issue.isError() ? QStyle::SP_MessageBoxCritical
                                                            : QStyle::SP_MessageBoxWarning));
    }
    for (const QString& note : std::as_const(m_notes))
        new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxInformation), note, m_issues);
    m_issues->setVisible(m_issues->count() > 0);

    QString why;
    if (exporting::hasErrors(m_validation))
        why = tr("Fix the errors above first.");
    else if (const int n = m_plan.unresolvedCount(); n > 0)
        why = tr("%n conflict(s) to resolve: double-click a conflict to compare both sides and choose.",
                 nullptr, n);
    else if (!m_plan.hasWork())
        why = m_plan.direction == SyncDirection::Push ? tr("Nothing to push.") : tr("Nothing to pull.");
    m_blocked->setText(why);
    m_blocked->setVisible(!why.isEmpty());
    m_apply->setEnabled(canApply());
}

} // namespace botwright::studio
