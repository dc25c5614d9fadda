#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace botwright::studio {

// Edit payload… for a paused event: the JSON the next stage will get, pretty-printed in a
// monospace editor, checked as it is typed (the error says line and column). Apply (only when
// valid) asks for the edit with applyRequested(); whoever applies it closes the dialog with accept()
// or keeps it open with showRefusal().
class PayloadEditDialog final : public QDialog {
    Q_OBJECT
public:
    PayloadEditDialog(const QString& title, const QString& hint, const QByteArray& json,
                      QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_editor; }
    QLabel* status() const { return m_status; }
    // The edited JSON, compact; empty while it is not valid.
    QByteArray json() const;
    bool isValid() const { return m_valid; }
    // Shows why the pipeline refused the payload (the dialog stays open).
    void showRefusal(const QString& error);

Q_SIGNALS:
    void applyRequested(const QByteArray& json);

private:
    void validate();

    QPlainTextEdit* m_editor;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    bool m_valid = false;
};

} // namespace botwright::studio
