#pragma once

#include "engine/protocol/snowflake.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace botwright::sandbox {

// One scripted step of a simulated person (a world file's `actions`, docs/sandbox-world.md): when
// its trigger happens in the world, the person runs a command, clicks a component, submits a modal
// or makes any REST call, as the studio's chat would. Headless tests use these to drive commands.
struct SimulatedAction {
    enum class Trigger { Command, BotMessage, Component, Modal, After };
    QString name;
    Trigger trigger = Trigger::Command;
    QString match; // command name, message text, custom-id prefix or action name
    protocol::Snowflake userId = 0;
    protocol::Snowflake channelId = 0; // 0: the trigger's channel
    QJsonObject interaction;           // a POST /interactions body, completed from the trigger
    QJsonObject request;               // or {method, path, body} with {placeholders}
    int delayMs = 0;
    bool done = false;
};

// World-file form ↔ actions. `path` names the array in errors (WorldFileError).
std::vector<SimulatedAction> readSimulatedActions(const QJsonArray& list, const QString& path);
QJsonArray writeSimulatedActions(const std::vector<SimulatedAction>& actions);

} // namespace botwright::sandbox
