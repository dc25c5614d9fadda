// The storage ops and their quirks (SDK reference §5, §9.2). File handling: storage_database_file_test.cpp.
#include "tests/unit/project/storage_test_support.h"

#include <limits>
#include <random>

using namespace storage_test;

TEST_CASE("set and get round-trip {json} and {double} entries in the op shape", "[storage]") {
    Fixture f;
    auto db = f.open();
    const QJsonObject doc{{QStringLiteral("name"), QStringLiteral("Ann")}, {QStringLiteral("n"), 3}};
    const QJsonValue stored = call(*db, "set", with(ref("json", QStringLiteral("a")), "value", json(doc)));
    const QJsonObject expected{{QStringLiteral("pluginId"), QJsonValue()},
                               {QStringLiteral("bucketName"), QStringLiteral("json")},
                               {QStringLiteral("key"), QStringLiteral("a")},
                               {QStringLiteral("value"), json(doc)},
                               {QStringLiteral("expiresAt"), QJsonValue()}};
    CHECK(stored == expected);
    CHECK(call(*db, "get", ref("json", QStringLiteral("a"))) == expected);
    // Every JSON kind survives, scalars included.
    for (const QJsonValue& value :
         {QJsonValue(), QJsonValue(true), QJsonValue(-2.5), QJsonValue(QStringLiteral("é")),
          QJsonValue(QJsonArray{1, QJsonObject{}})}) {
        call(*db, "set", with(ref("json", QStringLiteral("v")), "value", json(value)));
        CHECK(call(*db, "get", ref("json", QStringLiteral("v")))[QLatin1String("value")] == json(value));
    }
    call(*db, "set", with(ref("numbers", QStringLiteral("n")), "value", number(1.25)));
    CHECK(call(*db, "get", ref("numbers", QStringLiteral("n")))[QLatin1String("value")] == number(1.25));
    CHECK(call(*db, "get", ref("json", QStringLiteral("missing"))).isNull());
    // The prefixed Botloader name is accepted too.
    CHECK(call(*db, "op_botloader_bucket_storage_get", ref("json", QStringLiteral("a"))) == expected);
}

TEST_CASE("plugin ids and bucket names scope entries", "[storage]") {
    Fixture f;
    auto db = f.open();
    const StorageBucket plugin{QStringLiteral("123"), QStringLiteral("json")};
    REQUIRE(db->set(kJson, QStringLiteral("k"), StorageValue::fromDouble(1)).ok());
    REQUIRE(db->set(plugin, QStringLiteral("k"), StorageValue::fromDouble(2)).ok());
    REQUIRE(db->set(kNumbers, QStringLiteral("k"), StorageValue::fromDouble(3)).ok());
    CHECK(db->get(kJson, QStringLiteral("k")).value->value.number == 1);
    CHECK(db->get(plugin, QStringLiteral("k")).value->value.number == 2);
    CHECK(db->get(kNumbers, QStringLiteral("k")).value->value.number == 3);
    QJsonObject args = ref("json", QStringLiteral("k"));
    args.insert(QStringLiteral("pluginId"), QStringLiteral("123"));
    const QJsonValue entry = call(*db, "get", args);
    CHECK(entry[QLatin1String("pluginId")] == QJsonValue(QStringLiteral("123")));
    CHECK(entry[QLatin1String("value")] == number(2));
    CHECK(db->count(kJson).value == 1);
    CHECK(db->delMany(plugin).value == 1);
    CHECK(db->get(kJson, QStringLiteral("k")).value.has_value());
}

