#pragma once

#include "engine/sandbox/simulated_action.h"

#include <QHash>
#include <QObject>

namespace botwright::sandbox {

class RestApi;
class World;
struct Dispatch;

// Runs the world's SimulatedActions: watches every world dispatch for their triggers and performs
// each through the sandbox's own REST API with the person's token, so it is validated exactly like a
// click in the studio. Lives on the sandbox thread with the world.
class SimulatedUsers final : public QObject {
    Q_OBJECT
public:
    SimulatedUsers(World& world, RestApi& rest, QObject* parent = nullptr);
    ~SimulatedUsers() override;

Q_SIGNALS:
    // An action ran: the REST status it got and, on failure, Discord's error body.
    void actionRan(const QString& name, int status, const QString& detail);

private:
    using Context = QHash<QString, QString>;
    void onDispatch(const Dispatch& d);
    void checkCommands();
    void fire(SimulatedAction& action, Context context);
    void perform(const SimulatedAction& action, const Context& context);

    World& m_world;
    RestApi& m_rest;
    int m_listener = 0;
};

} // namespace botwright::sandbox
