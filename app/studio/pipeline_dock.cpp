#include "app/studio/pipeline_dock.h"

#include "app/studio/breakpoint_dialog.h"
#include "app/studio/payload_edit_dialog.h"
#include "app/studio/pipeline_event_model.h"
#include "app/studio/pipeline_stage_view.h"
#include "app/studio/script_runtime_host.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace botwright::studio {

using pipeline::Stage;
using pipeline::TraceRecord;

namespace {
constexpr int kFlushMs = 50;
constexpr int kSnapshotRecords = 1000;
const Stage kStages[] = {Stage::Handler, Stage::Transformer, Stage::Event};

} // namespace

PipelineDock::PipelineDock(ScriptRuntimeHost* host, QWidget* parent)
    : QDockWidget(tr("Pipeline"), parent)
    , m_host(host)
    , m_model(new PipelineEventModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_compareSplit(new QSplitter(Qt::Vertical))
    , m_stages(new PipelineStageView)
    , m_original(new PipelineStageView)
    , m_flushTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("pipelineDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    buildToolBar(body, layout);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setObjectName(QStringLiteral("pipelineEvents"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView* columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setStretchLastSection(false);
    const int digit = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    columns->resizeSection(PipelineEventModel::IdColumn, digit * 6);
    columns->resizeSection(PipelineEventModel::TimeColumn, digit * 13);
    columns->resizeSection(PipelineEventModel::EventColumn, digit * 40);
    columns->resizeSection(PipelineEventModel::StatusColumn, digit * 24);
    columns->resizeSection(PipelineEventModel::ListenersColumn, digit * 9);
    columns->setSectionResizeMode(PipelineEventModel::OutcomeColumn, QHeaderView::Stretch);
    columns->resizeSection(PipelineEventModel::MsColumn, digit * 8);

    m_stages->setObjectName(QStringLiteral("pipelineStages"));
    m_original->setObjectName(QStringLiteral("pipelineOriginalStages"));
    m_compareSplit->addWidget(m_stages);
    m_compareSplit->addWidget(m_original);
    m_original->hide();
    auto* split = new QSplitter(Qt::Vertical, body);
    split->addWidget(m_table);
    split->addWidget(m_compareSplit);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({200, 600});
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 5);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    setWidget(body);

    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushMs);
    connect(m_flushTimer, &QTimer::timeout, this, &PipelineDock::flush);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PipelineDock::showSelected);
    connect(m_table, &QTableView::customContextMenuRequested, this, &PipelineDock::onContextMenu);
    for (PipelineStageView* view : {m_stages, m_original}) {
        connect(view, &PipelineStageView::transformTraceWanted, m_host,
                &ScriptRuntimeHost::requestTransformTrace);
        connect(view, &PipelineStageView::positionActivated, this, &PipelineDock::positionActivated);
    }

    connect(m_host, &ScriptRuntimeHost::traced, this, &PipelineDock::onTraced);
    connect(m_host, &ScriptRuntimeHost::eventPaused, this, &PipelineDock::onPaused);
    connect(m_host, &ScriptRuntimeHost::eventUnpaused, this, &PipelineDock::onUnpaused);
    connect(m_host, &ScriptRuntimeHost::waitingChanged, this, [this](int waiting) {
        m_waiting = waiting;
        updateControls();
    });
    connect(m_host, &ScriptRuntimeHost::pipelineSnapshot, this, &PipelineDock::onSnapshot);
    connect(m_host, &ScriptRuntimeHost::pipelineReset, this, [this] {
        m_pending.clear();
        m_model->clear();
        m_pausedId = 0;
        m_waiting = 0;
        m_stages->showNothing(tr("Select an event to see its stages."));
        m_original->hide();
        updateControls();
        if (m_watching)
            m_host->requestPipelineSnapshot(kSnapshotRecords);
    });
    connect(m_host, &ScriptRuntimeHost::replayStarted, this, &PipelineDock::onReplayStarted);
    connect(m_host, &ScriptRuntimeHost::transformTraceReady, this, [this](qint64 id, const QByteArray& json) {
        m_stages->setTransformTrace(id, json);
        m_original->setTransformTrace(id, json);
    });
    connect(m_host, &ScriptRuntimeHost::payloadEdited, this, [this](bool ok, const QString& error) {
        if (ok) {
            setMessage(tr("Payload edited: the next stage gets the new JSON."));
            if (m_editDialog)
                m_editDialog->accept();
        } else {
            setMessage(tr("The payload was not applied: %1").arg(error), true);
            if (m_editDialog)
                m_editDialog->showRefusal(error);
        }
    });
    connect(m_host, &ScriptRuntimeHost::breakpointHits, this, [this](const QList<int>& hits) {
        for (int i = 0; i < std::min(hits.size(), m_breakpoints.size()); ++i)
            m_breakpoints[i].hits = hits[i];
    });
    // Shown (or the tab in front): take trace updates and catch up from the ring. Hidden: none.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible == m_watching)
            return;
        m_watching = visible;
        m_host->setPipelineWatching(visible);
        if (visible)
            m_host->requestPipelineSnapshot(kSnapshotRecords);
    });
    m_breakpoints = m_host->breakpoints();
    updateControls();
}

