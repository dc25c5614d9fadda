#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace botwright::studio {

class TokenStore;

// Sync ▸ Settings: the API base (https://api.botloader.io, or any server that speaks Botloader's
// web API) and the API key, a password field kept in the TokenStore (the system keychain; never the
// settings file). Apply saves both and emits applied().
class SyncSettingsDialog final : public QDialog {
    Q_OBJECT
public:
    SyncSettingsDialog(const QString& apiBase, TokenStore* keys, QWidget* parent = nullptr);

    QString apiBase() const;
    QString typedKey() const;
    QString problem() const; // empty when Apply may save
    bool apply();

    QLineEdit* baseEdit() const { return m_base; }
    QLineEdit* keyEdit() const { return m_key; }

Q_SIGNALS:
    void applied(const QString& apiBase);

private:
    void refresh();

    TokenStore* m_keys;
    QLineEdit* m_base;
    QLineEdit* m_key;
    QToolButton* m_show;
    QLabel* m_storage;
    QLabel* m_problem;
    QPushButton* m_ok;
    bool m_keyEdited = false;
};

} // namespace botwright::studio
