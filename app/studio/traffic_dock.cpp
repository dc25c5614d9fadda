#include "app/studio/traffic_dock.h"

#include "app/studio/traffic_model.h"
#include "engine/protocol/frame_envelope.h"

#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace botwright::studio {

namespace {
constexpr int kDebounceMs = 200;
constexpr int kRefreshMs = 100;
constexpr int kMaxTreeItems = 20000; // a huge GUILD_CREATE still opens quickly

QString typeName(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("undefined");
    }
}

void addJson(QTreeWidgetItem* parent, const QString& key, const QJsonValue& v, int* budget) {
    if (--*budget < 0)
        return;
    auto* item = new QTreeWidgetItem(parent);
    item->setText(0, key);
    item->setText(2, typeName(v));
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        item->setText(1, QStringLiteral("{%1}").arg(o.size()));
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(item, it.key(), it.value(), budget);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        item->setText(1, QStringLiteral("[%1]").arg(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i)
            addJson(item, QString::number(i), a.at(i), budget);
    } else if (v.isString()) {
        item->setText(1, u'"' + v.toString() + u'"');
    } else if (v.isDouble()) {
        item->setText(1, QString::number(v.toDouble(), 'g', 17));
    } else if (v.isBool()) {
        item->setText(1, v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else {
        item->setText(1, QStringLiteral("null"));
    }
}

QToolButton* toolButton(const QString& text, QWidget* parent) {
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

TrafficDock::TrafficDock(const capture::CaptureStore* store, QWidget* parent)
    : QDockWidget(tr("Live Traffic"), parent)
    , m_store(store) {
    setObjectName(QStringLiteral("trafficDock"));
    m_model = new TrafficModel(store, this);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildFilterBar(body));

    auto* splitter = new QSplitter(Qt::Horizontal, body);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("trafficTable"));
    m_table->setModel(m_model);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    const QFontMetrics fm = m_table->fontMetrics();
    m_table->verticalHeader()->setMinimumSectionSize(fm.height() + 4);
    m_table->verticalHeader()->setDefaultSectionSize(fm.height() + 4);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const int pad = fm.horizontalAdvance(QLatin1Char('0'));
    const auto width = [&](const QString& sample) { return fm.horizontalAdvance(sample) + 2 * pad; };
    header->resizeSection(TrafficModel::TimeColumn, width(QStringLiteral("00:00:00.000")));
    header->resizeSection(TrafficModel::ShardColumn, width(QStringLiteral("Shard")));
    header->resizeSection(TrafficModel::DirColumn, width(QStringLiteral("↑ out")));
    header->resizeSection(TrafficModel::OpColumn, width(QStringLiteral("0 Dispatch")));
    header->resizeSection(TrafficModel::EventColumn, width(QStringLiteral("MESSAGE_CREATE")));
    header->resizeSection(TrafficModel::SeqColumn, width(QStringLiteral("000000")));
    header->resizeSection(TrafficModel::SizeColumn, width(QStringLiteral("0000 / 00000")));
    splitter->addWidget(m_table);
    splitter->addWidget(buildDetail(splitter));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400});
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    setWidget(body);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showFrame(current.isValid() ? current.row() : -1); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showFrame(-1); });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu* menu = contextMenu(index.row(), this);
        menu->exec(m_table->viewport()->mapToGlobal(pos));
        delete menu;
    });
    // Scrolling up by hand pauses following, so the row being read does not run away.
    connect(m_table->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderToMaximum && action != QAbstractSlider::SliderNoAction)
            QTimer::singleShot(0, this, [this] {
                const QScrollBar* bar = m_table->verticalScrollBar();
                if (bar->value() < bar->maximum())
                    setFollowing(false);
            });
    });

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &TrafficDock::applyFilter);
    m_tick = new QTimer(this);
    m_tick->setInterval(kRefreshMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_tick->start();
    updateEventNames();
    updateStatus();
}

