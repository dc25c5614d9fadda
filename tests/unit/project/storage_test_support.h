#pragma once
// Shared helpers of storage_database_test (storage_database_test.cpp, storage_database_file_test.cpp).

#include "engine/project/storage_database.h"
#include "engine/project/storage_pattern.h"
#include "tests/support/qt_catch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <atomic>
#include <memory>

namespace storage_test {

using namespace botwright::project;

constexpr qint64 kStart = 1'700'000'000'000;

// A project folder with a controllable clock.
struct Fixture {
    QTemporaryDir dir;
    std::shared_ptr<qint64> clock = std::make_shared<qint64>(kStart);

    QString path() const { return StorageDatabase::pathForProject(dir.path()); }
    StorageOptions options() const {
        StorageOptions options;
        options.now = [clock = clock] { return *clock; };
        return options;
    }
    std::unique_ptr<StorageDatabase> open(StorageOptions custom) const {
        QString error;
        std::unique_ptr<StorageDatabase> db = StorageDatabase::open(path(), &error, std::move(custom));
        INFO(error.toStdString());
        REQUIRE(db);
        return db;
    }
    std::unique_ptr<StorageDatabase> open() const { return open(options()); }
    void advance(qint64 ms) const { *clock += ms; }
};

// A plain QSQLITE connection for looking at (or tampering with) the file behind the class's back.
class RawConnection final {
public:
    explicit RawConnection(const QString& path) {
        static std::atomic<int> counter{0};
        m_name = QStringLiteral("raw-%1").arg(++counter);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        REQUIRE(db.open());
    }
    ~RawConnection() {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QVariant scalar(const QString& sql) const {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        INFO(sql.toStdString());
        REQUIRE(query.exec(sql));
        return query.next() ? query.value(0) : QVariant();
    }
    bool exec(const QString& sql) const {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql);
    }

private:
    QString m_name;
};

inline const StorageBucket kJson{std::nullopt, QStringLiteral("json")};
inline const StorageBucket kNumbers{std::nullopt, QStringLiteral("numbers")};

inline QJsonValue call(StorageDatabase& db, const char* op, const QJsonValue& args) {
    QString error;
    const QJsonValue result = db.call(QString::fromLatin1(op), args, &error);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    REQUIRE_FALSE(result.isUndefined());
    return result;
}

inline QString callError(StorageDatabase& db, const char* op, const QJsonValue& args) {
    QString error;
    const QJsonValue result = db.call(QString::fromLatin1(op), args, &error);
    CHECK(result.isUndefined());
    return error;
}

inline QJsonObject ref(const char* bucket, const QString& key) {
    return {{QStringLiteral("pluginId"), QJsonValue()},
            {QStringLiteral("bucketName"), QString::fromLatin1(bucket)},
            {QStringLiteral("key"), key}};
}

inline QJsonObject with(QJsonObject object, const char* name, const QJsonValue& value) {
    object.insert(QString::fromLatin1(name), value);
    return object;
}

inline QJsonObject json(const QJsonValue& value) {
    return {{QStringLiteral("json"), value}};
}

inline QJsonObject number(double value) {
    return {{QStringLiteral("double"), value}};
}

inline QStringList keys(const QList<StorageEntry>& entries) {
    QStringList out;
    for (const StorageEntry& entry : entries) {
        out.append(entry.key);
    }
    return out;
}

inline QStringList keys(const QJsonValue& entries) {
    QStringList out;
    for (const QJsonValue& entry : entries.toArray()) {
        out.append(entry[QLatin1String("key")].toString());
    }
    return out;
}

inline QByteArray readAll(const QString& path) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

inline void writeAll(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace storage_test
