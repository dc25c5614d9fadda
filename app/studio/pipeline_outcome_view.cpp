#include "app/studio/pipeline_outcome_view.h"

#include <QBrush>
#include <QColor>
#include <QHeaderView>
#include <QJsonDocument>
#include <QRegularExpression>

namespace botwright::studio {

using pipeline::TraceRecord;

namespace {

constexpr int kMaxJsonText = 4000;

QString prettyJson(const QByteArray& json) {
    if (json.isEmpty())
        return QStringLiteral("—");
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QString text = error.error == QJsonParseError::NoError && !doc.isNull()
                       ? QString::fromUtf8(doc.toJson(QJsonDocument::Compact))
                       : QString::fromUtf8(json);
    if (text.size() > kMaxJsonText)
        text = text.left(kMaxJsonText) + QStringLiteral(" …");
    return text;
}

QColor levelColor(const QString& level) {
    if (level == QLatin1String("error"))
        return QColor(0xC6, 0x28, 0x28);
    if (level == QLatin1String("warn"))
        return QColor(0xB2, 0x6A, 0x00);
    return {};
}

void setPosition(QTreeWidgetItem* item, const QString& script, int line, int column) {
    item->setText(PipelineOutcomeView::WhereColumn,
                  column > 0 ? QStringLiteral("%1.ts:%2:%3").arg(script).arg(line).arg(column)
                             : QStringLiteral("%1.ts:%2").arg(script).arg(line));
    item->setData(PipelineOutcomeView::KindColumn, PipelineOutcomeView::PositionRole,
                  QStringList{script, QString::number(line), QString::number(column)});
    item->setForeground(PipelineOutcomeView::WhereColumn, QBrush(QColor(0x15, 0x65, 0xC0)));
    item->setToolTip(PipelineOutcomeView::WhereColumn, QObject::tr("Click to open the script at this line"));
}

} // namespace

PipelineOutcomeView::PipelineOutcomeView(QWidget* parent)
    : QTreeWidget(parent) {
    setObjectName(QStringLiteral("pipelineOutcome"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Kind"), tr("Detail"), tr("Where")});
    setUniformRowHeights(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setAlternatingRowColors(true);
    setRootIsDecorated(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header()->resizeSection(KindColumn, digit * 16);
    header()->resizeSection(WhereColumn, digit * 14);
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) { onItemActivated(item); });
    connect(this, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { onItemActivated(item); });
}

QTreeWidgetItem* PipelineOutcomeView::branch(const QString& title, int count) {
    auto* item = new QTreeWidgetItem(this);
    item->setText(KindColumn, QStringLiteral("%1 (%2)").arg(title).arg(count));
    QFont bold = item->font(KindColumn);
    bold.setBold(true);
    item->setFont(KindColumn, bold);
    item->setFirstColumnSpanned(false);
    return item;
}

void PipelineOutcomeView::showNothing(const QString& why) {
    clear();
    m_console = m_ops = m_errors = nullptr;
    auto* item = new QTreeWidgetItem(this);
    item->setText(KindColumn, why);
    item->setFirstColumnSpanned(true);
    item->setForeground(KindColumn, QBrush(QColor(0x80, 0x80, 0x80)));
}

void PipelineOutcomeView::showRecord(const TraceRecord& record) {
    clear();
    m_console = branch(tr("Console"), static_cast<int>(record.logs.size()));
    for (const pipeline::LogTrace& log : record.logs) {
        auto* item = new QTreeWidgetItem(m_console);
        item->setText(KindColumn, log.level);
        item->setText(TextColumn, log.message.section(u'\n', 0, 0));
        item->setToolTip(TextColumn, log.message);
        if (const QColor c = levelColor(log.level); c.isValid()) {
            item->setForeground(KindColumn, QBrush(c));
            item->setForeground(TextColumn, QBrush(c));
        }
        if (!log.script.isEmpty() && log.line > 0)
            setPosition(item, log.script, log.line, log.column);
    }
    m_ops = branch(tr("Ops"), static_cast<int>(record.ops.size()));
    for (const pipeline::OpTrace& op : record.ops) {
        auto* item = new QTreeWidgetItem(m_ops);
        item->setText(KindColumn, op.op);
        const QString result = !op.done ? tr("waiting for the answer…")
                               : op.ok  ? tr("ok")
                                        : QStringLiteral("%1: %2").arg(op.errorClass, op.errorMessage);
        item->setText(TextColumn, result);
        item->setText(WhereColumn, op.done ? tr("%1 ms").arg(op.ms) : QString());
        if (op.done && !op.ok)
            item->setForeground(TextColumn, QBrush(levelColor(QStringLiteral("error"))));
        auto* request = new QTreeWidgetItem(item);
        request->setText(KindColumn, tr("request"));
        request->setText(TextColumn, prettyJson(op.args));
        request->setToolTip(TextColumn, prettyJson(op.args));
        if (op.done) {
            auto* response = new QTreeWidgetItem(item);
            response->setText(KindColumn, op.ok ? tr("response") : tr("error"));
            const QString text = op.ok ? prettyJson(op.result) : op.errorMessage;
            response->setText(TextColumn, text);
            response->setToolTip(TextColumn, text);
        }
    }
    m_errors = branch(tr("Errors"), static_cast<int>(record.errors.size()));
    if (!record.errors.isEmpty())
        m_errors->setForeground(KindColumn, QBrush(levelColor(QStringLiteral("error"))));
    for (const QString& error : record.errors) {
        auto* item = new QTreeWidgetItem(m_errors);
        item->setText(KindColumn, tr("thrown"));
        item->setText(TextColumn, error.section(u'\n', 0, 0));
        item->setToolTip(TextColumn, error);
        item->setForeground(TextColumn, QBrush(levelColor(QStringLiteral("error"))));
        QString script;
        int line = 0;
        int column = 0;
        if (findPosition(error, &script, &line, &column))
            setPosition(item, script, line, column);
    }
    if (record.edited && !record.delivered.isEmpty() && record.delivered != record.transformed) {
        auto* delivered = branch(tr("Delivered (edited)"), 1);
        auto* item = new QTreeWidgetItem(delivered);
        item->setText(KindColumn, tr("payload"));
        item->setText(TextColumn, prettyJson(record.delivered));
        item->setToolTip(TextColumn, prettyJson(record.delivered));
    }
    expandAll();
}

bool PipelineOutcomeView::findPosition(const QString& text, QString* script, int* line, int* column) {
    static const QRegularExpression position(QStringLiteral("([A-Za-z0-9_-]+)\\.ts:(\\d+)(?::(\\d+))?"));
    const QRegularExpressionMatch m = position.match(text);
    if (!m.hasMatch())
        return false;
    *script = m.captured(1);
    *line = m.captured(2).toInt();
    *column = m.captured(3).toInt();
    return *line > 0;
}

void PipelineOutcomeView::onItemActivated(QTreeWidgetItem* item) {
    if (item == nullptr)
        return;
    const QStringList position = item->data(KindColumn, PositionRole).toStringList();
    if (position.size() != 3)
        return;
    Q_EMIT positionActivated(position.at(0), position.at(1).toInt(), position.at(2).toInt());
}

} // namespace botwright::studio
