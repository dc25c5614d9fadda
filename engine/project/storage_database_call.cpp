// StorageDatabase::call: Botloader's storage ops on JSON (SDK reference §9.2), for the script host.
#include "engine/project/storage_database.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace botwright::project {

namespace {

const QString kPrefix = QStringLiteral("op_botloader_bucket_storage_");

// Reads the fields of one op's arguments; the first problem found is kept in `error`.
class Args final {
public:
    Args(const QString& op, QJsonObject object)
        : m_op(op)
        , m_object(std::move(object)) {}

    QString error;

    bool ok() const { return error.isEmpty(); }

    QString string(const QString& name) {
        const QJsonValue value = m_object.value(name);
        if (!value.isString()) {
            fail(QStringLiteral("`%1` must be a string").arg(name));
            return {};
        }
        return value.toString();
    }

    // Missing or null → `fallback`.
    QString optionalString(const QString& name, const QString& fallback) {
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined() || value.isNull()) {
            return fallback;
        }
        return string(name);
    }

    double number(const QString& name) {
        const QJsonValue value = m_object.value(name);
        if (!value.isDouble()) {
            fail(QStringLiteral("`%1` must be a number").arg(name));
            return 0;
        }
        return value.toDouble();
    }

    std::optional<double> optionalNumber(const QString& name) {
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined() || value.isNull()) {
            return std::nullopt;
        }
        return number(name);
    }

    // A non-negative integer (Botloader's u32), or `fallback` when missing or null.
    int count(const QString& name, int fallback) {
        const std::optional<double> value = optionalNumber(name);
        if (!value) {
            return fallback;
        }
        if (!(*value >= 0 && *value <= 4294967295.0) || std::floor(*value) != *value) {
            fail(QStringLiteral("`%1` must be a whole number from 0 to 4294967295").arg(name));
            return fallback;
        }
        return static_cast<int>(std::min(*value, 2147483647.0));
    }

    StorageBucket bucket() {
        StorageBucket bucket;
        const QJsonValue plugin = m_object.value(QLatin1String("pluginId"));
        if (plugin.isString() && !plugin.toString().isEmpty()) {
            bucket.pluginId = plugin.toString();
        } else if (plugin.isDouble() && plugin.toDouble() >= 0 &&
                   std::floor(plugin.toDouble()) == plugin.toDouble()) {
            bucket.pluginId = QString::number(static_cast<qint64>(plugin.toDouble()));
        } else if (!plugin.isUndefined() && !plugin.isNull()) {
            fail(QStringLiteral("`pluginId` must be null or a plugin id"));
        }
        bucket.name = string(QStringLiteral("bucketName"));
        return bucket;
    }

    StorageValue value() {
        QString why;
        const std::optional<StorageValue> parsed =
            StorageValue::fromOpJson(m_object.value(QLatin1String("value")), &why);
        if (!parsed) {
            fail(why);
            return {};
        }
        return *parsed;
    }

private:
    void fail(const QString& why) {
        if (error.isEmpty()) {
            error = QStringLiteral("storage op %1: %2").arg(m_op, why);
        }
    }

    QString m_op;
    QJsonObject m_object;
};

// del_many and count take `(pluginId, bucketName, keyPattern)` positionally; an object works too.
QJsonObject positional(const QJsonValue& args) {
    if (!args.isArray()) {
        return args.toObject();
    }
    const QJsonArray array = args.toArray();
    QJsonObject object{{QStringLiteral("pluginId"), array.at(0)},
                       {QStringLiteral("bucketName"), array.at(1)}};
    if (array.size() > 2) {
        object.insert(QStringLiteral("keyPattern"), array.at(2));
    }
    return object;
}

QJsonValue optionalEntry(const std::optional<StorageEntry>& entry) {
    return entry ? QJsonValue(entry->toOpJson()) : QJsonValue(QJsonValue::Null);
}

QJsonValue entryArray(const QList<StorageEntry>& entries) {
    QJsonArray array;
    for (const StorageEntry& entry : entries) {
        array.append(entry.toOpJson());
    }
    return array;
}

// The op's JSON result, or undefined with *error set.
template <typename T, typename Convert>
QJsonValue reply(const StorageResult<T>& result, Convert convert, QString* error) {
    if (!result.ok()) {
        *error = result.error;
        return QJsonValue(QJsonValue::Undefined);
    }
    return convert(result.value);
}

} // namespace

