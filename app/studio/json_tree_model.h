#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace botwright::studio {

// A JSON document as a two-column tree (key, value) for a QTreeView: objects and arrays are
// branches showing their size, scalars show their JSON text coloured by type. Built once per
// document with a node budget, so a huge GUILD_CREATE still opens at once. Paths can be marked
// (the transformer's renames, conversions and drops) with a colour and a note.
class JsonTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    // data(index, PathRole): the node's path, "author.id", "mentions[0].member".
    static constexpr int PathRole = Qt::UserRole + 1;
    static constexpr int kMaxNodes = 20000;

    struct Mark {
        QString kind; // "renamed", "converted", "dropped", "added"
        QString note; // shown as the tooltip
    };

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    // Shows `json`; text that is not JSON shows one row saying why. Empty: an empty tree.
    void setJson(const QByteArray& json);
    void clear();
    bool isValidJson() const { return m_valid; }
    int nodeCount() const { return m_count; }
    // Marks paths (the transform trace's Discord-side paths); an empty hash removes the marks.
    void setMarks(QHash<QString, Mark> marks);
    QModelIndex indexOfPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        QString key;
        QString value;
        QString path;
        QJsonValue::Type type = QJsonValue::Null;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    void build(Node* parent, const QString& key, const QString& path, const QJsonValue& value);
    Node* nodeAt(const QModelIndex& index) const;

    std::unique_ptr<Node> m_root;
    QHash<QString, Mark> m_marks;
    int m_count = 0;
    bool m_valid = false;
};

} // namespace botwright::studio
