#include "app/studio/payload_edit_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {
// Line and column (1-based) of a byte offset in UTF-8 text.
std::pair<int, int> lineColumn(const QByteArray& text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}
} // namespace

PayloadEditDialog::PayloadEditDialog(const QString& title, const QString& hint, const QByteArray& json,
                                     QWidget* parent)
    : QDialog(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("payloadEditDialog"));
    setWindowTitle(title);
    resize(640, 560);
    auto* layout = new QVBoxLayout(this);
    auto* hintLabel = new QLabel(hint, this);
    hintLabel->setWordWrap(true);
    layout->addWidget(hintLabel);
    m_editor->setObjectName(QStringLiteral("payloadEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabChangesFocus(false);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    m_editor->setPlainText(doc.isNull() ? QString::fromUtf8(json)
                                        : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    layout->addWidget(m_editor, 1);
    m_status->setObjectName(QStringLiteral("payloadStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* format = m_buttons->addButton(tr("Format"), QDialogButtonBox::ActionRole);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    layout->addWidget(m_buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &PayloadEditDialog::validate);
    connect(format, &QPushButton::clicked, this, [this] {
        const QJsonDocument d = QJsonDocument::fromJson(m_editor->toPlainText().toUtf8());
        if (!d.isNull())
            m_editor->setPlainText(QString::fromUtf8(d.toJson(QJsonDocument::Indented)));
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_valid)
            Q_EMIT applyRequested(this->json());
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QByteArray PayloadEditDialog::json() const {
    if (!m_valid)
        return {};
    return QJsonDocument::fromJson(m_editor->toPlainText().toUtf8()).toJson(QJsonDocument::Compact);
}

void PayloadEditDialog::validate() {
    const QByteArray text = m_editor->toPlainText().toUtf8();
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    m_valid = error.error == QJsonParseError::NoError && doc.isObject();
    if (m_valid) {
        m_status->setText(tr("<span style='color:#2E7D32'>✓ valid JSON object</span>"));
    } else if (error.error == QJsonParseError::NoError) {
        m_status->setText(tr("<span style='color:#C62828'>The payload must be a JSON object.</span>"));
    } else {
        const auto [line, column] = lineColumn(text, error.offset);
        m_status->setText(
            QStringLiteral("<span style='color:#C62828'>%1</span>")
                .arg(tr("Line %1, column %2: %3").arg(line).arg(column).arg(error.errorString())));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

void PayloadEditDialog::showRefusal(const QString& error) {
    m_status->setText(QStringLiteral("<span style='color:#C62828'>%1</span>")
                          .arg(tr("Not applied: %1").arg(error.toHtmlEscaped())));
}

} // namespace botwright::studio