QStringList StorageDatabase::opNames() {
    return {QStringLiteral("set"),   QStringLiteral("set_if"),   QStringLiteral("get"),
            QStringLiteral("del"),   QStringLiteral("del_many"), QStringLiteral("list"),
            QStringLiteral("count"), QStringLiteral("incr"),     QStringLiteral("sorted_list")};
}

QJsonValue StorageDatabase::call(const QString& op, const QJsonValue& args, QString* error) {
    error->clear();
    const QString name = op.startsWith(kPrefix) ? op.mid(kPrefix.size()) : op;
    if (!opNames().contains(name)) {
        *error = QStringLiteral("unknown storage op `%1`").arg(op);
        return QJsonValue(QJsonValue::Undefined);
    }
    const bool isPositional = name == QLatin1String("del_many") || name == QLatin1String("count");
    Args in(name, isPositional ? positional(args) : args.toObject());
    if (!args.isObject() && !(isPositional && args.isArray())) {
        *error =
            QStringLiteral("storage op %1: the arguments must be %2")
                .arg(name, isPositional ? QStringLiteral("[pluginId, bucketName, keyPattern] or an object")
                                        : QStringLiteral("an object"));
        return QJsonValue(QJsonValue::Undefined);
    }
    const auto single = [](const StorageEntry& entry) { return QJsonValue(entry.toOpJson()); };
    const auto number = [](qint64 value) { return QJsonValue(static_cast<double>(value)); };
    const auto failed = [&] {
        *error = in.error;
        return QJsonValue(QJsonValue::Undefined);
    };
    const StorageBucket bucket = in.bucket();

    if (name == QLatin1String("set") || name == QLatin1String("set_if")) {
        const QString key = in.string(QStringLiteral("key"));
        const StorageValue value = in.value();
        const std::optional<double> ttl = in.optionalNumber(QStringLiteral("ttl"));
        if (name == QLatin1String("set")) {
            return in.ok() ? reply(set(bucket, key, value, ttl), single, error) : failed();
        }
        const QString cond = in.string(QStringLiteral("cond"));
        if (in.ok() && cond != QLatin1String("IfExists") && cond != QLatin1String("IfNotExists")) {
            in.error = QStringLiteral("storage op set_if: `cond` must be \"IfExists\" or \"IfNotExists\"");
        }
        const StorageSetCondition condition = cond == QLatin1String("IfExists")
                                                  ? StorageSetCondition::IfExists
                                                  : StorageSetCondition::IfNotExists;
        return in.ok() ? reply(setIf(bucket, key, value, condition, ttl), optionalEntry, error) : failed();
    }
    if (name == QLatin1String("get") || name == QLatin1String("del")) {
        const QString key = in.string(QStringLiteral("key"));
        if (!in.ok()) {
            return failed();
        }
        return reply(name == QLatin1String("get") ? get(bucket, key) : del(bucket, key), optionalEntry,
                     error);
    }
    if (isPositional) {
        const QString pattern = in.optionalString(QStringLiteral("keyPattern"), QStringLiteral("%"));
        if (!in.ok()) {
            return failed();
        }
        return reply(name == QLatin1String("count") ? count(bucket, pattern) : delMany(bucket, pattern),
                     number, error);
    }
    if (name == QLatin1String("list")) {
        StorageListOptions options;
        options.keyPattern = in.optionalString(QStringLiteral("keyPattern"), QStringLiteral("%"));
        options.after = in.optionalString(QStringLiteral("after"), QString());
        options.limit = in.count(QStringLiteral("limit"), defaultListLimit);
        return in.ok() ? reply(list(bucket, options), entryArray, error) : failed();
    }
    if (name == QLatin1String("incr")) {
        const QString key = in.string(QStringLiteral("key"));
        const double amount = in.number(QStringLiteral("amount"));
        return in.ok() ? reply(incr(bucket, key, amount), single, error) : failed();
    }
    if (name == QLatin1String("sorted_list")) {
        const QString order = in.string(QStringLiteral("order"));
        if (in.ok() && order != QLatin1String("Ascending") && order != QLatin1String("Descending")) {
            in.error =
                QStringLiteral("storage op sorted_list: `order` must be \"Ascending\" or \"Descending\"");
        }
        const int offset = in.count(QStringLiteral("offset"), 0);
        const int limit = in.count(QStringLiteral("limit"), defaultListLimit);
        const StorageOrder direction =
            order == QLatin1String("Descending") ? StorageOrder::Descending : StorageOrder::Ascending;
        return in.ok() ? reply(sortedList(bucket, direction, offset, limit), entryArray, error) : failed();
    }
    *error = QStringLiteral("unknown storage op `%1`").arg(op); // not reached: opNames() lists every op
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace botwright::project