void PipelineDock::buildToolBar(QWidget* parent, QVBoxLayout* layout) {
    auto* bar = new QToolBar(parent);
    bar->setObjectName(QStringLiteral("pipelineToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));
    const auto action = [this, bar](const QString& name, const QString& text, const QKeySequence& key,
                                    const QString& tip) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setToolTip(
            key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        bar->addAction(a);
        addAction(a);
        return a;
    };
    m_step = action(QStringLiteral("pipeline.step"), tr("Step"), QKeySequence(Qt::Key_F10),
                    tr("Run the paused event's next stage and pause before the one after"));
    m_continue = action(QStringLiteral("pipeline.continue"), tr("Continue"), QKeySequence(Qt::Key_F5),
                        tr("Run the paused event to the end, then the ones waiting behind it"));
    m_drop = action(QStringLiteral("pipeline.drop"), tr("Drop"), {},
                    tr("Drop the paused event: the scripts never see it"));
    m_edit = action(QStringLiteral("pipeline.edit"), tr("Edit payload…"), {},
                    tr("Change the JSON the paused event's next stage gets"));
    bar->addSeparator();
    m_replay = new QToolButton(bar);
    m_replay->setObjectName(QStringLiteral("pipelineReplay"));
    m_replay->setText(tr("Replay from"));
    m_replay->setToolTip(tr("Run the selected event again from a stage, with the scripts as they are now"));
    m_replay->setPopupMode(QToolButton::InstantPopup);
    auto* replayMenu = new QMenu(m_replay);
    fillStageMenu(replayMenu, QStringLiteral("%1"), [this](Stage s) { replaySelected(s); });
    m_replay->setMenu(replayMenu);
    bar->addWidget(m_replay);
    m_compare = action(QStringLiteral("pipeline.compare"), tr("Compare with original"), {},
                       tr("Show the replayed event's original below it"));
    m_compare->setCheckable(true);
    bar->addSeparator();
    m_breakpointsAction = action(QStringLiteral("pipeline.breakpoints"), tr("Breakpoints…"), {},
                                 tr("Pause events of a type before a stage, optionally on a condition"));
    m_waitingLabel = new QLabel(bar);
    m_waitingLabel->setObjectName(QStringLiteral("pipelineWaiting"));
    m_waitingLabel->setContentsMargins(8, 0, 8, 0);
    bar->addWidget(m_waitingLabel);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("pipelineFilter"));
    m_filter->setPlaceholderText(tr("Filter events…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(260);
    bar->addWidget(m_filter);
    layout->addWidget(bar);
    m_message = new QLabel(parent);
    m_message->setObjectName(QStringLiteral("pipelineMessage"));
    m_message->setContentsMargins(4, 2, 4, 2);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    connect(m_step, &QAction::triggered, m_host, &ScriptRuntimeHost::stepEvent);
    connect(m_continue, &QAction::triggered, m_host, &ScriptRuntimeHost::resumeEvents);
    connect(m_drop, &QAction::triggered, m_host, &ScriptRuntimeHost::dropEvent);
    connect(m_edit, &QAction::triggered, this, &PipelineDock::editPayload);
    connect(m_breakpointsAction, &QAction::triggered, this, &PipelineDock::openBreakpoints);
    connect(m_compare, &QAction::toggled, this, &PipelineDock::showSelected);
}

void PipelineDock::fillStageMenu(QMenu* menu, const QString& text, const std::function<void(Stage)>& fn) {
    for (const Stage s : kStages) {
        QAction* a = menu->addAction(text.arg(pipeline::stageName(s)));
        a->setObjectName(QStringLiteral("stage.") + pipeline::stageName(s));
        connect(a, &QAction::triggered, this, [fn, s] { fn(s); });
    }
}

PayloadEditDialog* PipelineDock::payloadDialog() const {
    return m_editDialog.data();
}

qint64 PipelineDock::selectedId() const {
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(PipelineEventModel::TraceIdRole).toLongLong() : 0;
}

void PipelineDock::selectRecord(qint64 id) {
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void PipelineDock::onTraced(const TraceRecord& record) {
    m_pending.insert(record.id, record);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void PipelineDock::flush() {
    if (m_pending.isEmpty())
        return;
    QList<qint64> ids = m_pending.keys();
    std::sort(ids.begin(), ids.end());
    QScrollBar* scroll = m_table->verticalScrollBar();
    const bool following = scroll->value() >= scroll->maximum();
    for (const qint64 id : ids)
        m_model->upsert(m_pending.value(id));
    m_pending.clear();
    if (following && m_pausedId == 0)
        m_table->scrollToBottom();
    if (m_selectWhenSeen != 0 && m_model->rowOf(m_selectWhenSeen) >= 0) {
        selectRecord(m_selectWhenSeen);
        m_selectWhenSeen = 0;
    }
    showSelected();
}

void PipelineDock::onPaused(const TraceRecord& record) {
    flush();
    m_pausedId = record.id;
    m_model->upsert(record);
    m_model->setPausedId(record.id);
    if (!isVisible())
        show();
    raise();
    selectRecord(record.id);
    showSelected();
    updateControls();
}

void PipelineDock::onUnpaused() {
    flush();
    m_pausedId = 0;
    m_model->setPausedId(0);
    if (m_editDialog)
        m_editDialog->reject();
    updateControls();
}

void PipelineDock::onSnapshot(const QList<TraceRecord>& records, qint64 pausedId, int waiting) {
    const qint64 selected = selectedId();
    m_pending.clear();
    m_model->reset(records);
    m_pausedId = pausedId;
    m_waiting = waiting;
    m_model->setPausedId(pausedId);
    selectRecord(pausedId != 0 ? pausedId : selected);
    if (pausedId == 0 && selected == 0)
        m_table->scrollToBottom();
    showSelected();
    updateControls();
}

void PipelineDock::showSelected() {
    const qint64 id = selectedId();
    const TraceRecord* record = id != 0 ? m_model->record(id) : nullptr;
    if (record == nullptr) {
        if (m_stages->recordId() != 0)
            m_stages->showNothing(tr("Select an event to see its stages."));
        m_original->hide();
        updateControls();
        return;
    }
    m_stages->showRecord(*record);
    const TraceRecord* original = record->replayOf > 0 ? m_model->record(record->replayOf) : nullptr;
    if (m_compare->isChecked() && original != nullptr) {
        const QString difference =
            record->finished() ? PipelineEventModel::outcomeDifference(*record, *original) : QString();
        const QString verdict = !record->finished() ? tr("running…")
                                : difference.isEmpty()
                                    ? tr("<span style='color:#2E7D32'>same outcome as the original</span>")
                                    : tr("<span style='color:#B26A00'>changed: %1</span>").arg(difference);
        m_stages->setTitle(tr("<b>Replay #%1</b> from the %2, scripts as they are now — %3")
                               .arg(record->id)
                               .arg(pipeline::stageName(record->replayFrom), verdict));
        m_original->setTitle(tr("<b>Original #%1</b>").arg(original->id));
        m_original->showRecord(*original);
        m_original->show();
    } else {
        m_stages->setTitle(QString());
        m_original->hide();
    }
    updateControls();
}

void PipelineDock::updateControls() {
    const bool paused = m_pausedId != 0;
    m_step->setEnabled(paused);
    m_continue->setEnabled(paused);
    m_drop->setEnabled(paused);
    m_edit->setEnabled(paused);
    const qint64 id = selectedId();
    const TraceRecord* record = id != 0 ? m_model->record(id) : nullptr;
    m_replay->setEnabled(record != nullptr);
    m_compare->setEnabled(record != nullptr && record->replayOf > 0);
    m_waitingLabel->setText(m_waiting > 0 ? tr("<b>%n waiting</b>", nullptr, m_waiting) : tr("none waiting"));
    m_breakpointsAction->setText(m_breakpoints.isEmpty() ? tr("Breakpoints…")
                                                         : tr("Breakpoints (%1)…").arg(m_breakpoints.size()));
    if (paused) {
        const TraceRecord* p = m_model->record(m_pausedId);
        const QString what = p ? QStringLiteral("#%1 %2 before the %3")
                                     .arg(m_pausedId)
                                     .arg(QString::fromLatin1(p->type), pipeline::stageName(p->pausedBefore))
                               : QStringLiteral("#%1").arg(m_pausedId);
        setMessage(tr("‖ Paused %1 — Step (F10) · Continue (F5) · Drop · Edit payload…").arg(what), true);
    } else if (m_message->property("paused").toBool()) {
        m_message->hide();
    }
    m_message->setProperty("paused", paused);
}

void PipelineDock::setMessage(const QString& text, bool warn) {
    m_message->setText(text);
    m_message->setStyleSheet(warn ? QStringLiteral("background:#FFE082; color:#212121; border-radius:3px;")
                                  : QStringLiteral("background:#E8F5E9; color:#1B5E20; border-radius:3px;"));
    m_message->setVisible(!text.isEmpty());
}

void PipelineDock::setBreakpoints(const QList<pipeline::Breakpoint>& breakpoints) {
    m_breakpoints = breakpoints;
    m_host->setBreakpoints(m_breakpoints);
    updateControls();
}

bool PipelineDock::addBreakpoint(const QString& eventType, Stage stage, const QString& condition,
                                 QString* error) {
    pipeline::Breakpoint b;
    QString why;
    if (!pipeline::BreakpointCondition::parse(condition, &b.condition, &why)) {
        if (error)
            *error = why;
        return false;
    }
    b.eventType = eventType.trimmed().isEmpty() ? QStringLiteral("*") : eventType.trimmed();
    b.stage = stage;
    QList<pipeline::Breakpoint> all = m_breakpoints;
    all.append(b);
    setBreakpoints(all);
    setMessage(tr("Breakpoint: %1 before the %2%3")
                   .arg(b.eventType, pipeline::stageName(stage),
                        condition.isEmpty() ? QString() : tr(" when %1").arg(condition)));
    return true;
}

void PipelineDock::openBreakpoints() {
    auto* dialog = new BreakpointDialog(m_breakpoints, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setBreakpoints(dialog->breakpoints()); });
    dialog->open();
}

void PipelineDock::editPayload() {
    const TraceRecord* r = m_model->record(m_pausedId);
    if (r == nullptr)
        return;
    QByteArray json;
    QString hint;
    switch (r->pausedBefore) {
    case Stage::Handler:
        json = r->raw;
        hint = tr("Discord's payload (`d`, snake_case keys) as the handler will get it.");
        break;
    case Stage::Transformer:
        json = r->transformInput.isEmpty() ? r->raw : r->transformInput;
        hint = tr("Discord's payload (`d`, snake_case keys) as the transformer will get it.");
        break;
    case Stage::Event:
        json = r->delivered.isEmpty() ? r->transformed : r->delivered;
        hint = tr("The SDK's %1 payload (camelCase keys) as the listeners will get it.")
                   .arg(QString::fromLatin1(r->sdkEvent));
        break;
    }
    if (m_editDialog)
        m_editDialog->close();
    m_editDialog =
        new PayloadEditDialog(tr("Edit payload — #%1 %2 before the %3")
                                  .arg(r->id)
                                  .arg(QString::fromLatin1(r->type), pipeline::stageName(r->pausedBefore)),
                              hint, json, this);
    m_editDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editDialog, &PayloadEditDialog::applyRequested, m_host, &ScriptRuntimeHost::editPausedPayload);
    m_editDialog->open();
}

void PipelineDock::replaySelected(Stage from) {
    const qint64 id = selectedId();
    if (id == 0)
        return;
    m_host->replayEvent(id, from);
}

void PipelineDock::replayDispatch(const QByteArray& type, const QByteArray& payload, Stage from) {
    m_host->replayDispatch(type, payload, from);
}

void PipelineDock::onReplayStarted(qint64 newId, qint64 originalId, const QString& error) {
    if (newId == 0) {
        setMessage(originalId ? tr("#%1 could not be replayed: %2").arg(originalId).arg(error)
                              : tr("Could not replay: %1").arg(error),
                   true);
        return;
    }
    if (!isVisible())
        show();
    raise();
    setMessage(originalId ? tr("Replaying #%1 as #%2.").arg(originalId).arg(newId)
                          : tr("Replaying the dispatch as #%1.").arg(newId));
    m_compare->setChecked(originalId != 0);
    m_selectWhenSeen = newId;
    flush();
}

void PipelineDock::onContextMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    const TraceRecord* r = m_model->record(index.data(PipelineEventModel::TraceIdRole).toLongLong());
    if (r == nullptr)
        return;
    QMenu menu(this);
    const QString type = QString::fromLatin1(r->type);
    fillStageMenu(&menu, tr("Break on %1 before %2").arg(type, QStringLiteral("%1")),
                  [this, type](Stage s) { addBreakpoint(type, s); });
    menu.addSeparator();
    fillStageMenu(&menu, tr("Replay from %1"), [this](Stage s) { replaySelected(s); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace botwright::studio
