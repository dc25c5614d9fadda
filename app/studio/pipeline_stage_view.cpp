#include "app/studio/pipeline_stage_view.h"

#include "app/studio/json_tree_model.h"
#include "app/studio/pipeline_outcome_view.h"

#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSplitter>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace botwright::studio {

using pipeline::Stage;
using pipeline::TraceRecord;

namespace {

enum Pane { RawPane, HandlerPane, TransformerPane, EventPane };

const char* kGreen = "#2E7D32";
const char* kAmber = "#B26A00";
const char* kRed = "#C62828";
const char* kGrey = "#808080";

QString ms(qint64 ns) {
    return QStringLiteral("%1 ms").arg(static_cast<double>(ns) / 1e6, 0, 'f', 3);
}

QTreeView* jsonView(JsonTreeModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTreeView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setTextElideMode(Qt::ElideRight);
    view->header()->setStretchLastSection(true);
    view->setIndentation(view->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 2);
    view->header()->resizeSection(JsonTreeModel::KeyColumn,
                                  view->fontMetrics().horizontalAdvance(QStringLiteral("mention_everyone")) +
                                      32);
    return view;
}

// Where a record is, stage by stage: "ran", "paused", "stopped", "failed", "skipped", "waiting".
QString stageState(const TraceRecord& r, Stage stage) {
    const bool paused = r.status == TraceRecord::Status::Paused;
    if (r.replayOf != 0 || r.replayFrom != Stage::Handler)
        if (static_cast<int>(stage) < static_cast<int>(r.replayFrom))
            return QStringLiteral("skipped");
    if (paused && r.pausedBefore == stage)
        return QStringLiteral("paused");
    if (paused && static_cast<int>(stage) > static_cast<int>(r.pausedBefore))
        return QStringLiteral("waiting");
    if (r.status == TraceRecord::Status::Queued)
        return QStringLiteral("waiting");
    switch (stage) {
    case Stage::Handler:
        return r.status == TraceRecord::Status::Stopped ? QStringLiteral("stopped") : QStringLiteral("ran");
    case Stage::Transformer:
        if (r.status == TraceRecord::Status::Failed)
            return QStringLiteral("failed");
        return r.transformed.isEmpty() ? QStringLiteral("waiting") : QStringLiteral("ran");
    case Stage::Event:
        if (r.status == TraceRecord::Status::Delivered)
            return QStringLiteral("running");
        return r.status == TraceRecord::Status::Done ? QStringLiteral("ran") : QStringLiteral("waiting");
    }
    return {};
}

QString kindNoun(const QString& kind, int n) {
    return QStringLiteral("%1 %2").arg(n).arg(kind);
}

} // namespace

