#include "tests/unit/pipeline/pipeline_fixture.h"

using namespace pipeline_test;

TEST_CASE("smoke") {
    Harness h;
    sandbox::World::MessageDraft draft;
    draft.content = QStringLiteral("hi <@%1> \"quoted\"\n").arg(kBob);
    h.world.createMessage(kGeneral, kAlice, draft);
    pipeline::TransformTrace trace;
    const QJsonValue v = h.deliver(QStringLiteral("MESSAGE_CREATE"), &trace);
    WARN(QJsonDocument(v.toObject()).toJson().toStdString());
    WARN(trace.toText().toStdString());
}
