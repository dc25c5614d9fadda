#include "app/studio/sandbox_faults_dock.h"

#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/sandbox_host.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/sandbox_server.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {
constexpr protocol::Snowflake kDefaultGuild = 1113768905932800000ULL;

QPushButton* button(const QString& text, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setAutoDefault(false);
    return b;
}
} // namespace

SandboxFaultsDock::SandboxFaultsDock(sandbox::SandboxHost* host, QWidget* parent)
    : QDockWidget(tr("Sandbox Faults"), parent)
    , m_host(host) {
    setObjectName(QStringLiteral("sandboxFaultsDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);

    auto* gateway = new QGroupBox(tr("Gateway — every connected session"), body);
    auto* g = new QVBoxLayout(gateway);
    auto* row1 = new QHBoxLayout;
    auto* reconnect = button(tr("Send op 7 Reconnect"), gateway);
    auto* invalidResumable = button(tr("op 9 (resumable)"), gateway);
    auto* invalid = button(tr("op 9 (not resumable)"), gateway);
    row1->addWidget(reconnect);
    row1->addWidget(invalidResumable);
    row1->addWidget(invalid);
    g->addLayout(row1);
    auto* row2 = new QHBoxLayout;
    m_closeCode = new QComboBox(gateway);
    for (int code :
         {4000, 4001, 4002, 4003, 4004, 4005, 4007, 4008, 4009, 4010, 4011, 4012, 4013, 4014, 1000, 1001})
        m_closeCode->addItem(QStringLiteral("%1 — %2").arg(code).arg(protocol::closeCodeReason(code)), code);
    auto* close = button(tr("Close with code"), gateway);
    auto* drop = button(tr("Drop TCP"), gateway);
    auto* beat = button(tr("Request heartbeat"), gateway);
    row2->addWidget(m_closeCode, 1);
    row2->addWidget(close);
    g->addLayout(row2);
    auto* row3 = new QHBoxLayout;
    row3->addWidget(drop);
    row3->addWidget(beat);
    auto* outage = button(tr("Guild outage"), gateway);
    auto* recover = button(tr("Guild back"), gateway);
    row3->addWidget(outage);
    row3->addWidget(recover);
    g->addLayout(row3);

    auto* standing = new QGroupBox(tr("Standing faults"), body);
    auto* form = new QFormLayout(standing);
    m_dropAcks = new QCheckBox(tr("Withhold heartbeat ACKs (zombie connection)"), standing);
    m_ackDelay = new QSpinBox(standing);
    m_ackDelay->setRange(0, 120000);
    m_ackDelay->setSuffix(tr(" ms"));
    m_splitFrames = new QSpinBox(standing);
    m_splitFrames->setRange(0, 16);
    m_splitFrames->setSpecialValueText(tr("off"));
    m_guildCreateDelay = new QSpinBox(standing);
    m_guildCreateDelay->setRange(0, 120000);
    m_guildCreateDelay->setSuffix(tr(" ms"));
    m_rateLimits = new QCheckBox(tr("Enforce REST rate limits (headers, 429s)"), standing);
    form->addRow(m_dropAcks);
    form->addRow(tr("Delay ACKs by"), m_ackDelay);
    form->addRow(tr("Split zlib frames into"), m_splitFrames);
    form->addRow(tr("Delay GUILD_CREATE by"), m_guildCreateDelay);
    form->addRow(m_rateLimits);
    // Discord gives a bot 3 s for the first interaction callback; a paused debugging session needs
    // more, so both the window and the extra grace are settings.
    m_ackWindow = new QSpinBox(standing);
    m_ackWindow->setRange(500, 600000);
    m_ackWindow->setSingleStep(500);
    m_ackWindow->setSuffix(tr(" ms"));
    m_ackWindow->setValue(sandbox::SandboxOptions{}.interactionAckWindowMs);
    m_ackGrace = new QSpinBox(standing);
    m_ackGrace->setRange(0, 3600000);
    m_ackGrace->setSingleStep(1000);
    m_ackGrace->setSuffix(tr(" ms"));
    m_ackGrace->setValue(sandbox::SandboxOptions{}.interactionAckGraceMs);
    form->addRow(tr("Interaction callback window"), m_ackWindow);
    form->addRow(tr("… plus grace"), m_ackGrace);

    auto* rest = new QGroupBox(tr("REST failures"), body);
    auto* r = new QHBoxLayout(rest);
    m_restStatus = new QComboBox(rest);
    for (int status : {429, 500, 502, 503, 504})
        m_restStatus->addItem(QString::number(status), status);
    m_restCount = new QSpinBox(rest);
    m_restCount->setRange(1, 1000);
    m_restCount->setSuffix(tr(" requests"));
    auto* arm = button(tr("Fail next"), rest);
    r->addWidget(new QLabel(tr("Answer"), rest));
    r->addWidget(m_restStatus);
    r->addWidget(m_restCount);
    r->addWidget(arm);

    m_sessions = new QLabel(body);
    m_sessions->setWordWrap(true);
    m_sessions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("faultStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(gateway);
    layout->addWidget(standing);
    layout->addWidget(rest);
    layout->addWidget(m_sessions);
    layout->addWidget(m_status);
    layout->addStretch(1);
    setWidget(body);

    connect(reconnect, &QPushButton::clicked, this, [this] {
        act(tr("Sent op 7 Reconnect"), [](sandbox::SandboxServer& s) { s.gateway().sendReconnect(); });
    });
    connect(invalidResumable, &QPushButton::clicked, this, [this] {
        act(tr("Sent op 9 Invalid Session (resumable)"),
            [](sandbox::SandboxServer& s) { s.gateway().sendInvalidSession(true); });
    });
    connect(invalid, &QPushButton::clicked, this, [this] {
        act(tr("Sent op 9 Invalid Session (not resumable)"),
            [](sandbox::SandboxServer& s) { s.gateway().sendInvalidSession(false); });
    });
    connect(close, &QPushButton::clicked, this, [this] {
        const int code = m_closeCode->currentData().toInt();
        act(tr("Closed every connection with %1").arg(code),
            [code](sandbox::SandboxServer& s) { s.gateway().closeWithCode(code); });
    });
    connect(drop, &QPushButton::clicked, this, [this] {
        act(tr("Dropped every TCP connection without a close frame"),
            [](sandbox::SandboxServer& s) { s.gateway().dropTcp(); });
    });
    connect(beat, &QPushButton::clicked, this, [this] {
        act(tr("Sent op 1 (heartbeat request)"),
            [](sandbox::SandboxServer& s) { s.gateway().requestHeartbeat(); });
    });
    connect(outage, &QPushButton::clicked, this, [this] {
        act(tr("Guild unavailable (GUILD_DELETE unavailable:true)"),
            [](sandbox::SandboxServer& s) { s.gateway().setGuildAvailable(kDefaultGuild, false); });
    });
    connect(recover, &QPushButton::clicked, this, [this] {
        act(tr("Guild available again (GUILD_CREATE)"),
            [](sandbox::SandboxServer& s) { s.gateway().setGuildAvailable(kDefaultGuild, true); });
    });
    connect(arm, &QPushButton::clicked, this, [this] {
        const int status = m_restStatus->currentData().toInt(), count = m_restCount->value();
        act(tr("The next %1 REST requests get %2").arg(count).arg(status),
            [status, count](sandbox::SandboxServer& s) {
                s.faults().restFailureStatus = status;
                s.faults().restFailuresLeft = count;
            });
    });
    for (QCheckBox* box : {m_dropAcks, m_rateLimits})
        connect(box, &QCheckBox::toggled, this, &SandboxFaultsDock::applyStandingFaults);
    for (QSpinBox* spin : {m_ackDelay, m_splitFrames, m_guildCreateDelay, m_ackWindow, m_ackGrace})
        connect(spin, &QSpinBox::valueChanged, this, &SandboxFaultsDock::applyStandingFaults);

    auto* poll = new QTimer(this);
    poll->setInterval(1000);
    connect(poll, &QTimer::timeout, this, &SandboxFaultsDock::refreshSessions);
    poll->start();
}

QString SandboxFaultsDock::lastAction() const {
    return m_status->text();
}

void SandboxFaultsDock::act(const QString& description, std::function<void(sandbox::SandboxServer&)> job) {
    if (!m_host || !m_host->isRunning()) {
        m_status->setText(tr("The sandbox is not running."));
        return;
    }
    m_host->post(std::move(job));
    m_status->setText(description);
}

void SandboxFaultsDock::applyStandingFaults() {
    const bool dropAcks = m_dropAcks->isChecked(), rateLimits = m_rateLimits->isChecked();
    const int delay = m_ackDelay->value(), split = m_splitFrames->value(),
              guildDelay = m_guildCreateDelay->value();
    const int ackWindow = m_ackWindow->value(), ackGrace = m_ackGrace->value();
    act(tr("Standing faults updated"), [=](sandbox::SandboxServer& s) {
        s.faults().dropHeartbeatAcks = dropAcks;
        s.faults().heartbeatAckDelayMs = delay;
        s.faults().splitCompressedFrames = split;
        s.faults().guildCreateDelayMs = guildDelay;
        s.options().rateLimitsEnabled = rateLimits;
        s.options().interactionAckWindowMs = ackWindow;
        s.options().interactionAckGraceMs = ackGrace;
    });
}

void SandboxFaultsDock::refreshSessions() {
    if (!isVisible() || !m_host || !m_host->isRunning())
        return;
    QPointer<QLabel> label = m_sessions;
    m_host->post([label](sandbox::SandboxServer& s) {
        QStringList lines;
        for (const auto& info : s.gateway().sessions())
            lines << QStringLiteral("%1 shard [%2, %3] seq %4 %5 %6")
                         .arg(info.id.left(8))
                         .arg(info.shardId)
                         .arg(info.shardCount)
                         .arg(info.seq)
                         .arg(info.connected ? QStringLiteral("connected")
                                             : QStringLiteral("detached (resumable)"))
                         .arg(info.compression);
        const QString text = lines.isEmpty() ? QStringLiteral("No gateway sessions.")
                                             : QStringLiteral("Sessions:\n") + lines.join(u'\n');
        QMetaObject::invokeMethod(label, [label, text] {
            if (label)
                label->setText(text);
        });
    });
}

} // namespace botwright::studio
