#include "app/studio/gateway_settings_dialog.h"

#include "app/studio/token_store.h"
#include "engine/gateway/intent_catalog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

using gateway::GatewayTarget;
using gateway::ShardConfig;

constexpr int kIntentColumns = 3;

bool darkPalette(const QWidget* widget) {
    return widget->palette().color(QPalette::Window).lightness() < 128;
}

// Amber and red that read well on the light and the dark theme.
QColor warningColor(const QWidget* widget) {
    return QColor(darkPalette(widget) ? QStringLiteral("#ffd27a") : QStringLiteral("#8a5a00"));
}

QColor errorColor(const QWidget* widget) {
    return QColor(darkPalette(widget) ? QStringLiteral("#ff8a80") : QStringLiteral("#b3261e"));
}

// A dim explanation next to or under a control.
QLabel* hint(const QString& text, QWidget* parent, bool wrap = true) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(wrap);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    QFont font = label->font();
    if (font.pointSizeF() > 0) // fonts given in pixels keep their size
        font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
    return label;
}

// The amber "privileged" tag next to an intent's name.
QLabel* privilegedBadge(QWidget* parent) {
    auto* badge = new QLabel(QObject::tr("privileged"), parent);
    badge->setObjectName(QStringLiteral("privilegedBadge"));
    badge->setStyleSheet(darkPalette(parent)
                             ? QStringLiteral("QLabel { color: #ffd27a; border: 1px solid #9a7420; "
                                              "border-radius: 3px; padding: 0px 4px; font-size: 8pt; }")
                             : QStringLiteral("QLabel { color: #7a4f00; background: #fff3cd; border: 1px "
                                              "solid #e0b84d; border-radius: 3px; padding: 0px 4px; "
                                              "font-size: 8pt; }"));
    return badge;
}

QString escaped(const QString& text) {
    return text.toHtmlEscaped();
}

} // namespace