PipelineStageView::PipelineStageView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_rawModel(new JsonTreeModel(this))
    , m_rawTree(jsonView(m_rawModel, QStringLiteral("pipelineRawTree"), this))
    , m_handled(new QLabel(this))
    , m_transformedModel(new JsonTreeModel(this))
    , m_transformedTree(jsonView(m_transformedModel, QStringLiteral("pipelineTransformedTree"), this))
    , m_changes(new QTreeWidget(this))
    , m_changeSummary(new QLabel(this))
    , m_outcome(new PipelineOutcomeView(this))
    , m_outcomeSummary(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_title->setObjectName(QStringLiteral("pipelineStageTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->hide();
    layout->addWidget(m_title);

    m_handled->setObjectName(QStringLiteral("pipelineHandled"));
    m_handled->setTextFormat(Qt::RichText);
    m_handled->setWordWrap(true);
    m_handled->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_handled->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_handled->setMargin(4);

    auto* transformed = new QSplitter(Qt::Vertical, this);
    transformed->addWidget(m_transformedTree);
    auto* changesBox = new QWidget(transformed);
    auto* changesLayout = new QVBoxLayout(changesBox);
    changesLayout->setContentsMargins(0, 2, 0, 0);
    changesLayout->setSpacing(2);
    m_changeSummary->setObjectName(QStringLiteral("pipelineChangeSummary"));
    changesLayout->addWidget(m_changeSummary);
    m_changes->setObjectName(QStringLiteral("pipelineChanges"));
    m_changes->setHeaderLabels({tr("Change"), tr("Path"), tr("Before → after")});
    m_changes->setRootIsDecorated(false);
    m_changes->setUniformRowHeights(true);
    m_changes->setAlternatingRowColors(true);
    m_changes->header()->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_changes->header()->resizeSection(0, digit * 11);
    m_changes->header()->resizeSection(1, digit * 18);
    changesLayout->addWidget(m_changes, 1);
    transformed->addWidget(changesBox);
    transformed->setStretchFactor(0, 3);
    transformed->setStretchFactor(1, 2);

    auto* outcome = new QWidget(this);
    auto* outcomeLayout = new QVBoxLayout(outcome);
    outcomeLayout->setContentsMargins(0, 0, 0, 0);
    outcomeLayout->setSpacing(2);
    m_outcomeSummary->setObjectName(QStringLiteral("pipelineOutcomeSummary"));
    m_outcomeSummary->setWordWrap(true);
    outcomeLayout->addWidget(m_outcomeSummary);
    outcomeLayout->addWidget(m_outcome, 1);

    auto* stages = new QSplitter(Qt::Horizontal, this);
    stages->setChildrenCollapsible(false);
    stages->addWidget(pane(RawPane, tr("Raw dispatch"), m_rawTree));
    stages->addWidget(pane(HandlerPane, tr("Handled"), m_handled));
    stages->addWidget(pane(TransformerPane, tr("Transformed"), transformed));
    stages->addWidget(pane(EventPane, tr("Event outcome"), outcome));
    stages->setSizes({300, 220, 340, 360});
    layout->addWidget(stages, 1);

    connect(m_outcome, &PipelineOutcomeView::positionActivated, this, &PipelineStageView::positionActivated);
    showNothing(tr("Select an event to see its stages."));
}

QWidget* PipelineStageView::pane(int index, const QString& title, QWidget* body) {
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    auto* top = new QHBoxLayout;
    auto* name = new QLabel(QStringLiteral("<b>%1</b>").arg(title), frame);
    m_headers[index] = new QLabel(frame);
    m_headers[index]->setObjectName(QStringLiteral("pipelineStageState%1").arg(index));
    m_headers[index]->setTextFormat(Qt::RichText);
    top->addWidget(name);
    top->addStretch(1);
    top->addWidget(m_headers[index]);
    layout->addLayout(top);
    m_details[index] = new QLabel(frame);
    m_details[index]->setObjectName(QStringLiteral("pipelineStageDetail%1").arg(index));
    m_details[index]->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kGrey)));
    m_details[index]->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_details[index]);
    layout->addWidget(body, 1);
    return frame;
}

void PipelineStageView::setHeader(int index, const QString& state, const QString& detail,
                                  const QString& colour) {
    m_headers[index]->setText(
        QStringLiteral("<span style='color:%1; font-weight:600'>%2</span>").arg(colour, state));
    m_details[index]->setText(detail);
}

