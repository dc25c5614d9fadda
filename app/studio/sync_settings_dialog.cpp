#include "app/studio/sync_settings_dialog.h"

#include "app/studio/token_store.h"
#include "engine/exporting/botloader_api_client.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace botwright::studio {

SyncSettingsDialog::SyncSettingsDialog(const QString& apiBase, TokenStore* keys, QWidget* parent)
    : QDialog(parent)
    , m_keys(keys)
    , m_base(new QLineEdit(apiBase, this))
    , m_key(new QLineEdit(this))
    , m_show(new QToolButton(this))
    , m_storage(new QLabel(this))
    , m_problem(new QLabel(this)) {
    setObjectName(QStringLiteral("syncSettingsDialog"));
    setWindowTitle(tr("Sync Settings"));
    resize(560, 0);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_base->setObjectName(QStringLiteral("apiBase"));
    m_base->setPlaceholderText(exporting::BotloaderApiClient::defaultBaseUrl());
    form->addRow(tr("API address:"), m_base);
    m_key->setObjectName(QStringLiteral("apiKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Paste the key from botloader.io ▸ user settings"));
    m_show->setText(tr("Show"));
    m_show->setCheckable(true);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_show);
    form->addRow(tr("API key:"), keyRow);
    layout->addLayout(form);
    m_storage->setObjectName(QStringLiteral("keyStorage"));
    m_storage->setWordWrap(true);
    layout->addWidget(m_storage);
    m_problem->setObjectName(QStringLiteral("syncSettingsProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_show, &QToolButton::toggled, this,
            [this](bool on) { m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_base, &QLineEdit::textChanged, this, [this] { refresh(); });
    connect(m_key, &QLineEdit::textEdited, this, [this] {
        m_keyEdited = true;
        refresh();
    });
    const auto fill = [this] {
        if (!m_keyEdited)
            m_key->setText(m_keys->token());
        m_storage->setText(m_keys->storageDescription());
        refresh();
    };
    connect(m_keys, &TokenStore::loaded, this, fill);
    connect(m_keys, &TokenStore::storageChanged, this,
            [this] { m_storage->setText(m_keys->storageDescription()); });
    if (m_keys->isLoaded())
        fill();
    else
        m_keys->load();
    m_storage->setText(m_keys->storageDescription());
    refresh();
}

QString SyncSettingsDialog::apiBase() const {
    const QString typed = m_base->text().trimmed();
    return exporting::BotloaderApiClient::normalizedBaseUrl(typed.isEmpty() ? m_base->placeholderText()
                                                                            : typed);
}

QString SyncSettingsDialog::typedKey() const {
    return m_key->text().trimmed();
}

QString SyncSettingsDialog::problem() const {
    if (const QString why = exporting::BotloaderApiClient::checkBaseUrl(apiBase()); !why.isEmpty())
        return why;
    if (typedKey().contains(u' '))
        return tr("the API key has spaces in it; paste it again");
    return {};
}

void SyncSettingsDialog::refresh() {
    QString text = problem();
    const QUrl url(apiBase());
    const bool loopback = url.host() == QLatin1String("127.0.0.1") ||
                          url.host() == QLatin1String("localhost") || url.host() == QLatin1String("::1");
    if (text.isEmpty() && url.scheme() == QLatin1String("http") && !loopback)
        text = tr("Warning: over plain http the API key travels unencrypted.");
    m_problem->setText(text);
    m_ok->setEnabled(problem().isEmpty());
}

bool SyncSettingsDialog::apply() {
    if (!problem().isEmpty()) {
        refresh();
        return false;
    }
    if (m_keyEdited || typedKey() != m_keys->token())
        m_keys->save(typedKey());
    Q_EMIT applied(apiBase());
    return true;
}

} // namespace botwright::studio