GatewaySettingsDialog::GatewaySettingsDialog(const GatewayTarget& target, TokenStore* tokens, QWidget* parent)
    : QDialog(parent)
    , m_tokens(tokens) {
    setObjectName(QStringLiteral("gatewaySettingsDialog"));
    setWindowTitle(tr("Gateway Settings"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(12);

    layout->addWidget(buildTargetGroup());
    auto* middle = new QHBoxLayout;
    middle->setSpacing(12);
    middle->addWidget(buildTokenGroup(), 3);
    middle->addWidget(buildConnectionGroup(), 2);
    layout->addLayout(middle);
    layout->addWidget(buildIntentsGroup());

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    layout->addWidget(m_problems);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply |
                                         QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                     this);
    m_buttons->button(QDialogButtonBox::Apply)->setToolTip(tr("Save and reconnect the bot"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::clicked, this, [this](QAbstractButton* button) {
        switch (m_buttons->standardButton(button)) {
        case QDialogButtonBox::Ok:
            if (apply())
                accept();
            break;
        case QDialogButtonBox::Apply:
            apply();
            break;
        case QDialogButtonBox::RestoreDefaults:
            setTarget(GatewayTarget());
            break;
        default:
            reject();
        }
    });

    connect(m_tokens, &TokenStore::loaded, this, &GatewaySettingsDialog::fillTokenFromStore);
    connect(m_tokens, &TokenStore::storageChanged, this, &GatewaySettingsDialog::refresh);
    connect(m_tokens, &TokenStore::saved, this, &GatewaySettingsDialog::refresh);
    setTarget(target);
    if (m_tokens->isLoaded())
        fillTokenFromStore();
}

QGroupBox* GatewaySettingsDialog::buildTargetGroup() {
    auto* group = new QGroupBox(tr("Connect the studio's bot to"), this);
    auto* grid = new QGridLayout(group);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(8);
    grid->setColumnStretch(1, 1);
    m_kinds = new QButtonGroup(group);
    const auto addKind = [&](GatewayTarget::Kind kind, const QString& name, const QString& text,
                             const QString& explanation) {
        auto* radio = new QRadioButton(text, group);
        radio->setObjectName(name);
        m_kinds->addButton(radio, static_cast<int>(kind));
        const int row = grid->rowCount();
        grid->addWidget(radio, row, 0);
        grid->addWidget(hint(explanation, group, false), row, 1);
        return radio;
    };
    m_sandbox = addKind(GatewayTarget::Kind::Sandbox, QStringLiteral("targetSandbox"), tr("Local sandbox"),
                        tr("An offline Discord inside the studio, with its own bot. No token needed."));
    m_discord = addKind(GatewayTarget::Kind::Discord, QStringLiteral("targetDiscord"), tr("Discord"),
                        tr("The real Discord (%1), as your bot.").arg(GatewayTarget::discordRestBase()));
    m_custom = addKind(GatewayTarget::Kind::Custom, QStringLiteral("targetCustom"), tr("Custom server"),
                       tr("Anything that speaks Discord's REST API and Gateway: botwright-cli sandbox, a "
                          "proxy…"));
    m_url = new QLineEdit(group);
    m_url->setObjectName(QStringLiteral("customUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/api"));
    m_url->setClearButtonEnabled(true);
    m_url->setToolTip(tr("The server's REST base. The studio asks it for the gateway URL "
                         "(GET /v10/gateway/bot)."));
    auto* urlRow = new QHBoxLayout;
    urlRow->setContentsMargins(24, 0, 0, 0);
    urlRow->setSpacing(8);
    auto* urlLabel = new QLabel(tr("REST base URL:"), group);
    urlLabel->setBuddy(m_url);
    urlRow->addWidget(urlLabel);
    urlRow->addWidget(m_url, 1);
    grid->addLayout(urlRow, grid->rowCount(), 0, 1, 2);
    connect(m_kinds, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            refresh();
    });
    connect(m_url, &QLineEdit::textChanged, this, &GatewaySettingsDialog::refresh);
    return group;
}

QGroupBox* GatewaySettingsDialog::buildTokenGroup() {
    m_tokenGroup = new QGroupBox(tr("Bot token (Discord and custom servers)"), this);
    auto* box = new QVBoxLayout(m_tokenGroup);
    auto* row = new QHBoxLayout;
    m_token = new QLineEdit(m_tokenGroup);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                                 Qt::ImhNoAutoUppercase);
    m_token->setPlaceholderText(tr("Paste the token from the Developer Portal"));
    m_showToken = new QToolButton(m_tokenGroup);
    m_showToken->setObjectName(QStringLiteral("tokenShow"));
    m_showToken->setCheckable(true);
    m_showToken->setText(tr("Show"));
    m_showToken->setToolTip(tr("Show or hide the token"));
    m_forgetToken = new QPushButton(tr("Forget"), m_tokenGroup);
    m_forgetToken->setObjectName(QStringLiteral("tokenForget"));
    m_forgetToken->setAutoDefault(false);
    m_forgetToken->setToolTip(tr("Remove the token from the keychain"));
    row->addWidget(m_token, 1);
    row->addWidget(m_showToken);
    row->addWidget(m_forgetToken);
    box->addLayout(row);
    m_storage = hint(QString(), m_tokenGroup);
    m_storage->setObjectName(QStringLiteral("tokenStorage"));
    box->addWidget(m_storage);

    connect(m_token, &QLineEdit::textEdited, this, [this] { m_tokenEdited = true; });
    connect(m_token, &QLineEdit::textChanged, this, &GatewaySettingsDialog::refresh);
    connect(m_showToken, &QToolButton::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_forgetToken, &QPushButton::clicked, this, [this] {
        m_tokens->save(QString());
        m_token->clear();
        m_tokenEdited = false;
        refresh();
    });
    return m_tokenGroup;
}

