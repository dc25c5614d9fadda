// OpPacer: Botloader's delayed-not-rejected op rate limits (task operations, HttpClient requests).
// Slot arithmetic runs on an injected clock; the waits themselves run on the event loop, and only their
// order and completion are checked, never their duration.
#include "engine/runtime/op_pacer.h"
#include "tests/support/qt_catch.h"

#include <QTest>

#include <vector>

using botwright::runtime::OpPacer;

TEST_CASE("calls within the interval get the next free slots, in order", "[runtime][pacer]") {
    qint64 now = 10000;
    OpPacer pacer(1000, nullptr, [&now] { return now; });
    int ranAtOnce = 0;
    CHECK(pacer.submit([&] { ++ranAtOnce; }) == 0);
    CHECK(ranAtOnce == 1); // a free slot runs inside submit()
    CHECK(pacer.submit([] {}) == 1000);
    CHECK(pacer.submit([] {}) == 2000);
    CHECK(pacer.waiting() == 2);
    now += 500; // the next free slot is still 2.5 s away
    CHECK(pacer.submit([] {}) == 2500);
    now += 10000; // long idle: no credit is saved up beyond one slot
    CHECK(pacer.submit([] {}) == 0);
    CHECK(pacer.submit([] {}) == 1000);
}

TEST_CASE("plans' rates become intervals; no limit runs everything at once", "[runtime][pacer]") {
    CHECK(OpPacer::intervalForRate(1) == 1000);
    CHECK(OpPacer::intervalForRate(2) == 500);
    CHECK(OpPacer::intervalForRate(10) == 100);
    CHECK(OpPacer::intervalForRate(3) == 334); // rounded up: never faster than the plan
    CHECK(OpPacer::intervalForRate(0) == 0);
    qint64 now = 0;
    OpPacer pacer(0, nullptr, [&now] { return now; });
    int ran = 0;
    for (int i = 0; i < 100; ++i)
        CHECK(pacer.submit([&] { ++ran; }) == 0);
    CHECK(ran == 100);
    CHECK(pacer.waiting() == 0);
}

TEST_CASE("waiting calls run later on the event loop in the order they were made", "[runtime][pacer]") {
    OpPacer pacer(5);
    std::vector<int> order;
    for (int i = 0; i < 20; ++i)
        pacer.submit([&order, i] { order.push_back(i); });
    CHECK(order.size() == 1); // only the first had a free slot
    REQUIRE(QTest::qWaitFor([&] { return order.size() == 20; }, 10000));
    for (int i = 0; i < 20; ++i)
        CHECK(order[static_cast<std::size_t>(i)] == i);
    CHECK(pacer.waiting() == 0);
}

TEST_CASE("a pacer destroyed with calls waiting drops them", "[runtime][pacer]") {
    int ran = 0;
    {
        OpPacer pacer(50);
        for (int i = 0; i < 3; ++i)
            pacer.submit([&ran] { ++ran; });
    }
    QTest::qWait(200);
    CHECK(ran == 1);
}
