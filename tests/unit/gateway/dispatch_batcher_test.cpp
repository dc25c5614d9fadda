// DispatchBatcher: dispatches cross to their consumers' threads in order, a batch at a time.
#include "engine/gateway/dispatch_batcher.h"
#include "tests/support/qt_catch.h"

#include <QCoreApplication>
#include <QTest>
#include <QThread>

using namespace botwright;

TEST_CASE("dispatches added in one turn of the loop arrive as one batch, in order") {
    gateway::DispatchBatcher batcher;
    QList<gateway::DispatchBatch> batches;
    QObject::connect(&batcher, &gateway::DispatchBatcher::ready, &batcher,
                     [&](const gateway::DispatchBatch& b) { batches << b; });
    for (int i = 0; i < 10; ++i)
        batcher.add(0, QStringLiteral("MESSAGE_CREATE"), QByteArray::number(i), i);
    CHECK(batches.isEmpty()); // nothing until the loop comes round
    QCoreApplication::processEvents();
    REQUIRE(batches.size() == 1);
    REQUIRE(batches[0].size() == 10);
    for (int i = 0; i < 10; ++i) {
        CHECK(batches[0][i].seq == i);
        CHECK(batches[0][i].data == QByteArray::number(i));
    }
    QCoreApplication::processEvents();
    CHECK(batches.size() == 1); // no empty batches
}

TEST_CASE("a batch closes at its size limit, and order holds across batches") {
    gateway::DispatchBatcher batcher;
    QList<int> seqs;
    int count = 0;
    QObject::connect(&batcher, &gateway::DispatchBatcher::ready, &batcher,
                     [&](const gateway::DispatchBatch& b) {
                         ++count;
                         CHECK(b.size() <= gateway::DispatchBatcher::kMaxBatch);
                         for (const gateway::Dispatch& d : b)
                             seqs << d.seq;
                     });
    const int total = static_cast<int>(gateway::DispatchBatcher::kMaxBatch) * 2 + 7;
    for (int i = 0; i < total; ++i)
        batcher.add(1, QStringLiteral("TYPING_START"), "{}", i);
    CHECK(count == 2); // two full batches went at once
    QCoreApplication::processEvents();
    CHECK(count == 3);
    REQUIRE(seqs.size() == total);
    for (int i = 0; i < total; ++i)
        CHECK(seqs[i] == i);
}

TEST_CASE("a batch made on another thread is delivered queued on the receiver's thread") {
    QThread thread;
    auto* batcher = new gateway::DispatchBatcher;
    batcher->moveToThread(&thread);
    thread.start();
    QObject receiver;
    QList<int> seqs;
    Qt::HANDLE seenOn = nullptr;
    QObject::connect(batcher, &gateway::DispatchBatcher::ready, &receiver,
                     [&](const gateway::DispatchBatch& b) {
                         seenOn = QThread::currentThreadId();
                         for (const gateway::Dispatch& d : b)
                             seqs << d.seq;
                     });
    QMetaObject::invokeMethod(batcher, [batcher] {
        for (int i = 0; i < 100; ++i)
            batcher->add(0, QStringLiteral("MESSAGE_CREATE"), "{}", i);
    });
    REQUIRE(QTest::qWaitFor([&] { return seqs.size() == 100; }, 5000));
    CHECK(seenOn == QThread::currentThreadId());
    for (int i = 0; i < 100; ++i)
        CHECK(seqs[i] == i);
    QMetaObject::invokeMethod(
        batcher, [batcher] { delete batcher; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}