QGroupBox* GatewaySettingsDialog::buildIntentsGroup() {
    auto* group = new QGroupBox(tr("Intents (the events the bot receives)"), this);
    auto* box = new QVBoxLayout(group);
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(6);
    const auto all = gateway::IntentCatalog::all();
    const int rows = static_cast<int>((all.size() + kIntentColumns - 1) / kIntentColumns);
    int index = 0;
    for (const gateway::IntentInfo& info : all) {
        const QString name = QLatin1String(info.name);
        auto* cell = new QWidget(group);
        auto* line = new QHBoxLayout(cell);
        line->setContentsMargins(0, 0, 0, 0);
        line->setSpacing(6);
        auto* check = new QCheckBox(name, cell);
        check->setObjectName(QStringLiteral("intent.") + name);
        check->setToolTip(tr("%1 — 1 << %2 = %3\n%4%5")
                              .arg(name)
                              .arg(info.bitIndex())
                              .arg(info.bit)
                              .arg(QLatin1String(info.summary))
                              .arg(info.privileged ? tr("\nPrivileged: switch it on for the bot in the "
                                                        "Discord Developer Portal too.")
                                                   : QString()));
        line->addWidget(check);
        if (info.privileged)
            line->addWidget(privilegedBadge(cell));
        line->addStretch(1);
        line->addWidget(hint(QStringLiteral("1 << %1").arg(info.bitIndex()), cell, false));
        grid->addWidget(cell, index % rows, index / rows); // down the columns, in bit order
        m_intentBoxes.insert(info.bit, check);
        connect(check, &QCheckBox::toggled, this, &GatewaySettingsDialog::refresh);
        ++index;
    }
    box->addLayout(grid);

    auto* actions = new QHBoxLayout;
    auto* defaults = new QPushButton(tr("Studio Defaults"), group);
    auto* clear = new QPushButton(tr("Clear"), group);
    for (QPushButton* b : {defaults, clear})
        b->setAutoDefault(false);
    connect(defaults, &QPushButton::clicked, this, [this] { setIntents(GatewayTarget::kDefaultIntents); });
    connect(clear, &QPushButton::clicked, this, [this] { setIntents(0); });
    m_intentValue = new QLabel(group);
    m_intentValue->setObjectName(QStringLiteral("intentValue"));
    m_intentValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(defaults);
    actions->addWidget(clear);
    actions->addSpacing(12);
    actions->addWidget(hint(tr("Privileged intents must also be switched on for the bot in the Developer "
                               "Portal."),
                            group, false));
    actions->addStretch(1);
    actions->addWidget(m_intentValue);
    box->addSpacing(4);
    box->addLayout(actions);
    return group;
}

QGroupBox* GatewaySettingsDialog::buildConnectionGroup() {
    auto* group = new QGroupBox(tr("Connection"), this);
    auto* form = new QFormLayout(group);
    m_encoding = new QComboBox(group);
    m_encoding->setObjectName(QStringLiteral("encoding"));
    m_encoding->addItem(tr("JSON"), static_cast<int>(ShardConfig::Encoding::Json));
    m_encoding->addItem(tr("ETF (Erlang term format)"), static_cast<int>(ShardConfig::Encoding::Etf));
    m_compression = new QComboBox(group);
    m_compression->setObjectName(QStringLiteral("compression"));
    m_compression->addItem(tr("zlib-stream"), static_cast<int>(ShardConfig::Compression::ZlibStream));
    m_compression->addItem(tr("zstd-stream"), static_cast<int>(ShardConfig::Compression::ZstdStream));
    m_compression->addItem(tr("None"), static_cast<int>(ShardConfig::Compression::None));
    form->addRow(tr("Encoding:"), m_encoding);
    form->addRow(tr("Compression:"), m_compression);
    return group;
}

void GatewaySettingsDialog::setTarget(const GatewayTarget& target) {
    m_kinds->button(static_cast<int>(target.kind()))->setChecked(true);
    m_url->setText(target.customRestBase());
    setIntents(target.intents());
    m_encoding->setCurrentIndex(m_encoding->findData(static_cast<int>(target.encoding())));
    m_compression->setCurrentIndex(m_compression->findData(static_cast<int>(target.compression())));
    refresh();
}

void GatewaySettingsDialog::setIntents(quint32 intents) {
    for (auto it = m_intentBoxes.begin(); it != m_intentBoxes.end(); ++it) {
        const QSignalBlocker block(it.value());
        it.value()->setChecked((intents & it.key()) != 0);
    }
    refresh();
}

quint32 GatewaySettingsDialog::checkedIntents() const {
    quint32 intents = 0;
    for (auto it = m_intentBoxes.begin(); it != m_intentBoxes.end(); ++it)
        if (it.value()->isChecked())
            intents |= it.key();
    return intents;
}

