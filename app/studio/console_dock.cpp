#include "app/studio/console_dock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace botwright::studio {

ConsoleDock::ConsoleDock(QWidget* parent)
    : QDockWidget(tr("Console"), parent)
    , m_model(new ConsoleModel(this))
    , m_table(new QTableView)
    , m_filter(new QComboBox)
    , m_clear(new QToolButton)
    , m_count(new QLabel) {
    setObjectName(QStringLiteral("consoleDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);

    auto* bar = new QHBoxLayout;
    m_filter->setObjectName(QStringLiteral("consoleFilter"));
    m_filter->addItem(tr("All"), static_cast<int>(ConsoleModel::Filter::All));
    m_filter->addItem(tr("Warnings and errors"), static_cast<int>(ConsoleModel::Filter::WarningsAndErrors));
    m_filter->addItem(tr("Errors"), static_cast<int>(ConsoleModel::Filter::Errors));
    m_clear->setObjectName(QStringLiteral("consoleClear"));
    m_clear->setText(tr("Clear"));
    m_count->setObjectName(QStringLiteral("consoleCount"));
    bar->addWidget(new QLabel(tr("Show:")));
    bar->addWidget(m_filter);
    bar->addWidget(m_clear);
    bar->addStretch(1);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_table->setObjectName(QStringLiteral("consoleTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    // Fixed row heights keep the table virtual: nothing measures the 50,000 rows.
    QHeaderView* rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView* columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    const int digit = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    columns->resizeSection(ConsoleModel::TimeColumn, digit * 14);
    columns->resizeSection(ConsoleModel::LevelColumn, digit * 7);
    columns->resizeSection(ConsoleModel::SourceColumn, digit * 22);
    layout->addWidget(m_table, 1);
    setWidget(body);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_model->setFilter(static_cast<ConsoleModel::Filter>(m_filter->itemData(index).toInt()));
        m_table->scrollToBottom();
        updateCount();
    });
    connect(m_clear, &QToolButton::clicked, this, &ConsoleDock::clear);
    connect(m_table, &QTableView::clicked, this, &ConsoleDock::onRowClicked);
    connect(m_table, &QTableView::activated, this, &ConsoleDock::onRowClicked);
    updateCount();
}

void ConsoleDock::append(const runtime::VmLogEntry& entry) {
    QScrollBar* scroll = m_table->verticalScrollBar();
    const bool following = scroll->value() >= scroll->maximum();
    m_model->append(entry);
    if (following)
        m_table->scrollToBottom();
    updateCount();
}

void ConsoleDock::clear() {
    m_model->clear();
    updateCount();
}

void ConsoleDock::onRowClicked(const QModelIndex& index) {
    if (!index.isValid())
        return;
    const runtime::VmLogEntry& entry = m_model->entryAt(index.row());
    if (entry.script.isEmpty() || entry.line <= 0)
        return;
    Q_EMIT positionActivated(entry.script, entry.line, entry.column);
}

void ConsoleDock::updateCount() {
    const int shown = m_model->rowCount();
    const int total = m_model->totalCount();
    m_count->setText(shown == total ? tr("%n entries", nullptr, total)
                                    : tr("%1 of %2 entries").arg(shown).arg(total));
}

} // namespace botwright::studio
