#pragma once

#include <QFrame>
#include <QJsonArray>
#include <QJsonObject>

class QComboBox;
class QFormLayout;
class QKeyEvent;
class QLabel;
class QTimer;

namespace botwright::studio {

class SandboxClient;

// The slash-command form above the composer: one field per option of the chosen command (or of
// its chosen subcommand) — text, integer, number, true/false, user, channel, role, mentionable,
// choices as a list, autocomplete asking the bot as one types — sent as a type-2 interaction.
class CommandForm final : public QFrame {
    Q_OBJECT
public:
    explicit CommandForm(SandboxClient* client, QWidget* parent = nullptr);

    void open(const QJsonObject& command, const QString& channelId);
    QJsonObject command() const { return m_command; }
    QWidget* field(const QString& optionName) const; // the editor of one option, for tests
    // The interaction's `options`; on a missing or bad value sets `error` and returns nothing.
    // Attachment options carry "0", "1", … naming attachmentPaths() in order.
    QJsonArray options(QString* error) const;
    QStringList attachmentPaths() const;
    // Chooses the file of an attachment option (what its "Choose File…" button does).
    void setAttachment(const QString& optionName, const QString& path);
    void submit();

Q_SIGNALS:
    void sent();
    void closed();
    void failed(const QString& message);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Field {
        QJsonObject option;
        QWidget* editor = nullptr;
    };
    void chooseSubcommand(int index);
    void buildFields(const QJsonArray& options);
    QWidget* makeEditor(const QJsonObject& option);
    QWidget* makeFilePicker(const QJsonObject& option);
    QJsonValue valueOf(const Field& field, bool* bad) const;
    QJsonArray wrap(QJsonArray options) const; // nests leaf options inside the chosen subcommand
    void askAutocomplete(const Field& field, const QString& typed);

    SandboxClient* m_client;
    QLabel* m_title;
    QComboBox* m_subcommand;
    QFormLayout* m_form;
    QTimer* m_autocompleteTimer;
    QJsonObject m_command;
    QString m_channelId;
    QList<Field> m_fields;
    QStringList m_path; // chosen [group,] subcommand
    QString m_pendingAutocomplete;
};

} // namespace botwright::studio