GatewayTarget GatewaySettingsDialog::target() const {
    GatewayTarget target;
    target.setKind(static_cast<GatewayTarget::Kind>(std::max(0, m_kinds->checkedId())));
    target.setCustomRestBase(m_url->text().trimmed());
    target.setIntents(checkedIntents());
    target.setEncoding(static_cast<ShardConfig::Encoding>(m_encoding->currentData().toInt()));
    target.setCompression(static_cast<ShardConfig::Compression>(m_compression->currentData().toInt()));
    return target;
}

QString GatewaySettingsDialog::typedToken() const {
    return GatewayTarget::normalizedToken(m_token->text());
}

QString GatewaySettingsDialog::storageText() const {
    return m_storage->text();
}

GatewayTarget::Problems GatewaySettingsDialog::problems() const {
    const GatewayTarget current = target();
    GatewayTarget::Problems problems = current.validate();
    if (current.needsToken()) {
        if (!m_tokens->isLoaded() && !m_tokenEdited)
            problems.errors << tr("Reading the bot token from the keychain…");
        else if (const QString problem = GatewayTarget::tokenProblem(typedToken()); !problem.isEmpty())
            problems.errors << problem;
    }
    // Nothing shown here may quote the token, even if it was pasted into the URL field.
    const QString token = typedToken();
    if (token.size() >= 8)
        for (QStringList* list : {&problems.errors, &problems.warnings})
            list->replaceInStrings(token, QStringLiteral("•••"));
    return problems;
}

void GatewaySettingsDialog::fillTokenFromStore() {
    if (!m_tokenEdited)
        m_token->setText(m_tokens->token());
    refresh();
}

void GatewaySettingsDialog::refresh() {
    if (m_problems == nullptr || m_buttons == nullptr)
        return; // still building
    const GatewayTarget current = target();
    m_url->setEnabled(current.kind() == GatewayTarget::Kind::Custom);
    m_tokenGroup->setEnabled(current.needsToken());
    if (current.needsToken() && !m_tokens->isLoaded())
        m_tokens->load(); // a keychain read only when a token is needed; answered by fillTokenFromStore
    m_forgetToken->setEnabled(!m_tokens->token().isEmpty() || !m_token->text().isEmpty());

    m_storage->setText(m_tokens->isLoaded() ? m_tokens->storageDescription()
                                            : tr("Reading the token from the keychain…"));
    QPalette storagePalette = m_storage->palette();
    storagePalette.setColor(QPalette::WindowText, m_tokens->sessionOnly()
                                                      ? warningColor(this)
                                                      : palette().color(QPalette::PlaceholderText));
    m_storage->setPalette(storagePalette);
    const quint32 intents = checkedIntents();
    m_intentValue->setText(tr("Value: <b>%1</b> (0x%2)").arg(intents).arg(intents, 0, 16));

    const GatewayTarget::Problems found = problems();
    const QString error = errorColor(this).name();
    const QString warning = warningColor(this).name();
    QStringList lines;
    for (const QString& e : found.errors)
        lines << QStringLiteral("<span style='color:%1'>✖ %2</span>").arg(error, escaped(e));
    for (const QString& w : found.warnings)
        lines << QStringLiteral("<span style='color:%1'>⚠ %2</span>").arg(warning, escaped(w));
    if (m_tokens->sessionOnly() && current.needsToken())
        lines << QStringLiteral("<span style='color:%1'>⚠ %2</span>")
                     .arg(warning, escaped(tr("No keychain: the token will be forgotten when the studio "
                                              "quits.")));
    m_problems->setText(lines.join(QStringLiteral("<br>")));
    m_problems->setVisible(!lines.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(found.ok());
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(found.ok());
}

bool GatewaySettingsDialog::apply() {
    refresh();
    if (!problems().ok())
        return false;
    const GatewayTarget current = target();
    if (current.needsToken() && typedToken() != m_tokens->token())
        m_tokens->save(typedToken()); // in memory at once; the keychain answers later
    m_tokenEdited = false;
    Q_EMIT applied(current);
    return true;
}

} // namespace botwright::studio
