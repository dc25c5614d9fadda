// Script storage figures on a real file (WAL, synchronous=NORMAL), as the VM uses it: every op its own
// transaction. Also the same ops grouped 100 to a transaction (StorageDatabase::beginBatch).
//   storage_set_per_s      set of a small {json} value, a new key each time (5,000 keys)
//   storage_get_per_s      get of a random existing key
//   storage_incr_per_s     incr of one of 100 counters
//   storage_list_per_s     list of 25 entries after a random key
//   storage_*_batched_per_s  the same writes, 100 per transaction
#include "engine/project/storage_database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <random>

using namespace botwright::project;

namespace {

constexpr int kOps = 5000;
constexpr int kBatch = 100;

void print(const char* name, double value, const char* unit) {
    std::printf("%s %.0f %s\n", name, value, unit);
}

[[noreturn]] void fail(const QString& what) {
    std::fprintf(stderr, "bench_storage: %s\n", qPrintable(what));
    std::exit(1);
}

// Runs op(i) for i in [0, kOps), optionally kBatch per transaction; returns ops per second.
double measure(StorageDatabase& db, bool batched, const std::function<QString(int)>& op) {
    QElapsedTimer timer;
    timer.start();
    QString error;
    for (int i = 0; i < kOps; ++i) {
        if (batched && i % kBatch == 0 && !db.beginBatch(&error)) {
            fail(error);
        }
        error = op(i);
        if (!error.isEmpty()) {
            fail(error);
        }
        if (batched && (i % kBatch == kBatch - 1 || i == kOps - 1) && !db.commitBatch(&error)) {
            fail(error);
        }
    }
    return kOps * 1e9 / double(timer.nsecsElapsed());
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    QString error;
    std::unique_ptr<StorageDatabase> db =
        StorageDatabase::open(StorageDatabase::pathForProject(dir.path()), &error);
    if (!db) {
        fail(error);
    }
    const StorageBucket json{std::nullopt, QStringLiteral("profiles")};
    const StorageBucket numbers{std::nullopt, QStringLiteral("counters")};
    const StorageValue value =
        StorageValue::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("alice")},
                                           {QStringLiteral("level"), 12},
                                           {QStringLiteral("xp"), 34567.5},
                                           {QStringLiteral("badges"), QStringLiteral("a,b,c")}});
    const auto key = [](const char* prefix, int i) {
        return QStringLiteral("%1:%2").arg(QLatin1String(prefix)).arg(i);
    };
    std::mt19937 rng(1);

    print("storage_set_per_s",
          measure(*db, false, [&](int i) { return db->set(json, key("user", i), value).error; }), "ops/s");
    print("storage_get_per_s",
          measure(*db, false,
                  [&](int) {
                      const StorageResult<std::optional<StorageEntry>> got =
                          db->get(json, key("user", int(rng() % kOps)));
                      return got.ok() && !got.value ? QStringLiteral("missing entry") : got.error;
                  }),
          "ops/s");
    print("storage_incr_per_s",
          measure(*db, false, [&](int i) { return db->incr(numbers, key("counter", i % 100), 1).error; }),
          "ops/s");
    print("storage_list_per_s",
          measure(*db, false,
                  [&](int) {
                      StorageListOptions options;
                      options.after = key("user", int(rng() % kOps));
                      return db->list(json, options).error;
                  }),
          "ops/s");
    print("storage_set_batched_per_s",
          measure(*db, true, [&](int i) { return db->set(json, key("batch", i), value).error; }), "ops/s");
    print("storage_incr_batched_per_s",
          measure(*db, true, [&](int i) { return db->incr(numbers, key("counter", i % 100), 1).error; }),
          "ops/s");
    return 0;
}