TEST_CASE("ttl is in seconds, expired entries are invisible, and set without ttl clears expiry",
          "[storage]") {
    Fixture f;
    auto db = f.open();
    const QJsonValue stored =
        call(*db, "set", with(with(ref("json", QStringLiteral("t")), "value", json(1)), "ttl", 10));
    CHECK(stored[QLatin1String("expiresAt")].toDouble() == double(kStart + 10'000));
    f.advance(9'999);
    CHECK(db->get(kJson, QStringLiteral("t")).value.has_value());
    f.advance(1);
    CHECK_FALSE(db->get(kJson, QStringLiteral("t")).value.has_value());
    CHECK(db->count(kJson).value == 0);
    CHECK(db->list(kJson).value.isEmpty());

    REQUIRE(db->set(kJson, QStringLiteral("t"), StorageValue::fromJson(2), 5).ok());
    const StorageResult<StorageEntry> plain = db->set(kJson, QStringLiteral("t"), StorageValue::fromJson(3));
    CHECK_FALSE(plain.value.expiresAt.has_value());
    f.advance(60'000);
    REQUIRE(db->get(kJson, QStringLiteral("t")).value.has_value());
    CHECK(db->get(kJson, QStringLiteral("t")).value->value.json == QJsonValue(3));
    CHECK(callError(*db, "set", with(with(ref("json", QStringLiteral("t")), "value", json(1)), "ttl", -1))
              .contains(QStringLiteral("ttl")));
}

TEST_CASE("set_if is conditional, expired entries count as absent, failure returns null", "[storage]") {
    Fixture f;
    auto db = f.open();
    const auto setIf = [&](const char* cond, int value, std::optional<int> ttl = std::nullopt) {
        QJsonObject args = with(with(ref("json", QStringLiteral("k")), "value", json(value)), "cond",
                                QString::fromLatin1(cond));
        if (ttl) {
            args.insert(QStringLiteral("ttl"), *ttl);
        }
        return call(*db, "set_if", args);
    };
    CHECK(setIf("IfExists", 1).isNull());
    CHECK_FALSE(db->get(kJson, QStringLiteral("k")).value.has_value());
    CHECK(setIf("IfNotExists", 2, 10)[QLatin1String("value")] == json(2));
    CHECK(setIf("IfNotExists", 3).isNull());
    CHECK(db->get(kJson, QStringLiteral("k")).value->value.json == QJsonValue(2));
    // IfExists replaces the value and the expiry (none given: none kept).
    const QJsonValue replaced = setIf("IfExists", 4);
    CHECK(replaced[QLatin1String("value")] == json(4));
    CHECK(replaced[QLatin1String("expiresAt")].isNull());
    REQUIRE(db->set(kJson, QStringLiteral("k"), StorageValue::fromJson(5), 1).ok());
    f.advance(1000);
    CHECK(setIf("IfExists", 6).isNull()); // expired = absent
    CHECK(setIf("IfNotExists", 7)[QLatin1String("value")] == json(7));
    CHECK(db->get(kJson, QStringLiteral("k")).value->value.json == QJsonValue(7));
    CHECK(callError(*db, "set_if",
                    with(with(ref("json", QStringLiteral("k")), "value", json(1)), "cond", "Always"))
              .contains(QStringLiteral("IfExists")));
}

TEST_CASE("del returns the deleted entry; del_many and count take positional or object arguments",
          "[storage]") {
    Fixture f;
    auto db = f.open();
    for (const char* key : {"apple", "Apricot", "banana", "cherry"}) {
        REQUIRE(db->set(kJson, QString::fromLatin1(key), StorageValue::fromJson(1)).ok());
    }
    const QJsonValue deleted = call(*db, "del", ref("json", QStringLiteral("banana")));
    CHECK(deleted[QLatin1String("key")] == QJsonValue(QStringLiteral("banana")));
    CHECK(deleted[QLatin1String("value")] == json(1));
    CHECK(call(*db, "del", ref("json", QStringLiteral("banana"))).isNull());

    CHECK(call(*db, "count", QJsonArray{QJsonValue(), QStringLiteral("json"), QStringLiteral("a%")}) ==
          QJsonValue(2));
    CHECK(call(*db, "count", QJsonArray{QJsonValue(), QStringLiteral("json")}) == QJsonValue(3));
    CHECK(call(*db, "count",
               QJsonObject{{QStringLiteral("pluginId"), QJsonValue()},
                           {QStringLiteral("bucketName"), QStringLiteral("json")},
                           {QStringLiteral("keyPattern"), QStringLiteral("%y")}}) == QJsonValue(1));
    CHECK(call(*db, "del_many", QJsonArray{QJsonValue(), QStringLiteral("json"), QStringLiteral("A%")}) ==
          QJsonValue(2));
    CHECK(call(*db, "del_many",
               QJsonObject{{QStringLiteral("pluginId"), QJsonValue()},
                           {QStringLiteral("bucketName"), QStringLiteral("json")}}) == QJsonValue(1));
    CHECK(db->count(kJson).value == 0);

    // An expired entry is not reported as deleted, and it is gone afterwards.
    REQUIRE(db->set(kJson, QStringLiteral("old"), StorageValue::fromJson(1), 1).ok());
    f.advance(1000);
    CHECK_FALSE(db->del(kJson, QStringLiteral("old")).value.has_value());
    CHECK(db->delMany(kJson).value == 0);
}

TEST_CASE("list orders by key, starts after `after`, limits to 25 by default and 100 at most", "[storage]") {
    Fixture f;
    auto db = f.open();
    QString error;
    REQUIRE(db->beginBatch(&error)); // 150 writes, one commit
    for (int i = 149; i >= 0; --i) {
        REQUIRE(
            db->set(kJson, QStringLiteral("k%1").arg(i, 3, 10, QLatin1Char('0')), StorageValue::fromJson(i))
                .ok());
    }
    REQUIRE(db->commitBatch(&error));
    const QJsonValue first = call(*db, "list",
                                  QJsonObject{{QStringLiteral("pluginId"), QJsonValue()},
                                              {QStringLiteral("bucketName"), QStringLiteral("json")}});
    REQUIRE(first.toArray().size() == 25);
    CHECK(keys(first).first() == QStringLiteral("k000"));
    CHECK(keys(first).last() == QStringLiteral("k024"));
    QJsonObject args{{QStringLiteral("pluginId"), QJsonValue()},
                     {QStringLiteral("bucketName"), QStringLiteral("json")},
                     {QStringLiteral("after"), QStringLiteral("k024")},
                     {QStringLiteral("limit"), 500}};
    const QJsonValue rest = call(*db, "list", args);
    REQUIRE(rest.toArray().size() == 100);
    CHECK(keys(rest).first() == QStringLiteral("k025"));
    CHECK(keys(rest).last() == QStringLiteral("k124"));
    args.insert(QStringLiteral("keyPattern"), QStringLiteral("K1_5"));
    args.insert(QStringLiteral("after"), QStringLiteral(""));
    CHECK(keys(call(*db, "list", args)) == QStringList{QStringLiteral("k105"), QStringLiteral("k115"),
                                                       QStringLiteral("k125"), QStringLiteral("k135"),
                                                       QStringLiteral("k145")});
    args.insert(QStringLiteral("limit"), 0);
    CHECK(call(*db, "list", args).toArray().isEmpty());
    args.insert(QStringLiteral("limit"), -1);
    CHECK(callError(*db, "list", args).contains(QStringLiteral("limit")));
    // Key order is the byte order of UTF-8 (code points): upper case before lower case.
    REQUIRE(db->set(kNumbers, QStringLiteral("b"), StorageValue::fromDouble(1)).ok());
    REQUIRE(db->set(kNumbers, QStringLiteral("B"), StorageValue::fromDouble(1)).ok());
    REQUIRE(db->set(kNumbers, QStringLiteral("é"), StorageValue::fromDouble(1)).ok());
    REQUIRE(db->set(kNumbers, QStringLiteral("a"), StorageValue::fromDouble(1)).ok());
    CHECK(keys(db->list(kNumbers).value) ==
          QStringList{QStringLiteral("B"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("é")});
}

TEST_CASE("incr is atomic, starts missing or expired keys from amount and clears the ttl", "[storage]") {
    Fixture f;
    auto db = f.open();
    const auto incr = [&](const char* key, double amount) {
        return call(*db, "incr", with(ref("numbers", QString::fromLatin1(key)), "amount", amount));
    };
    CHECK(incr("c", 5)[QLatin1String("value")] == number(5));
    CHECK(incr("c", -1.5)[QLatin1String("value")] == number(3.5));
    REQUIRE(db->set(kNumbers, QStringLiteral("c"), StorageValue::fromDouble(10), 60).ok());
    const QJsonValue cleared = incr("c", 1);
    CHECK(cleared[QLatin1String("value")] == number(11));
    CHECK(cleared[QLatin1String("expiresAt")].isNull());
    f.advance(120'000);
    CHECK(db->get(kNumbers, QStringLiteral("c")).value->value.number == 11);
    REQUIRE(db->set(kNumbers, QStringLiteral("c"), StorageValue::fromDouble(100), 1).ok());
    f.advance(1000);
    CHECK(incr("c", 2)[QLatin1String("value")] == number(2));

    // Only {double} values: a live {json} value is refused and left alone.
    REQUIRE(db->set(kNumbers, QStringLiteral("j"), StorageValue::fromJson(QStringLiteral("x"))).ok());
    CHECK(callError(*db, "incr", with(ref("numbers", QStringLiteral("j")), "amount", 1)) ==
          QStringLiteral(
              "failed converting from internal value, incorrect type. This can happen if you changed "
              "the bucket type from say number to json, don't do that."));
    CHECK(db->get(kNumbers, QStringLiteral("j")).value->value.json == QJsonValue(QStringLiteral("x")));
    // An expired {json} value is absent, so incr starts over as a number.
    REQUIRE(db->set(kNumbers, QStringLiteral("j"), StorageValue::fromJson(QStringLiteral("x")), 1).ok());
    f.advance(1000);
    CHECK(incr("j", 4)[QLatin1String("value")] == number(4));
    CHECK(callError(*db, "incr", ref("numbers", QStringLiteral("j"))).contains(QStringLiteral("amount")));
    // A sum that is not a number is refused (SQLite would store NaN as NULL).
    const double infinity = std::numeric_limits<double>::infinity();
    REQUIRE(db->set(kNumbers, QStringLiteral("inf"), StorageValue::fromDouble(infinity)).ok());
    CHECK(db->incr(kNumbers, QStringLiteral("inf"), 1).value.value.number == infinity);
    CHECK(db->incr(kNumbers, QStringLiteral("inf"), -infinity).error ==
          QStringLiteral("incr would make the value not a number"));
    CHECK(db->get(kNumbers, QStringLiteral("inf")).value->value.number == infinity);
}

TEST_CASE("sorted_list orders by value, then by update time in the same direction", "[storage]") {
    Fixture f;
    auto db = f.open();
    // b and c tie on 5: b was updated first.
    const QList<std::pair<const char*, double>> writes{{"a", 3}, {"b", 5}, {"d", 1}, {"c", 5}, {"e", 9}};
    for (const auto& [key, value] : writes) {
        REQUIRE(db->set(kNumbers, QString::fromLatin1(key), StorageValue::fromDouble(value)).ok());
        f.advance(10);
    }
    QJsonObject args{{QStringLiteral("pluginId"), QJsonValue()},
                     {QStringLiteral("bucketName"), QStringLiteral("numbers")},
                     {QStringLiteral("order"), QStringLiteral("Ascending")}};
    CHECK(keys(call(*db, "sorted_list", args)) == QStringList{QStringLiteral("d"), QStringLiteral("a"),
                                                              QStringLiteral("b"), QStringLiteral("c"),
                                                              QStringLiteral("e")});
    args.insert(QStringLiteral("order"), QStringLiteral("Descending"));
    CHECK(keys(call(*db, "sorted_list", args)) == QStringList{QStringLiteral("e"), QStringLiteral("c"),
                                                              QStringLiteral("b"), QStringLiteral("a"),
                                                              QStringLiteral("d")});
    // Updating b makes it the later of the tie.
    REQUIRE(db->incr(kNumbers, QStringLiteral("b"), 0).ok());
    args.insert(QStringLiteral("offset"), 1);
    args.insert(QStringLiteral("limit"), 2);
    CHECK(keys(call(*db, "sorted_list", args)) == QStringList{QStringLiteral("b"), QStringLiteral("c")});
    CHECK(keys(db->sortedList(kNumbers, StorageOrder::Ascending, 1, 2).value) ==
          QStringList{QStringLiteral("a"), QStringLiteral("c")});
    args.insert(QStringLiteral("order"), QStringLiteral("Sideways"));
    CHECK(callError(*db, "sorted_list", args).contains(QStringLiteral("Ascending")));

    // 25 by default, 100 at most; expired entries are left out.
    for (int i = 0; i < 150; ++i) {
        REQUIRE(db->incr(kJson, QStringLiteral("n%1").arg(i), i).ok());
    }
    CHECK(db->sortedList(kJson, StorageOrder::Descending).value.size() == 25);
    CHECK(db->sortedList(kJson, StorageOrder::Descending, 0, 1000).value.size() == 100);
    CHECK(db->sortedList(kJson, StorageOrder::Descending).value.first().key == QStringLiteral("n149"));
    REQUIRE(db->set(kNumbers, QStringLiteral("z"), StorageValue::fromDouble(100), 1).ok());
    f.advance(1000);
    CHECK(db->sortedList(kNumbers, StorageOrder::Descending).value.first().key == QStringLiteral("e"));
}

TEST_CASE("sorted_list puts {json} entries after numbers ascending and before them descending", "[storage]") {
    Fixture f;
    auto db = f.open();
    REQUIRE(db->set(kNumbers, QStringLiteral("n"), StorageValue::fromDouble(1)).ok());
    REQUIRE(db->set(kNumbers, QStringLiteral("j"), StorageValue::fromJson(1)).ok());
    CHECK(keys(db->sortedList(kNumbers, StorageOrder::Ascending).value) ==
          QStringList{QStringLiteral("n"), QStringLiteral("j")});
    CHECK(keys(db->sortedList(kNumbers, StorageOrder::Descending).value) ==
          QStringList{QStringLiteral("j"), QStringLiteral("n")});
}

TEST_CASE("key patterns are ILIKE: case-insensitive, % and _, \\ escapes", "[storage][pattern]") {
    Fixture f;
    auto db = f.open();
    const QStringList stored{QStringLiteral("Hello"), QStringLiteral("hello world"), QStringLiteral("HELP"),
                             QStringLiteral("100%"),  QStringLiteral("100x"),        QStringLiteral("a_b"),
                             QStringLiteral("axb"),   QStringLiteral("back\\slash"), QStringLiteral("ÄPFEL"),
                             QStringLiteral("äpfel"), QStringLiteral("Σίσυφος"),     QStringLiteral("é"),
                             QStringLiteral("ee"),    QStringLiteral("日本")};
    for (const QString& key : stored) {
        REQUIRE(db->set(kJson, key, StorageValue::fromJson(1)).ok());
    }
    const auto matching = [&](const char* pattern) {
        QStringList found = keys(db->list(kJson, {QString(), 100, QString::fromUtf8(pattern)}).value);
        CHECK(db->count(kJson, QString::fromUtf8(pattern)).value == found.size());
        return found;
    };
    CHECK(matching("hel%") ==
          QStringList{QStringLiteral("HELP"), QStringLiteral("Hello"), QStringLiteral("hello world")});
    CHECK(matching("HELLO") == QStringList{QStringLiteral("Hello")});
    CHECK(matching("100\\%") == QStringList{QStringLiteral("100%")});
    CHECK(matching("100%").size() == 2);
    CHECK(matching("a\\_b") == QStringList{QStringLiteral("a_b")});
    CHECK(matching("a_b") == QStringList{QStringLiteral("a_b"), QStringLiteral("axb")});
    CHECK(matching("back\\\\slash") == QStringList{QStringLiteral("back\\slash")});
    CHECK(matching("\\h\\e\\l\\p") == QStringList{QStringLiteral("HELP")}); // escaping a letter keeps it
    CHECK(matching("äpfel") == QStringList{QStringLiteral("ÄPFEL"), QStringLiteral("äpfel")});
    CHECK(matching("ΣΊΣΥΦΟΣ") == QStringList{QStringLiteral("Σίσυφος")}); // final sigma folds too
    CHECK(matching("_") == QStringList{QStringLiteral("é")});             // one character, two bytes
    CHECK(matching("__") == QStringList{QStringLiteral("ee"), QStringLiteral("日本")});
    CHECK(matching("%").size() == stored.size());
    CHECK(matching("").isEmpty());
    // The empty key matches "" and "%"; list never shows it (keys > after, and after defaults to "").
    REQUIRE(db->set(kJson, QString(), StorageValue::fromJson(1)).ok());
    CHECK(db->count(kJson, QString()).value == 1);
    CHECK(db->count(kJson).value == stored.size() + 1);
    CHECK(db->get(kJson, QStringLiteral("")).value.has_value());
    const StorageResult<qint64> bad = db->count(kJson, QStringLiteral("abc\\"));
    CHECK(bad.error == QStringLiteral("LIKE pattern must not end with escape character"));
    CHECK(callError(*db, "del_many", QJsonArray{QJsonValue(), QStringLiteral("json"), QStringLiteral("\\")})
              .contains(QStringLiteral("escape")));
}

TEST_CASE("the SQL matching agrees with the reference matcher on random keys and patterns",
          "[storage][pattern]") {
    Fixture f;
    auto db = f.open();
    std::mt19937 rng(42);
    const QStringList alphabet{QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("é"),
                               QStringLiteral("É"), QStringLiteral("%"), QStringLiteral("_"),
                               QStringLiteral("\\")};
    const auto randomText = [&](int maxLength, bool pattern) {
        QString text;
        const int length = static_cast<int>(rng() % (maxLength + 1));
        for (int i = 0; i < length; ++i) {
            const int pick = static_cast<int>(rng() % (pattern ? alphabet.size() : alphabet.size() - 3));
            text += alphabet[pick];
        }
        QString invalid;
        if (pattern && !StoragePattern::toSqlLike(text, &invalid)) {
            text += QLatin1Char('a'); // it ended in a lone escape
        }
        return text;
    };
    QStringList stored;
    for (int i = 0; i < 200; ++i) {
        const QString key = randomText(6, false) + (i % 3 == 0 ? QStringLiteral("%_\\") : QString());
        if (!stored.contains(key)) {
            stored.append(key);
            REQUIRE(db->set(kJson, key, StorageValue::fromJson(i)).ok());
        }
    }
    for (int i = 0; i < 300; ++i) {
        const QString pattern = randomText(5, true);
        qint64 expected = 0;
        for (const QString& key : stored) {
            expected += StoragePattern::matches(pattern, key) ? 1 : 0;
        }
        INFO(pattern.toStdString());
        CHECK(db->count(kJson, pattern).value == expected);
    }
    CHECK(StoragePattern::matches(QStringLiteral("%b%"), QStringLiteral("ABC")));
    CHECK_FALSE(StoragePattern::matches(QStringLiteral("a\\%"), QStringLiteral("ab")));
}

TEST_CASE("key and value limits use Botloader's messages", "[storage][limits]") {
    Fixture f;
    auto db = f.open();
    const QString key256 = QString(128, QChar(0xE9)); // 128 × é = 256 UTF-8 bytes
    CHECK(db->set(kJson, key256, StorageValue::fromJson(1)).ok());
    CHECK(db->set(kJson, key256 + QLatin1Char('x'), StorageValue::fromJson(1)).error ==
          QStringLiteral("key too long (max 256 bytes)"));
    CHECK(db->incr(kNumbers, key256 + QLatin1Char('x'), 1).error ==
          QStringLiteral("key too long (max 256 bytes)"));
    CHECK(callError(*db, "set_if",
                    with(with(ref("json", key256 + QLatin1Char('x')), "value", json(1)), "cond",
                         "IfNotExists")) == QStringLiteral("key too long (max 256 bytes)"));
    // A string of n characters serialises to n + 2 bytes.
    const QString fits(999'998, QLatin1Char('x'));
    CHECK(db->set(kJson, QStringLiteral("big"), StorageValue::fromJson(fits)).ok());
    CHECK(db->get(kJson, QStringLiteral("big")).value->value.json.toString().size() == 999'998);
    CHECK(callError(*db, "set",
                    with(ref("json", QStringLiteral("big")), "value", json(fits + QLatin1Char('x')))) ==
          QStringLiteral("value too big, max value size is 1MB"));
    // The value is checked before the key, as Botloader does.
    CHECK(db->set(kJson, key256 + QLatin1Char('x'), StorageValue::fromJson(fits + QLatin1Char('x'))).error ==
          QStringLiteral("value too big, max value size is 1MB"));
}

TEST_CASE("the storage limit is checked every 11 writes and a delete clears it", "[storage][limits]") {
    Fixture f;
    auto db = f.open();
    const QString value(1000, QLatin1Char('v'));
    db->setStorageLimitBytes(5000); // about four entries of 1 kB
    int written = 0;
    QString error;
    for (int i = 0; i < 40 && error.isEmpty(); ++i) {
        error = db->set(kJson, QStringLiteral("k%1").arg(i), StorageValue::fromJson(value)).error;
        written += error.isEmpty() ? 1 : 0;
    }
    // Write 1 checks (empty), writes 2–11 go unchecked, write 12 checks and fails.
    CHECK(written == 11);
    CHECK(error == QStringLiteral("hit storage limit, delete some entries"));
    CHECK(db->storageLimitReached());
    CHECK(db->incr(kNumbers, QStringLiteral("n"), 1).error == error);
    CHECK(callError(*db, "set", with(ref("json", QStringLiteral("x")), "value", json(1))) == error);
    // Reads still work; deleting nothing keeps the state, deleting something clears it.
    CHECK(db->count(kJson).value == 11);
    CHECK_FALSE(db->del(kJson, QStringLiteral("missing")).value.has_value());
    CHECK(db->storageLimitReached());
    CHECK(db->delMany(kJson, QStringLiteral("k1%")).value == 2); // k1, k10
    CHECK_FALSE(db->storageLimitReached());
    // Still over the limit: the next write checks again and fails.
    CHECK(db->set(kJson, QStringLiteral("y"), StorageValue::fromJson(1)).error == error);
    CHECK(db->delMany(kJson).value == 9);
    CHECK(db->set(kJson, QStringLiteral("y"), StorageValue::fromJson(1)).ok());
}

TEST_CASE("usage counts live entries and purgeExpired removes expired ones", "[storage][limits]") {
    Fixture f;
    auto db = f.open();
    CHECK(db->usageBytes().value == 0);
    REQUIRE(db->set(kJson, QStringLiteral("key"), StorageValue::fromJson(QStringLiteral("abc"))).ok());
    // bucket "json" (4) + key (3) + "\"abc\"" (5) + 32 per entry
    CHECK(db->usageBytes().value == 44);
    REQUIRE(db->set(kJson, QStringLiteral("key"), StorageValue::fromDouble(1)).ok());
    CHECK(db->usageBytes().value == 4 + 3 + 8 + 32);
    REQUIRE(db->set(kJson, QStringLiteral("short"), StorageValue::fromJson(1), 1).ok());
    REQUIRE(db->set(kJson, QStringLiteral("long"), StorageValue::fromJson(1), 100).ok());
    f.advance(1000);
    CHECK(db->purgeExpired().value == 1);
    CHECK(db->purgeExpired().value == 0);
    f.advance(100'000);
    CHECK(db->usageBytes().value == 47);
    REQUIRE(db->del(kJson, QStringLiteral("key")).ok());
    CHECK(db->usageBytes().value == 0);
}

TEST_CASE("call() rejects unknown ops and malformed arguments with readable errors", "[storage]") {
    Fixture f;
    auto db = f.open();
    CHECK(callError(*db, "frobnicate", QJsonObject{}) == QStringLiteral("unknown storage op `frobnicate`"));
    CHECK(callError(*db, "get", QJsonArray{}).contains(QStringLiteral("object")));
    CHECK(callError(*db, "get", QJsonObject{{QStringLiteral("bucketName"), QStringLiteral("b")}})
              .contains(QStringLiteral("`key`")));
    CHECK(callError(*db, "set", ref("json", QStringLiteral("k"))).contains(QStringLiteral("value")));
    CHECK(callError(*db, "set",
                    with(ref("json", QStringLiteral("k")), "value", QJsonObject{{QStringLiteral("x"), 1}}))
              .contains(QStringLiteral("{json: any} or {double: number}")));
    CHECK(callError(*db, "get", with(ref("json", QStringLiteral("k")), "pluginId", QStringLiteral("")))
              .contains(QStringLiteral("pluginId")));
    CHECK(StorageDatabase::opNames().size() == 9);
}
