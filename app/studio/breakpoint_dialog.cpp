#include "app/studio/breakpoint_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace botwright::studio {

using pipeline::Breakpoint;
using pipeline::Stage;

namespace {
enum Column { OnColumn, TypeColumn, StageColumn, ConditionColumn, HitsColumn, ColumnCount };
}

QStringList BreakpointDialog::commonEventTypes() {
    return {QStringLiteral("*"),
            QStringLiteral("MESSAGE_CREATE"),
            QStringLiteral("MESSAGE_UPDATE"),
            QStringLiteral("MESSAGE_DELETE"),
            QStringLiteral("MESSAGE_REACTION_ADD"),
            QStringLiteral("MESSAGE_REACTION_REMOVE"),
            QStringLiteral("INTERACTION_CREATE"),
            QStringLiteral("GUILD_MEMBER_ADD"),
            QStringLiteral("GUILD_MEMBER_UPDATE"),
            QStringLiteral("GUILD_MEMBER_REMOVE"),
            QStringLiteral("CHANNEL_CREATE"),
            QStringLiteral("CHANNEL_UPDATE"),
            QStringLiteral("CHANNEL_DELETE"),
            QStringLiteral("THREAD_CREATE"),
            QStringLiteral("VOICE_STATE_UPDATE"),
            QStringLiteral("GUILD_CREATE")};
}

