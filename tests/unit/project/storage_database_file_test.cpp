// The storage file: location, schema, WAL, persistence, damaged/foreign/locked files, several instances.
#include "tests/unit/project/storage_test_support.h"

#include <thread>
#include <vector>

using namespace storage_test;

namespace {

QString openError(const Fixture& f, int busyTimeoutMs = 5000) {
    StorageOptions options = f.options();
    options.busyTimeoutMs = busyTimeoutMs;
    QString error;
    const std::unique_ptr<StorageDatabase> db = StorageDatabase::open(f.path(), &error, options);
    CHECK_FALSE(db);
    return error;
}

void checkNoSideFiles(const QString& path) {
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-wal")));
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-shm")));
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-journal")));
}

} // namespace

TEST_CASE("the storage file lives in the project, is versioned and in WAL mode", "[storage][file]") {
    Fixture f;
    CHECK(StorageDatabase::pathForProject(QStringLiteral("/p/bot")) ==
          QStringLiteral("/p/bot/.botwright/storage.sqlite"));
    auto db = f.open();
    CHECK(db->path() == f.path());
    CHECK(QFileInfo(f.path()).isFile());
    REQUIRE(db->set(kJson, QStringLiteral("k"), StorageValue::fromJson(1)).ok());
    RawConnection raw(f.path());
    CHECK(raw.scalar(QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'")).toInt() ==
          StorageDatabase::schemaVersion);
    CHECK(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString() == QStringLiteral("wal"));
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM entries")).toInt() == 1);
}

TEST_CASE("entries persist across reopening, and expired ones are purged on open", "[storage][file]") {
    Fixture f;
    {
        auto db = f.open();
        REQUIRE(db->set(kJson, QStringLiteral("doc"),
                        StorageValue::fromJson(QJsonObject{{QStringLiteral("a"), 1}}))
                    .ok());
        REQUIRE(db->incr(kNumbers, QStringLiteral("n"), 41).ok());
        REQUIRE(db->incr(kNumbers, QStringLiteral("n"), 1).ok());
        REQUIRE(db->set(kNumbers, QStringLiteral("brief"), StorageValue::fromDouble(1), 30).ok());
        REQUIRE(db->set(kJson, QStringLiteral("day"), StorageValue::fromJson(1), 86400).ok());
    }
    {
        auto db = f.open();
        CHECK(db->get(kJson, QStringLiteral("doc")).value->value.json ==
              QJsonValue(QJsonObject{{QStringLiteral("a"), 1}}));
        CHECK(db->get(kNumbers, QStringLiteral("n")).value->value.number == 42);
        CHECK(*db->get(kJson, QStringLiteral("day")).value->expiresAt == kStart + 86'400'000);
        CHECK(db->get(kNumbers, QStringLiteral("brief")).value.has_value());
    }
    f.advance(60'000);
    auto db = f.open();
    RawConnection raw(f.path());
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM entries")).toInt() == 3);
    CHECK(db->count(kNumbers).value == 1);
}

TEST_CASE("get and del purge the expired entry they meet", "[storage][file]") {
    Fixture f;
    auto db = f.open();
    RawConnection raw(f.path());
    const auto rows = [&] { return raw.scalar(QStringLiteral("SELECT count(*) FROM entries")).toInt(); };
    REQUIRE(db->set(kJson, QStringLiteral("a"), StorageValue::fromJson(1), 1).ok());
    REQUIRE(db->set(kJson, QStringLiteral("b"), StorageValue::fromJson(1), 1).ok());
    REQUIRE(db->set(kJson, QStringLiteral("c"), StorageValue::fromJson(1), 1).ok());
    f.advance(1000);
    CHECK(rows() == 3);
    CHECK_FALSE(db->get(kJson, QStringLiteral("a")).value.has_value());
    CHECK(rows() == 2);
    CHECK_FALSE(db->del(kJson, QStringLiteral("b")).value.has_value());
    CHECK(rows() == 1);
    CHECK(db->purgeExpired().value == 1);
    CHECK(rows() == 0);
}

TEST_CASE("a damaged file is reported and left untouched", "[storage][file]") {
    Fixture f;
    SECTION("not a database at all") {
        QByteArray junk;
        for (int i = 0; i < 8192; ++i) {
            junk.append(static_cast<char>((i * 7919) % 251));
        }
        writeAll(f.path(), junk);
        const QString error = openError(f);
        CHECK(error.contains(QStringLiteral("is damaged or is not a SQLite database")));
        CHECK(error.contains(QStringLiteral("untouched")));
        CHECK(readAll(f.path()) == junk);
        checkNoSideFiles(f.path());
    }
    SECTION("a storage file with damaged pages") {
        {
            auto db = f.open();
            QString error;
            REQUIRE(db->beginBatch(&error));
            for (int i = 0; i < 2000; ++i) {
                REQUIRE(db->set(kJson, QStringLiteral("key-%1").arg(i),
                                StorageValue::fromJson(QString(100, QLatin1Char('x'))))
                            .ok());
            }
            REQUIRE(db->commitBatch(&error));
        }
        checkNoSideFiles(f.path()); // the last connection checkpointed and removed the WAL
        QByteArray bytes = readAll(f.path());
        REQUIRE(bytes.size() > 40 * 4096);
        for (qsizetype i = 8 * 4096; i < 30 * 4096; ++i) {
            bytes[i] = static_cast<char>(0xA5);
        }
        writeAll(f.path(), bytes);
        const QString error = openError(f);
        CHECK(error.contains(QStringLiteral("is damaged")));
        CHECK(readAll(f.path()) == bytes);
    }
}

TEST_CASE("foreign, newer and unusable files are refused without changes", "[storage][file]") {
    Fixture f;
    SECTION("another program's SQLite database") {
        QDir().mkpath(QFileInfo(f.path()).absolutePath());
        {
            RawConnection raw(f.path());
            REQUIRE(raw.exec(QStringLiteral("CREATE TABLE notes (text TEXT)")));
        }
        const QByteArray before = readAll(f.path());
        CHECK(openError(f).contains(QStringLiteral("is not a Botwright script storage file")));
        CHECK(readAll(f.path()) == before);
        checkNoSideFiles(f.path());
    }
    SECTION("a newer schema") {
        f.open();
        {
            RawConnection raw(f.path());
            REQUIRE(raw.exec(QStringLiteral("UPDATE meta SET value = 99 WHERE name = 'schema_version'")));
        }
        const QString error = openError(f);
        CHECK(error.contains(QStringLiteral("newer Botwright")));
        CHECK(error.contains(QStringLiteral("schema 99")));
    }
    SECTION("a folder where the file should be") {
        QDir().mkpath(f.path());
        CHECK(openError(f).contains(QStringLiteral("it is not a file")));
    }
}

TEST_CASE("a locked file gives a readable error instead of waiting forever", "[storage][file]") {
    Fixture f;
    SECTION("another program holds the file exclusively") {
        f.open();
        RawConnection raw(f.path());
        REQUIRE(raw.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE")));
        REQUIRE(raw.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        REQUIRE(raw.exec(QStringLiteral("UPDATE meta SET value = value WHERE name = 'usage_bytes'")));
        const QString error = openError(f, 100);
        CHECK(error.contains(QStringLiteral("is locked by another program")));
        REQUIRE(raw.exec(QStringLiteral("ROLLBACK")));
    }
    SECTION("another instance keeps a batch open") {
        auto first = f.open();
        StorageOptions quick = f.options();
        quick.busyTimeoutMs = 100;
        auto second = f.open(quick);
        QString error;
        REQUIRE(first->beginBatch(&error));
        REQUIRE(first->set(kJson, QStringLiteral("a"), StorageValue::fromJson(1)).ok());
        const StorageResult<StorageEntry> blocked =
            second->set(kJson, QStringLiteral("b"), StorageValue::fromJson(2));
        CHECK(blocked.error.contains(QStringLiteral("is locked by another program")));
        CHECK_FALSE(second->get(kJson, QStringLiteral("a")).value.has_value()); // readers are not blocked
        REQUIRE(first->commitBatch(&error));
        CHECK(second->set(kJson, QStringLiteral("b"), StorageValue::fromJson(2)).ok());
        CHECK(second->get(kJson, QStringLiteral("a")).value.has_value());
    }
}

TEST_CASE("a batch is one transaction: rolled back or committed as a whole", "[storage][file]") {
    Fixture f;
    auto db = f.open();
    QString error;
    CHECK_FALSE(db->commitBatch(&error));
    REQUIRE(db->beginBatch(&error));
    CHECK(db->inBatch());
    CHECK_FALSE(db->beginBatch(&error));
    REQUIRE(db->set(kJson, QStringLiteral("a"), StorageValue::fromJson(1)).ok());
    REQUIRE(db->incr(kNumbers, QStringLiteral("n"), 1).ok());
    CHECK(db->get(kJson, QStringLiteral("a")).value.has_value()); // visible inside the batch
    db->rollbackBatch();
    CHECK_FALSE(db->get(kJson, QStringLiteral("a")).value.has_value());
    CHECK_FALSE(db->get(kNumbers, QStringLiteral("n")).value.has_value());
    REQUIRE(db->beginBatch(&error));
    REQUIRE(db->set(kJson, QStringLiteral("a"), StorageValue::fromJson(1)).ok());
    // A failing op inside a batch fails alone.
    REQUIRE(db->set(kNumbers, QStringLiteral("j"), StorageValue::fromJson(1)).ok());
    CHECK_FALSE(db->incr(kNumbers, QStringLiteral("j"), 1).ok());
    REQUIRE(db->commitBatch(&error));
    db.reset();
    db = f.open();
    CHECK(db->get(kJson, QStringLiteral("a")).value.has_value());
}

TEST_CASE("instances on the same file in several threads neither lose nor corrupt data", "[storage][file]") {
    Fixture f;
    f.open(); // created up front, as the studio opens a project before its VM starts
    constexpr int kThreads = 4;
    constexpr int kIncrements = 150;
    std::vector<QString> errors(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            QString error;
            StorageOptions options; // the real clock
            options.busyTimeoutMs = 30'000;
            std::unique_ptr<StorageDatabase> db = StorageDatabase::open(f.path(), &error, options);
            for (int i = 0; db && error.isEmpty() && i < kIncrements; ++i) {
                error = db->incr(kNumbers, QStringLiteral("shared"), 1).error;
                if (error.isEmpty()) {
                    error = db->set(kJson, QStringLiteral("t%1-%2").arg(t).arg(i), StorageValue::fromJson(i))
                                .error;
                }
                if (error.isEmpty() && i % 10 == 0) {
                    error = db->setIf(kJson, QStringLiteral("winner-%1").arg(i), StorageValue::fromJson(t),
                                      StorageSetCondition::IfNotExists)
                                .error;
                }
            }
            errors[static_cast<size_t>(t)] = error;
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (const QString& error : errors) {
        CHECK(error == QString());
    }
    auto db = f.open();
    CHECK(db->get(kNumbers, QStringLiteral("shared")).value->value.number == kThreads * kIncrements);
    CHECK(db->count(kJson, QStringLiteral("t%")).value == kThreads * kIncrements);
    CHECK(db->count(kJson, QStringLiteral("winner-%")).value == kIncrements / 10);
    RawConnection raw(f.path());
    CHECK(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
    const qint64 sizes = raw.scalar(QStringLiteral("SELECT total(size) FROM entries")).toLongLong();
    CHECK(raw.scalar(QStringLiteral("SELECT value FROM meta WHERE name = 'usage_bytes'")).toLongLong() ==
          sizes);
}

TEST_CASE("keys are folded again when the folding changes", "[storage][file][pattern]") {
    Fixture f;
    {
        auto db = f.open();
        REQUIRE(db->set(kJson, QStringLiteral("ÄPFEL"), StorageValue::fromJson(1)).ok());
    }
    {
        RawConnection raw(f.path());
        REQUIRE(raw.exec(QStringLiteral("UPDATE entries SET key_folded = 'stale'")));
        REQUIRE(raw.exec(QStringLiteral("UPDATE meta SET value = 0 WHERE name = 'key_fold_version'")));
    }
    auto db = f.open();
    CHECK(db->count(kJson, QStringLiteral("äpfel")).value == 1);
    RawConnection raw(f.path());
    CHECK(raw.scalar(QStringLiteral("SELECT value FROM meta WHERE name = 'key_fold_version'")).toInt() ==
          StoragePattern::foldVersion());
}
