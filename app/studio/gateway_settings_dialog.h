#pragma once

#include "engine/gateway/gateway_target.h"

#include <QDialog>
#include <QHash>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QToolButton;

namespace botwright::studio {

class TokenStore;

// Settings ▸ Gateway: where the studio's own bot connects (the local sandbox, Discord, or a custom
// server's REST base), the bot token for Discord and custom servers (a password field kept in the
// TokenStore, i.e. the system keychain), the intents as one checkbox per Discord intent (privileged
// ones marked) and the encoding and compression. Apply (or OK) saves the token to the store and
// emits applied(); the main window then reconnects the bot. Problems are shown as they are typed;
// Apply stays disabled while there are errors.
class GatewaySettingsDialog final : public QDialog {
    Q_OBJECT
public:
    GatewaySettingsDialog(const gateway::GatewayTarget& target, TokenStore* tokens,
                          QWidget* parent = nullptr);

    // The target as the widgets describe it now.
    gateway::GatewayTarget target() const;
    // Errors and warnings for the current widgets, the token included.
    gateway::GatewayTarget::Problems problems() const;
    QCheckBox* intentBox(quint32 bit) const { return m_intentBoxes.value(bit); }
    QString storageText() const;

    // Saves the token (when it changed) and emits applied(); false, with the problems shown, when
    // the settings have errors.
    bool apply();

Q_SIGNALS:
    void applied(const botwright::gateway::GatewayTarget& target);

private:
    QGroupBox* buildTargetGroup();
    QGroupBox* buildTokenGroup();
    QGroupBox* buildIntentsGroup();
    QGroupBox* buildConnectionGroup();
    void setTarget(const gateway::GatewayTarget& target);
    void setIntents(quint32 intents);
    quint32 checkedIntents() const;
    QString typedToken() const;
    void fillTokenFromStore();
    void refresh(); // enabled states, intent value, problems, buttons

    TokenStore* m_tokens;
    QButtonGroup* m_kinds = nullptr;
    QRadioButton* m_sandbox = nullptr;
    QRadioButton* m_discord = nullptr;
    QRadioButton* m_custom = nullptr;
    QLineEdit* m_url = nullptr;
    QGroupBox* m_tokenGroup = nullptr;
    QLineEdit* m_token = nullptr;
    QToolButton* m_showToken = nullptr;
    QPushButton* m_forgetToken = nullptr;
    QLabel* m_storage = nullptr;
    QHash<quint32, QCheckBox*> m_intentBoxes;
    QLabel* m_intentValue = nullptr;
    QComboBox* m_encoding = nullptr;
    QComboBox* m_compression = nullptr;
    QLabel* m_problems = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_tokenEdited = false; // the person typed: a late keychain answer must not overwrite it
};

} // namespace botwright::studio
