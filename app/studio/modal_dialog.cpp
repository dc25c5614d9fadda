#include "app/studio/modal_dialog.h"

#include "app/studio/chat_style.h"
#include "app/studio/sandbox_client.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

} // namespace

ModalDialog::ModalDialog(SandboxClient* client, const QJsonObject& event, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_event(event)
    , m_body(new QWidget(this))
    , m_error(new QLabel(this)) {
    setObjectName(QStringLiteral("sandboxModal"));
    setAttribute(Qt::WA_DeleteOnClose);
    const QJsonObject modal = event.value(QStringLiteral("modal")).toObject();
    const QString who = client->displayName(userId(), {});
    setWindowTitle(tr("%1 — shown to %2").arg(str(modal, "title"), who));
    setMinimumWidth(440);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(QStringLiteral("<span style=\"font-size:large\"><b>%1</b></span>")
                                 .arg(str(modal, "title").toHtmlEscaped()),
                             this);
    layout->addWidget(title);
    auto* note =
        new QLabel(tr("The bot opened this for %1; Submit sends it as %1.").arg(who.toHtmlEscaped()), this);
    chat::setInk(note, chat::muted(palette()));
    layout->addWidget(note);
    auto* body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 8, 0, 8);
    layout->addWidget(m_body);

    for (const QJsonValue v : modal.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        const int type = c.value(QStringLiteral("type")).toInt();
        if (type == 1) {
            for (const QJsonValue child : c.value(QStringLiteral("components")).toArray())
                addInput(child.toObject(), str(child.toObject(), "label"), {}, 1, 0);
        } else if (type == 18) {
            addInput(c.value(QStringLiteral("component")).toObject(), str(c, "label"), str(c, "description"),
                     18, c.value(QStringLiteral("id")).toInt());
        } else if (type == 10) {
            auto* text = new QLabel(chat::richText(client, {}, str(c, "content"), palette()), m_body);
            text->setWordWrap(true);
            body->addWidget(text);
        }
    }
    m_error->setObjectName(QStringLiteral("modalError"));
    chat::setInk(m_error, QColor(0xDA, 0x37, 0x3C));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* submitButton = buttons->addButton(tr("Submit"), QDialogButtonBox::AcceptRole);
    submitButton->setObjectName(QStringLiteral("submitModal"));
    submitButton->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ModalDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ModalDialog::customId() const {
    return str(m_event.value(QStringLiteral("modal")).toObject(), "custom_id");
}

void ModalDialog::addInput(const QJsonObject& component, const QString& label, const QString& description,
                           int wrapper, int wrapperId) {
    auto* layout = qobject_cast<QVBoxLayout*>(m_body->layout());
    Input input;
    input.customId = str(component, "custom_id");
    input.label = label;
    input.type = component.value(QStringLiteral("type")).toInt();
    input.wrapper = wrapper;
    input.wrapperId = wrapperId;
    input.minLength = component.value(QStringLiteral("min_length")).toInt();
    input.required = component.value(QStringLiteral("required")).toBool(true);
    auto* caption = new QLabel(
        QStringLiteral("<b>%1</b>%2")
            .arg(label.toHtmlEscaped(),
                 input.required ? QStringLiteral(" <span style=\"color:#da373c\">*</span>") : QString()),
        m_body);
    layout->addWidget(caption);
    if (!description.isEmpty()) {
        auto* text = new QLabel(description.toHtmlEscaped(), m_body);
        text->setWordWrap(true);
        chat::setInk(text, chat::muted(palette()));
        layout->addWidget(text);
    }
    const int maxLength = component.value(QStringLiteral("max_length")).toInt(4000);
    if (input.type == 4 && component.value(QStringLiteral("style")).toInt(1) == 2) {
        auto* edit = new QPlainTextEdit(m_body);
        edit->setPlaceholderText(str(component, "placeholder"));
        edit->setPlainText(str(component, "value"));
        edit->setFixedHeight(96);
        input.editor = edit;
    } else if (input.type == 4) {
        auto* edit = new QLineEdit(m_body);
        edit->setPlaceholderText(str(component, "placeholder"));
        edit->setText(str(component, "value"));
        edit->setMaxLength(maxLength);
        input.editor = edit;
    } else if (component.value(QStringLiteral("max_values")).toInt(1) > 1) {
        auto* list = new QListWidget(m_body);
        for (const QJsonValue o : component.value(QStringLiteral("options")).toArray()) {
            auto* item = new QListWidgetItem(str(o.toObject(), "label"), list);
            item->setData(Qt::UserRole, str(o.toObject(), "value"));
            item->setCheckState(o.toObject().value(QStringLiteral("default")).toBool() ? Qt::Checked
                                                                                       : Qt::Unchecked);
        }
        list->setFixedHeight(110);
        input.editor = list;
    } else {
        auto* combo = new QComboBox(m_body);
        combo->setPlaceholderText(str(component, "placeholder"));
        for (const QJsonValue o : component.value(QStringLiteral("options")).toArray())
            combo->addItem(str(o.toObject(), "label"), str(o.toObject(), "value"));
        combo->setCurrentIndex(-1);
        input.editor = combo;
    }
    input.editor->setObjectName(QStringLiteral("input-") + input.customId);
    input.editor->setProperty("maxLength", maxLength);
    layout->addWidget(input.editor);
    m_inputs.append(input);
}

QWidget* ModalDialog::input(const QString& customId) const {
    for (const Input& i : m_inputs)
        if (i.customId == customId)
            return i.editor;
    return nullptr;
}

QJsonObject ModalDialog::valueOf(const Input& input, QString* error) const {
    QJsonObject out{{QStringLiteral("type"), input.type}, {QStringLiteral("custom_id"), input.customId}};
    if (input.type == 4) {
        QString text;
        if (auto* line = qobject_cast<QLineEdit*>(input.editor))
            text = line->text();
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(input.editor))
            text = plain->toPlainText();
        const int maxLength = input.editor->property("maxLength").toInt();
        if (input.required && text.trimmed().isEmpty())
            *error = tr("“%1” is required").arg(input.label);
        else if (!text.isEmpty() && text.size() < input.minLength)
            *error = tr("“%1” needs at least %2 characters").arg(input.label).arg(input.minLength);
        else if (text.size() > maxLength)
            *error = tr("“%1” takes at most %2 characters").arg(input.label).arg(maxLength);
        out.insert(QStringLiteral("value"), text);
        return out;
    }
    QStringList values;
    if (auto* combo = qobject_cast<QComboBox*>(input.editor); combo && combo->currentIndex() >= 0)
        values.append(combo->currentData().toString());
    if (auto* list = qobject_cast<QListWidget*>(input.editor))
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked)
                values.append(list->item(i)->data(Qt::UserRole).toString());
    if (input.required && values.isEmpty())
        *error = tr("Choose something for “%1”").arg(input.label);
    out.insert(QStringLiteral("values"), QJsonArray::fromStringList(values));
    return out;
}

QJsonArray ModalDialog::components(QString* error) const {
    QJsonArray out;
    for (const Input& input : m_inputs) {
        const QJsonObject value = valueOf(input, error);
        if (!error->isEmpty())
            return {};
        if (input.wrapper == 18) {
            QJsonObject label{{QStringLiteral("type"), 18}, {QStringLiteral("component"), value}};
            if (input.wrapperId)
                label.insert(QStringLiteral("id"), input.wrapperId);
            out.append(label);
        } else {
            out.append(
                QJsonObject{{QStringLiteral("type"), 1}, {QStringLiteral("components"), QJsonArray{value}}});
        }
    }
    return out;
}

void ModalDialog::submit() {
    QString error;
    const QJsonArray values = components(&error);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    const QString messageId = m_event.value(QStringLiteral("message_id")).toString();
    m_client->submitModal(userId(), m_event.value(QStringLiteral("channel_id")).toString(), messageId,
                          customId(), values);
    accept();
}

} // namespace botwright::studio
