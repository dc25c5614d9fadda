#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QLabel;

namespace botwright::studio {

class SandboxClient;

// A modal the bot opened (SANDBOX_MODAL): its text inputs — in action rows, or wrapped in labels
// (type 18) together with selects — shown to the person it targets and, on Submit, sent as that
// person's type-5 MODAL_SUBMIT interaction. Cancel sends nothing, as in Discord.
class ModalDialog final : public QDialog {
    Q_OBJECT
public:
    ModalDialog(SandboxClient* client, const QJsonObject& event, QWidget* parent = nullptr);

    QString interactionId() const { return m_event.value(QStringLiteral("interaction_id")).toString(); }
    QString userId() const { return m_event.value(QStringLiteral("user_id")).toString(); }
    QString customId() const;
    QWidget* input(const QString& customId) const; // the editor of one component, for tests
    // The submission's `components`; on a missing or short value sets `error` and returns nothing.
    QJsonArray components(QString* error) const;
    void submit();

private:
    struct Input {
        QString customId;
        QString label;
        int type = 4;      // 4 text input, 3/5–8 selects
        int wrapper = 1;   // 1 action row (legacy) or 18 label
        int wrapperId = 0; // the label's `id`, echoed back
        int minLength = 0;
        bool required = true;
        QWidget* editor = nullptr;
    };
    void addInput(const QJsonObject& component, const QString& label, const QString& description, int wrapper,
                  int wrapperId);
    QJsonObject valueOf(const Input& input, QString* error) const;

    SandboxClient* m_client;
    QJsonObject m_event;
    QList<Input> m_inputs;
    QWidget* m_body;
    QLabel* m_error;
};

} // namespace botwright::studio