BreakpointDialog::BreakpointDialog(const QList<Breakpoint>& breakpoints, QWidget* parent)
    : QDialog(parent)
    , m_breakpoints(breakpoints)
    , m_table(new QTableWidget(this))
    , m_type(new QComboBox(this))
    , m_stage(new QComboBox(this))
    , m_condition(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_replace(new QPushButton(tr("Change selected"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("breakpointDialog"));
    setWindowTitle(tr("Pipeline Breakpoints"));
    resize(720, 420);
    auto* layout = new QVBoxLayout(this);

    m_table->setObjectName(QStringLiteral("breakpointTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        {tr("On"), tr("Event type"), tr("Before"), tr("Condition"), tr("Hits")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(ConditionColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(OnColumn, 40);
    m_table->horizontalHeader()->resizeSection(TypeColumn, 190);
    m_table->horizontalHeader()->resizeSection(StageColumn, 100);
    m_table->horizontalHeader()->resizeSection(HitsColumn, 50);
    layout->addWidget(m_table, 1);

    auto* editor = new QGroupBox(tr("Breakpoint"), this);
    auto* form = new QFormLayout(editor);
    m_type->setObjectName(QStringLiteral("breakpointEventType"));
    m_type->setEditable(true);
    m_type->addItems(commonEventTypes());
    m_type->setToolTip(
        tr("A Discord dispatch type (MESSAGE_CREATE), an SDK event name (MEMBER_ADD) or * for all"));
    m_stage->setObjectName(QStringLiteral("breakpointStage"));
    for (const Stage s : {Stage::Handler, Stage::Transformer, Stage::Event})
        m_stage->addItem(pipeline::stageName(s), static_cast<int>(s));
    m_condition->setObjectName(QStringLiteral("breakpointCondition"));
    m_condition->setPlaceholderText(QStringLiteral("content startsWith \"!\"   (empty: always)"));
    m_condition->setClearButtonEnabled(true);
    m_condition->setToolTip(
        tr("<path> <operator> <JSON value>. Operators: == != startsWith endsWith contains matches exists.<br>"
           "Before the handler and transformer the path reads Discord's payload (snake_case), before the "
           "event the SDK shape (camelCase)."));
    m_error->setObjectName(QStringLiteral("breakpointConditionError"));
    m_error->setWordWrap(true);
    form->addRow(tr("Event type:"), m_type);
    form->addRow(tr("Pause before:"), m_stage);
    form->addRow(tr("Condition:"), m_condition);
    form->addRow(QString(), m_error);
    auto* editButtons = new QHBoxLayout;
    editButtons->addWidget(m_add);
    editButtons->addWidget(m_replace);
    editButtons->addStretch(1);
    editButtons->addWidget(m_remove);
    form->addRow(editButtons);
    layout->addWidget(editor);
    layout->addWidget(m_buttons);

    connect(m_condition, &QLineEdit::textChanged, this, &BreakpointDialog::validate);
    connect(m_type, &QComboBox::currentTextChanged, this, &BreakpointDialog::validate);
    connect(m_add, &QPushButton::clicked, this, [this] {
        Breakpoint b;
        if (!editorBreakpoint(&b))
            return;
        m_breakpoints.append(b);
        fillTable();
        m_table->selectRow(static_cast<int>(m_breakpoints.size()) - 1);
    });
    connect(m_replace, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        Breakpoint b;
        if (row < 0 || row >= m_breakpoints.size() || !editorBreakpoint(&b))
            return;
        b.enabled = m_breakpoints[row].enabled;
        m_breakpoints[row] = b;
        fillTable();
        m_table->selectRow(row);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= m_breakpoints.size())
            return;
        m_breakpoints.removeAt(row);
        fillTable();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_filling || item->column() != OnColumn || item->row() >= m_breakpoints.size())
            return;
        m_breakpoints[item->row()].enabled = item->checkState() == Qt::Checked;
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &BreakpointDialog::loadSelected);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillTable();
    validate();
}

void BreakpointDialog::fillTable() {
    m_filling = true;
    m_table->setRowCount(static_cast<int>(m_breakpoints.size()));
    for (int row = 0; row < m_breakpoints.size(); ++row) {
        const Breakpoint& b = m_breakpoints[row];
        auto* on = new QTableWidgetItem;
        on->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        on->setCheckState(b.enabled ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, OnColumn, on);
        m_table->setItem(row, TypeColumn, new QTableWidgetItem(b.eventType));
        m_table->setItem(row, StageColumn, new QTableWidgetItem(pipeline::stageName(b.stage)));
        m_table->setItem(row, ConditionColumn,
                         new QTableWidgetItem(b.condition.isEmpty() ? tr("(always)") : b.condition.text()));
        auto* hits = new QTableWidgetItem(QString::number(b.hits));
        hits->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, HitsColumn, hits);
    }
    m_filling = false;
    m_remove->setEnabled(!m_breakpoints.isEmpty());
    validate();
}

bool BreakpointDialog::editorBreakpoint(Breakpoint* out) const {
    const QString type = m_type->currentText().trimmed().toUpper();
    if (type.isEmpty())
        return false;
    QString error;
    pipeline::BreakpointCondition condition;
    if (!pipeline::BreakpointCondition::parse(m_condition->text().trimmed(), &condition, &error))
        return false;
    out->eventType = type;
    out->stage = static_cast<Stage>(m_stage->currentData().toInt());
    out->condition = condition;
    out->enabled = true;
    return true;
}

void BreakpointDialog::validate() {
    QString error;
    pipeline::BreakpointCondition condition;
    bool ok = pipeline::BreakpointCondition::parse(m_condition->text().trimmed(), &condition, &error);
    if (ok && m_type->currentText().trimmed().isEmpty()) {
        ok = false;
        error = tr("Name an event type, or * for every event.");
    }
    m_error->setText(ok ? tr("<span style='color:#2E7D32'>✓ valid</span>")
                        : QStringLiteral("<span style='color:#C62828'>%1</span>").arg(error.toHtmlEscaped()));
    m_add->setEnabled(ok);
    m_replace->setEnabled(ok && m_table->currentRow() >= 0);
}

void BreakpointDialog::loadSelected() {
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_breakpoints.size()) {
        validate();
        return;
    }
    const Breakpoint& b = m_breakpoints[row];
    m_type->setCurrentText(b.eventType);
    m_stage->setCurrentIndex(m_stage->findData(static_cast<int>(b.stage)));
    m_condition->setText(b.condition.text());
    validate();
}

} // namespace botwright::studio