void PipelineStageView::setTitle(const QString& title) {
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void PipelineStageView::showNothing(const QString& why) {
    m_id = 0;
    m_shownTransformed.clear();
    m_rawModel->clear();
    m_transformedModel->clear();
    m_changes->clear();
    m_changeSummary->clear();
    m_handled->setText(QStringLiteral("<span style='color:%1'>%2</span>").arg(QLatin1String(kGrey), why));
    m_outcome->showNothing(why);
    m_outcomeSummary->clear();
    for (int i = 0; i < 4; ++i)
        setHeader(i, QString(), QString(), QLatin1String(kGrey));
}

void PipelineStageView::showRecord(const TraceRecord& r) {
    const bool sameRecord = r.id == m_id;
    m_id = r.id;

    // Raw dispatch
    if (!sameRecord || m_rawModel->nodeCount() == 0) {
        m_rawModel->setJson(r.raw);
        m_rawTree->expandToDepth(0);
    }
    setHeader(RawPane, r.raw.isEmpty() ? tr("—") : tr("received"),
              tr("%1 · shard %2 · seq %3 · %4 B")
                  .arg(QString::fromLatin1(r.type))
                  .arg(r.shardId)
                  .arg(r.seq)
                  .arg(r.raw.size()),
              QLatin1String(kGrey));

    // Handler
    const auto stateColour = [](const QString& state) {
        if (state == QLatin1String("ran"))
            return QLatin1String(kGreen);
        if (state == QLatin1String("paused") || state == QLatin1String("running"))
            return QLatin1String(kAmber);
        if (state == QLatin1String("stopped") || state == QLatin1String("failed"))
            return QLatin1String(kRed);
        return QLatin1String(kGrey);
    };
    const auto stateText = [](const QString& state) {
        if (state == QLatin1String("ran"))
            return tr("✓ ran");
        if (state == QLatin1String("paused"))
            return tr("‖ paused before this stage");
        if (state == QLatin1String("running"))
            return tr("… running");
        if (state == QLatin1String("stopped"))
            return tr("■ stopped here");
        if (state == QLatin1String("failed"))
            return tr("✕ failed");
        if (state == QLatin1String("skipped"))
            return tr("skipped (replay)");
        return tr("not reached");
    };
    const QString handler = stageState(r, Stage::Handler);
    setHeader(HandlerPane, stateText(handler), handler == QLatin1String("ran") ? ms(r.handlerNs) : QString(),
              stateColour(handler));
    QString rows;
    const auto row = [&rows](const QString& key, const QString& value) {
        rows += QStringLiteral("<tr><td style='padding-right:8px; color:%1'>%2</td><td>%3</td></tr>")
                    .arg(QLatin1String(kGrey), key, value);
    };
    row(tr("Route"),
        r.sdkEvent.isEmpty()
            ? QStringLiteral("%1 → <i>%2</i>").arg(QString::fromLatin1(r.type), tr("no SDK event"))
            : QStringLiteral("%1 → <b>%2</b>")
                  .arg(QString::fromLatin1(r.type), QString::fromLatin1(r.sdkEvent)));
    row(tr("Cache"), r.cacheChange.isEmpty() ? tr("no change") : r.cacheChange.toHtmlEscaped());
    if (!r.stopReason.isEmpty())
        row(tr("Stopped"), QStringLiteral("<span style='color:%1'>%2</span>")
                               .arg(QLatin1String(kRed), r.stopReason.toHtmlEscaped()));
    row(tr("Received"),
        QDateTime::fromMSecsSinceEpoch(r.receivedMs).toString(QStringLiteral("HH:mm:ss.zzz")));
    if (r.replayOf > 0)
        row(tr("Replay"), tr("of #%1 from the %2").arg(r.replayOf).arg(pipeline::stageName(r.replayFrom)));
    else if (r.replayOf < 0)
        row(tr("Replay"), tr("a captured dispatch, from the %1").arg(pipeline::stageName(r.replayFrom)));
    if (r.edited)
        row(tr("Edited"), tr("the payload was changed while paused"));
    m_handled->setText(QStringLiteral("<table>%1</table>").arg(rows));

    // Transformer
    const QString transformer = stageState(r, Stage::Transformer);
    setHeader(TransformerPane, stateText(transformer),
              transformer == QLatin1String("ran")      ? ms(r.transformNs)
              : transformer == QLatin1String("failed") ? r.transformError
              : transformer == QLatin1String("paused") ? tr("input shown; Step (F10) transforms it")
                                                       : QString(),
              stateColour(transformer));
    const QByteArray shown = !r.transformed.isEmpty() ? r.transformed
                             : transformer == QLatin1String("paused")
                                 ? (r.transformInput.isEmpty() ? r.raw : r.transformInput)
                                 : QByteArray();
    if (!sameRecord || shown != m_shownTransformed) {
        m_shownTransformed = shown;
        m_transformedModel->setJson(shown);
        m_transformedTree->expandToDepth(0);
    }
    if (!sameRecord) {
        m_changes->clear();
        m_changeSummary->setText(r.transformed.isEmpty() ? QString() : tr("Changes: loading…"));
        m_rawModel->setMarks({});
    }
    if (!r.transformed.isEmpty() && (!sameRecord || m_changes->topLevelItemCount() == 0))
        Q_EMIT transformTraceWanted(r.id);

    // Event
    const QString event = stageState(r, Stage::Event);
    const QString listeners = r.listeners == 1 ? tr("1 listener") : tr("%1 listeners").arg(r.listeners);
    setHeader(EventPane, stateText(event),
              event == QLatin1String("ran") ? QStringLiteral("%1 · %2").arg(listeners, ms(r.eventNs))
                                            : QString(),
              r.errors.isEmpty() ? stateColour(event) : QLatin1String(kRed));
    const auto note = [this](const QString& text) {
        m_outcome->clear();
        m_outcome->hide();
        m_outcomeSummary->setText(text);
        m_outcomeSummary->setVisible(!text.isEmpty());
    };
    if (event == QLatin1String("paused")) {
        note(tr("Waiting before the listeners: Step (F10) or Continue (F5) runs them. They get the "
                "Transformed payload; Edit payload… changes it."));
    } else if (event == QLatin1String("ran") || event == QLatin1String("running")) {
        m_outcome->showRecord(r);
        m_outcome->show();
        m_outcomeSummary->setText(
            r.errors.isEmpty()
                ? QString()
                : QStringLiteral("<span style='color:%1'>%2</span>")
                      .arg(QLatin1String(kRed),
                           r.errors.size() == 1 ? tr("1 error") : tr("%1 errors").arg(r.errors.size())));
        m_outcomeSummary->setVisible(!r.errors.isEmpty());
    } else if (r.status == TraceRecord::Status::Dropped) {
        note(tr("Dropped while paused: the scripts never saw it."));
    } else if (r.status == TraceRecord::Status::Stopped) {
        note(tr("Stopped at the handler (%1): no listener ran.").arg(r.stopReason));
    } else if (r.status == TraceRecord::Status::Failed) {
        note(tr("The transformer refused the payload: no listener ran."));
    } else {
        note(tr("Not reached yet."));
    }
}

void PipelineStageView::setTransformTrace(qint64 recordId, const QByteArray& json) {
    if (recordId != m_id)
        return;
    m_changes->clear();
    const QJsonArray entries = QJsonDocument::fromJson(json).array();
    QHash<QString, int> counts;
    QHash<QString, JsonTreeModel::Mark> marks;
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        const QString kind = e.value(QStringLiteral("kind")).toString();
        const QString path = e.value(QStringLiteral("path")).toString();
        const QString before = e.value(QStringLiteral("before")).toString();
        const QString after = e.value(QStringLiteral("after")).toString();
        ++counts[kind];
        auto* item = new QTreeWidgetItem(m_changes);
        item->setText(0, kind);
        item->setText(1, path);
        const QString change = kind == QLatin1String("dropped") ? before
                               : kind == QLatin1String("added")
                                   ? after
                                   : QStringLiteral("%1 → %2").arg(before, after);
        item->setText(2, change);
        item->setToolTip(2, change);
        if (kind != QLatin1String("added"))
            marks.insert(path, {kind, change});
    }
    QStringList summary;
    for (const char* kind : {"renamed", "converted", "dropped", "added"})
        if (const int n = counts.value(QLatin1String(kind)); n > 0)
            summary << kindNoun(QLatin1String(kind), n);
    m_changeSummary->setText(summary.isEmpty() ? tr("Changes: none")
                                               : tr("Changes: %1").arg(summary.join(u" · "_qs)));
    m_rawModel->setMarks(marks);
}

} // namespace botwright::studio