QWidget* TrafficDock::buildFilterBar(QWidget* parent) {
    auto* bar = new QWidget(parent);
    auto* rows = new QVBoxLayout(bar);
    rows->setContentsMargins(0, 0, 0, 0);
    auto* filters = new QHBoxLayout;
    m_op = new QComboBox(bar);
    m_op->setObjectName(QStringLiteral("trafficOp"));
    m_op->addItem(tr("Any op"), -2);
    for (int op : {0, 1, 11, 2, 6, 7, 9, 10, 3, 4, 8})
        m_op->addItem(QStringLiteral("%1 %2").arg(op).arg(TrafficModel::opName(op)), op);
    m_event = new QLineEdit(bar);
    m_event->setObjectName(QStringLiteral("trafficEvent"));
    m_event->setPlaceholderText(tr("Event (t), e.g. MESSAGE_CREATE, TYPING_START"));
    m_event->setClearButtonEnabled(true);
    m_eventNames = new QStringListModel(this);
    auto* completer = new QCompleter(m_eventNames, m_event);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_event->setCompleter(completer);
    m_shard = new QSpinBox(bar);
    m_shard->setObjectName(QStringLiteral("trafficShard"));
    m_shard->setRange(-1, 65535);
    m_shard->setValue(-1);
    m_shard->setPrefix(tr("shard "));
    m_shard->setSpecialValueText(tr("any shard"));
    m_direction = new QComboBox(bar);
    m_direction->setObjectName(QStringLiteral("trafficDirection"));
    m_direction->addItem(tr("both ways"), -1);
    m_direction->addItem(QStringLiteral("↓ in"), static_cast<int>(gateway::Direction::Received));
    m_direction->addItem(QStringLiteral("↑ out"), static_cast<int>(gateway::Direction::Sent));
    m_text = new QLineEdit(bar);
    m_text->setObjectName(QStringLiteral("trafficText"));
    m_text->setPlaceholderText(tr("Search payloads…"));
    m_text->setClearButtonEnabled(true);
    filters->addWidget(m_op);
    filters->addWidget(m_event, 2);
    filters->addWidget(m_shard);
    filters->addWidget(m_direction);
    filters->addWidget(m_text, 3);
    rows->addLayout(filters);

    auto* actions = new QHBoxLayout;
    m_follow = toolButton(tr("Follow"), bar);
    m_follow->setObjectName(QStringLiteral("trafficFollow"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Follow: keep the newest frame in view. Pause: keep the view still."));
    auto* exportButton = toolButton(tr("Export selection…"), bar);
    exportButton->setObjectName(QStringLiteral("trafficExport"));
    m_status = new QLabel(bar);
    m_status->setObjectName(QStringLiteral("trafficStatus"));
    actions->addWidget(m_follow);
    actions->addWidget(exportButton);
    actions->addStretch(1);
    actions->addWidget(m_status);
    rows->addLayout(actions);

    const auto schedule = [this] { m_debounce->start(); };
    connect(m_op, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_direction, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_shard, &QSpinBox::valueChanged, this, schedule);
    connect(m_event, &QLineEdit::textChanged, this, schedule);
    connect(m_text, &QLineEdit::textChanged, this, schedule);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this, schedule);
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        m_follow->setText(on ? tr("Follow") : tr("Paused"));
        if (on)
            m_table->scrollToBottom();
    });
    connect(exportButton, &QToolButton::clicked, this, &TrafficDock::exportSelection);
    return bar;
}

QWidget* TrafficDock::buildDetail(QWidget* parent) {
    auto* pane = new QWidget(parent);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_detailTitle = new QLabel(pane);
    m_detailTitle->setObjectName(QStringLiteral("trafficDetailTitle"));
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detailTitle);
    auto* tabs = new QTabWidget(pane);
    tabs->setDocumentMode(true);

    auto* treePage = new QWidget(tabs);
    auto* treeLayout = new QVBoxLayout(treePage);
    treeLayout->setContentsMargins(0, 2, 0, 0);
    auto* treeButtons = new QHBoxLayout;
    auto* expand = toolButton(tr("Expand all"), treePage);
    auto* collapse = toolButton(tr("Collapse all"), treePage);
    treeButtons->addWidget(expand);
    treeButtons->addWidget(collapse);
    treeButtons->addStretch(1);
    treeLayout->addLayout(treeButtons);
    m_tree = new QTreeWidget(treePage);
    m_tree->setObjectName(QStringLiteral("trafficJsonTree"));
    m_tree->setHeaderLabels({tr("Key"), tr("Value"), tr("Type")});
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(false);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_tree->header()->resizeSection(0, m_tree->fontMetrics().horizontalAdvance(QStringLiteral("channel_id")) *
                                           2);
    treeLayout->addWidget(m_tree, 1);
    tabs->addTab(treePage, tr("Tree"));

    auto* rawPage = new QWidget(tabs);
    auto* rawLayout = new QVBoxLayout(rawPage);
    rawLayout->setContentsMargins(0, 2, 0, 0);
    auto* rawButtons = new QHBoxLayout;
    auto* copy = toolButton(tr("Copy"), rawPage);
    copy->setObjectName(QStringLiteral("trafficCopy"));
    rawButtons->addWidget(copy);
    rawButtons->addStretch(1);
    rawLayout->addLayout(rawButtons);
    m_raw = new QPlainTextEdit(rawPage);
    m_raw->setObjectName(QStringLiteral("trafficRaw"));
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    rawLayout->addWidget(m_raw, 1);
    tabs->addTab(rawPage, tr("Raw"));
    layout->addWidget(tabs, 1);

    connect(expand, &QToolButton::clicked, m_tree, &QTreeWidget::expandAll);
    connect(collapse, &QToolButton::clicked, m_tree, &QTreeWidget::collapseAll);
    connect(copy, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_raw->toPlainText()); });
    showFrame(-1);
    return pane;
}

QString TrafficDock::statusText() const {
    return m_status->text();
}

