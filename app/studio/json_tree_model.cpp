#include "app/studio/json_tree_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace botwright::studio {

namespace {

QString scalarText(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return u'"' + value.toString() + u'"';
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const qint64 whole = static_cast<qint64>(d);
        return static_cast<double>(whole) == d && qAbs(d) < 9e15 ? QString::number(whole)
                                                                 : QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return QStringLiteral("null");
    }
}

QColor typeColor(QJsonValue::Type type) {
    switch (type) {
    case QJsonValue::String:
        return QColor(0x2E, 0x7D, 0x32); // green
    case QJsonValue::Double:
        return QColor(0x15, 0x65, 0xC0); // blue
    case QJsonValue::Bool:
    case QJsonValue::Null:
        return QColor(0x8E, 0x24, 0xAA); // purple
    default:
        return {};
    }
}

QColor markColor(const QString& kind) {
    if (kind == QLatin1String("dropped"))
        return QColor(0xC6, 0x28, 0x28);
    if (kind == QLatin1String("converted"))
        return QColor(0xEF, 0x6C, 0x00);
    if (kind == QLatin1String("added"))
        return QColor(0x00, 0x83, 0x8F);
    return QColor(0x6A, 0x1B, 0x9A); // renamed
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>()) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::clear() {
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_count = 0;
    m_valid = false;
    endResetModel();
}

void JsonTreeModel::setJson(const QByteArray& json) {
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_count = 0;
    m_valid = false;
    if (!json.trimmed().isEmpty()) {
        // QJsonDocument takes objects and arrays only; wrap so a bare scalar shows too.
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]", &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
            auto node = std::make_unique<Node>();
            node->key = tr("(not JSON)");
            node->value = error.error != QJsonParseError::NoError ? error.errorString() : QString();
            node->parent = m_root.get();
            m_root->children.push_back(std::move(node));
        } else {
            m_valid = true;
            const QJsonValue top = doc.array().at(0);
            if (top.isObject()) {
                const QJsonObject o = top.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    build(m_root.get(), it.key(), it.key(), it.value());
            } else if (top.isArray()) {
                const QJsonArray a = top.toArray();
                for (qsizetype i = 0; i < a.size(); ++i)
                    build(m_root.get(), QString::number(i), QStringLiteral("[%1]").arg(i), a.at(i));
            } else {
                build(m_root.get(), tr("(value)"), QString(), top);
            }
        }
    }
    endResetModel();
}

void JsonTreeModel::build(Node* parent, const QString& key, const QString& path, const QJsonValue& value) {
    if (m_count >= kMaxNodes)
        return;
    ++m_count;
    auto node = std::make_unique<Node>();
    Node* n = node.get();
    n->key = key;
    n->path = path;
    n->type = value.type();
    n->parent = parent;
    n->row = static_cast<int>(parent->children.size());
    parent->children.push_back(std::move(node));
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        n->value = QStringLiteral("{%1}").arg(o.size());
        for (auto it = o.begin(); it != o.end(); ++it)
            build(n, it.key(), path + u'.' + it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        n->value = QStringLiteral("[%1]").arg(a.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            build(n, QString::number(i), path + QStringLiteral("[%1]").arg(i), a.at(i));
    } else {
        n->value = scalarText(value);
    }
}

void JsonTreeModel::setMarks(QHash<QString, Mark> marks) {
    m_marks = std::move(marks);
    // Every branch's rows changed colour (dataChanged covers one parent's rows at a time).
    std::vector<const Node*> stack{m_root.get()};
    while (!stack.empty()) {
        const Node* n = stack.back();
        stack.pop_back();
        if (n->children.empty())
            continue;
        const int last = static_cast<int>(n->children.size()) - 1;
        Q_EMIT dataChanged(createIndex(0, 0, n->children.front().get()),
                           createIndex(last, ColumnCount - 1, n->children.back().get()));
        for (const auto& child : n->children)
            stack.push_back(child.get());
    }
}

QModelIndex JsonTreeModel::indexOfPath(const QString& path) const {
    std::vector<const Node*> stack{m_root.get()};
    while (!stack.empty()) {
        const Node* n = stack.back();
        stack.pop_back();
        for (const auto& child : n->children) {
            if (child->path == path)
                return createIndex(child->row, 0, child.get());
            if (path.startsWith(child->path))
                stack.push_back(child.get());
        }
    }
    return {};
}

JsonTreeModel::Node* JsonTreeModel::nodeAt(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const {
    const Node* p = nodeAt(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= static_cast<int>(p->children.size()))
        return {};
    return createIndex(row, column, p->children[static_cast<size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const Node* p = nodeAt(child)->parent;
    if (p == nullptr || p == m_root.get())
        return {};
    return createIndex(p->row, 0, const_cast<Node*>(p));
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeAt(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const Node* n = nodeAt(index);
    const auto mark = m_marks.constFind(n->path);
    const bool marked = mark != m_marks.constEnd() && !n->path.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == KeyColumn ? n->key : n->value;
    case Qt::ToolTipRole:
        if (marked)
            return QStringLiteral("%1 — %2").arg(mark->kind, mark->note);
        return index.column() == ValueColumn ? n->value : n->path;
    case Qt::ForegroundRole:
        if (marked)
            return QBrush(markColor(mark->kind));
        if (index.column() == ValueColumn)
            if (const QColor c = typeColor(n->type); c.isValid())
                return QBrush(c);
        return {};
    case Qt::FontRole:
        if (marked && mark->kind == QLatin1String("dropped")) {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        return {};
    case PathRole:
        return n->path;
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == KeyColumn ? tr("Key") : tr("Value");
}

} // namespace botwright::studio