capture::CaptureFilter TrafficDock::currentFilter() const {
    capture::CaptureFilter f;
    if (const int op = m_op->currentData().toInt(); op != -2)
        f.ops = std::vector<int>{op};
    QStringList names;
    for (const QString& part : m_event->text().split(u',', Qt::SkipEmptyParts))
        if (const QString name = part.trimmed().toUpper(); !name.isEmpty())
            names << name;
    if (!names.isEmpty())
        f.eventNames = names;
    if (m_shard->value() >= 0)
        f.shards = std::vector<int>{m_shard->value()};
    if (const int dir = m_direction->currentData().toInt(); dir >= 0)
        f.direction = static_cast<gateway::Direction>(dir);
    f.text = m_text->text();
    return f;
}

void TrafficDock::applyFilter() {
    m_debounce->stop();
    m_model->setFilter(currentFilter());
    if (isFollowing())
        m_table->scrollToBottom();
    updateStatus();
}

void TrafficDock::refresh() {
    if (m_model->refresh() > 0 && isFollowing())
        m_table->scrollToBottom();
    updateStatus();
    updateEventNames();
}

std::vector<quint32> TrafficDock::selectedStoreRows() const {
    std::vector<quint32> rows;
    for (const QItemSelectionRange& range : m_table->selectionModel()->selection())
        for (int r = range.top(); r <= range.bottom(); ++r)
            rows.push_back(m_model->storeRow(r));
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

bool TrafficDock::isFollowing() const {
    return m_follow->isChecked();
}

void TrafficDock::setFollowing(bool follow) {
    m_follow->setChecked(follow);
}

QMenu* TrafficDock::contextMenu(int tableRow, QWidget* parent) {
    auto* menu = new QMenu(parent);
    if (m_store && tableRow >= 0 && tableRow < m_model->rowCount()) {
        const quint32 i = m_model->storeRow(tableRow);
        const QString type = m_store->eventName(i);
        if (m_store->op(i) == 0 && m_store->direction(i) == gateway::Direction::Received && !type.isEmpty()) {
            for (const pipeline::Stage stage :
                 {pipeline::Stage::Handler, pipeline::Stage::Transformer, pipeline::Stage::Event})
                connect(menu->addAction(tr("Break on %1 before %2").arg(type, pipeline::stageName(stage))),
                        &QAction::triggered, this,
                        [this, type, stage] { Q_EMIT breakRequested(type, stage); });
            const protocol::FrameEnvelope frame = protocol::parseFrameEnvelope(m_store->payload(i));
            QAction* replay = menu->addAction(tr("Replay through pipeline"));
            replay->setEnabled(frame.ok);
            connect(replay, &QAction::triggered, this,
                    [this, type = frame.type, data = frame.data] { Q_EMIT replayRequested(type, data); });
            menu->addSeparator();
        }
    }
    connect(menu->addAction(tr("Export selection…")), &QAction::triggered, this,
            &TrafficDock::exportSelection);
    return menu;
}

void TrafficDock::showFrame(int tableRow) {
    m_tree->clear();
    if (!m_store || tableRow < 0 || tableRow >= m_model->rowCount()) {
        m_detailTitle->setText(tr("Select a frame to see its payload."));
        m_raw->clear();
        return;
    }
    const quint32 i = m_model->storeRow(tableRow);
    const int op = m_store->op(i);
    const QString event = m_store->eventName(i);
    m_detailTitle->setText(QStringLiteral("<b>#%1</b> · op %2 %3%4 · %5 B")
                               .arg(i + 1)
                               .arg(op)
                               .arg(TrafficModel::opName(op), event.isEmpty() ? QString() : u" · "_qs + event)
                               .arg(m_store->decodedBytes(i)));
    const QByteArray payload = m_store->payload(i);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError) {
        m_raw->setPlainText(QString::fromUtf8(payload));
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, tr("(not JSON)"));
        item->setText(1, error.errorString());
        return;
    }
    m_raw->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    int budget = kMaxTreeItems;
    QTreeWidgetItem* root = m_tree->invisibleRootItem();
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(root, it.key(), it.value(), &budget);
    } else {
        const QJsonArray a = doc.array();
        for (qsizetype k = 0; k < a.size(); ++k)
            addJson(root, QString::number(k), a.at(k), &budget);
    }
    m_tree->expandToDepth(0);
}

void TrafficDock::updateStatus() {
    const QLocale locale;
    m_status->setText(tr("%1 frames (%2 shown)")
                          .arg(locale.toString(m_model->seenFrames()), locale.toString(m_model->rowCount())));
}

void TrafficDock::updateEventNames() {
    if (!m_store || m_store->eventNameCount() == m_knownEventNames)
        return;
    m_knownEventNames = m_store->eventNameCount();
    QStringList names;
    for (int k = 1; k < m_knownEventNames; ++k)
        names << m_store->eventNameAt(static_cast<quint16>(k));
    names.sort();
    m_eventNames->setStringList(names);
}

void TrafficDock::exportSelection() {
    const std::vector<quint32> rows = selectedStoreRows();
    if (rows.empty() || !m_store) {
        m_status->setText(tr("Select the frames to export first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export selection"), QString(),
                                                      tr("Capture files (*.bwcap);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportRows(*m_store, rows, path, &error))
        m_status->setText(error);
    else
        m_status->setText(tr("Exported %n frame(s) to %1", nullptr, static_cast<int>(rows.size())).arg(path));
}

} // namespace botwright::studio
