#include "app/studio/command_form.h"

#include "app/studio/attachment_list.h"
#include "app/studio/chat_style.h"
#include "app/studio/sandbox_client.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

enum OptionType {
    SubCommand = 1,
    Group,
    String,
    Integer,
    Boolean,
    User,
    Channel,
    Role,
    Mentionable,
    Number,
    Attachment
};

constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kOptionsRole = Qt::UserRole + 2;

QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

} // namespace

CommandForm::CommandForm(SandboxClient* client, QWidget* parent)
    : QFrame(parent)
    , m_client(client)
    , m_title(new QLabel(this))
    , m_subcommand(new QComboBox(this))
    , m_form(new QFormLayout)
    , m_autocompleteTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("commandForm"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    auto* top = new QHBoxLayout;
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    top->addWidget(m_title, 1);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Esc)"));
    top->addWidget(close, 0, Qt::AlignTop);
    layout->addLayout(top);
    m_subcommand->setObjectName(QStringLiteral("subcommand"));
    layout->addWidget(m_subcommand);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_form);
    auto* bottom = new QHBoxLayout;
    auto* hint = new QLabel(tr("Enter sends · Esc closes · * required"), this);
    chat::setInk(hint, chat::muted(palette()));
    bottom->addWidget(hint, 1);
    auto* send = new PillButton(tr("Send"), chat::blurple(), Qt::white, this);
    send->setObjectName(QStringLiteral("sendCommand"));
    bottom->addWidget(send);
    layout->addLayout(bottom);
    m_autocompleteTimer->setSingleShot(true);
    m_autocompleteTimer->setInterval(250);

    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    connect(send, &QAbstractButton::clicked, this, &CommandForm::submit);
    connect(m_subcommand, &QComboBox::currentIndexChanged, this, &CommandForm::chooseSubcommand);
    connect(m_autocompleteTimer, &QTimer::timeout, this, [this] {
        for (const Field& f : m_fields)
            if (auto* edit = qobject_cast<QLineEdit*>(f.editor); edit && f.editor->hasFocus())
                askAutocomplete(f, edit->text());
    });
    connect(client, &SandboxClient::autocompleteResult, this,
            [this](const QString& id, const QJsonArray& choices) {
                if (id != m_pendingAutocomplete)
                    return;
                for (const Field& f : m_fields) {
                    auto* edit = qobject_cast<QLineEdit*>(f.editor);
                    if (!edit || !edit->completer())
                        continue;
                    QVariantMap values;
                    QStringList names;
                    for (const QJsonValue c : choices) {
                        names.append(str(c.toObject(), "name"));
                        values.insert(names.last(), c.toObject().value(QStringLiteral("value")).toVariant());
                    }
                    edit->setProperty("choices", values);
                    qobject_cast<QStringListModel*>(edit->completer()->model())->setStringList(names);
                    if (edit->hasFocus())
                        edit->completer()->complete();
                }
            });
}

void CommandForm::open(const QJsonObject& command, const QString& channelId) {
    m_command = command;
    m_channelId = channelId;
    m_title->setText(
        QStringLiteral("<b>/%1</b> — %2")
            .arg(str(command, "name").toHtmlEscaped(), str(command, "description").toHtmlEscaped()));
    m_subcommand->blockSignals(true);
    m_subcommand->clear();
    for (const QJsonValue v : command.value(QStringLiteral("options")).toArray()) {
        const QJsonObject o = v.toObject();
        const int type = o.value(QStringLiteral("type")).toInt();
        if (type == SubCommand) {
            m_subcommand->addItem(str(o, "name") + QStringLiteral(" — ") + str(o, "description"));
            m_subcommand->setItemData(m_subcommand->count() - 1, QStringList{str(o, "name")}, kPathRole);
            m_subcommand->setItemData(m_subcommand->count() - 1, o.value(QStringLiteral("options")).toArray(),
                                      kOptionsRole);
        } else if (type == Group) {
            for (const QJsonValue s : o.value(QStringLiteral("options")).toArray()) {
                const QJsonObject sub = s.toObject();
                m_subcommand->addItem(str(o, "name") + u' ' + str(sub, "name") + QStringLiteral(" — ") +
                                      str(sub, "description"));
                m_subcommand->setItemData(m_subcommand->count() - 1,
                                          QStringList{str(o, "name"), str(sub, "name")}, kPathRole);
                m_subcommand->setItemData(m_subcommand->count() - 1,
                                          sub.value(QStringLiteral("options")).toArray(), kOptionsRole);
            }
        }
    }
    m_subcommand->blockSignals(false);
    m_subcommand->setVisible(m_subcommand->count() > 0);
    if (m_subcommand->count() > 0) {
        m_subcommand->setCurrentIndex(0);
        chooseSubcommand(0);
    } else {
        m_path.clear();
        buildFields(command.value(QStringLiteral("options")).toArray());
    }
    show();
    if (!m_fields.isEmpty())
        m_fields.first().editor->setFocus();
}

void CommandForm::chooseSubcommand(int index) {
    m_path = m_subcommand->itemData(index, kPathRole).toStringList();
    buildFields(m_subcommand->itemData(index, kOptionsRole).toJsonArray());
}

QWidget* CommandForm::field(const QString& optionName) const {
    for (const Field& f : m_fields)
        if (str(f.option, "name") == optionName)
            return f.editor;
    return nullptr;
}

void CommandForm::buildFields(const QJsonArray& options) {
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    for (const QJsonValue v : options) {
        const QJsonObject o = v.toObject();
        QWidget* editor = makeEditor(o);
        editor->setObjectName(QStringLiteral("option-") + str(o, "name"));
        editor->setToolTip(str(o, "description"));
        const bool required = o.value(QStringLiteral("required")).toBool();
        m_form->addRow(str(o, "name") + (required ? QStringLiteral(" *") : QString()), editor);
        m_fields.append({o, editor});
    }
    if (options.isEmpty())
        m_form->addRow(new QLabel(tr("This command has no options."), this));
}

QWidget* CommandForm::makeEditor(const QJsonObject& option) {
    const int type = option.value(QStringLiteral("type")).toInt();
    const QString guildId =
        m_client->channel(m_channelId) ? m_client->channel(m_channelId)->guildId : QString();
    const SandboxGuild* guild = m_client->guild(guildId);
    const QJsonArray choices = option.value(QStringLiteral("choices")).toArray();
    const bool required = option.value(QStringLiteral("required")).toBool();
    if (!choices.isEmpty() || type == Boolean || type == User || type == Channel || type == Role ||
        type == Mentionable) {
        auto* combo = new QComboBox(this);
        if (!required || type == Boolean)
            combo->addItem(required ? tr("(choose)") : tr("(not set)"));
        for (const QJsonValue c : choices)
            combo->addItem(str(c.toObject(), "name"),
                           c.toObject().value(QStringLiteral("value")).toVariant());
        if (type == Boolean) {
            combo->addItem(tr("True"), true);
            combo->addItem(tr("False"), false);
        }
        if ((type == User || type == Mentionable) && guild)
            for (const QString& id : m_client->userIds())
                if (guild->members.contains(id))
                    combo->addItem(QStringLiteral("@") + m_client->displayName(id, guildId), id);
        if ((type == Role || type == Mentionable) && guild)
            for (const SandboxRole& r : guild->roles)
                combo->addItem(QStringLiteral("@") + r.name, r.id);
        if (type == Channel) {
            const QVariantList allowed =
                option.value(QStringLiteral("channel_types")).toArray().toVariantList();
            for (const SandboxChannel& c : m_client->channelsOf(guildId))
                if (allowed.isEmpty() ? c.type != 4 : allowed.contains(c.type))
                    combo->addItem(QStringLiteral("#") + c.name, c.id);
        }
        return combo;
    }
    if (type == Attachment)
        return makeFilePicker(option);
    if (type == SubCommand || type == Group)
        return new QLabel(tr("(not an option)"), this);
    auto* edit = new QLineEdit(this);
    edit->setPlaceholderText(str(option, "description"));
    if (type == Integer)
        edit->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?\\d{0,16}")), edit));
    if (type == Number)
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("-?\\d{0,16}(\\.\\d{0,16})?([eE][-+]?\\d{1,3})?")), edit));
    if (option.value(QStringLiteral("max_length")).isDouble())
        edit->setMaxLength(option.value(QStringLiteral("max_length")).toInt());
    if (option.value(QStringLiteral("autocomplete")).toBool()) {
        auto* completer = new QCompleter(new QStringListModel(edit), edit);
        completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
        edit->setCompleter(completer);
        connect(edit, &QLineEdit::textEdited, m_autocompleteTimer, qOverload<>(&QTimer::start));
    }
    connect(edit, &QLineEdit::returnPressed, this, [this, edit] {
        if (!edit->completer() || !edit->completer()->popup()->isVisible())
            submit();
    });
    return edit;
}

QWidget* CommandForm::makeFilePicker(const QJsonObject& option) {
    auto* picker = new QWidget(this);
    auto* row = new QHBoxLayout(picker);
    row->setContentsMargins(0, 0, 0, 0);
    auto* choose = new QPushButton(tr("Choose File…"), picker);
    choose->setObjectName(QStringLiteral("chooseFile"));
    row->addWidget(choose);
    auto* chosen = new QLabel(tr("No file chosen"), picker);
    chosen->setObjectName(QStringLiteral("chosenFile"));
    chat::setInk(chosen, chat::muted(palette()));
    row->addWidget(chosen, 1);
    const QString name = str(option, "name");
    connect(choose, &QPushButton::clicked, this, [this, name] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Attach a file to /%1").arg(str(m_command, "name")));
        if (!path.isEmpty())
            setAttachment(name, path);
    });
    return picker;
}

void CommandForm::setAttachment(const QString& optionName, const QString& path) {
    QWidget* picker = field(optionName);
    auto* chosen = picker ? picker->findChild<QLabel*>(QStringLiteral("chosenFile")) : nullptr;
    if (!chosen)
        return;
    picker->setProperty("path", path);
    const QFileInfo info(path);
    chosen->setText(path.isEmpty() ? tr("No file chosen")
                                   : QStringLiteral("%1 · %2").arg(info.fileName(),
                                                                   AttachmentList::sizeText(info.size())));
    chat::setInk(chosen, path.isEmpty() ? chat::muted(palette()) : palette().color(QPalette::WindowText));
}

QStringList CommandForm::attachmentPaths() const {
    QStringList out;
    for (const Field& f : m_fields)
        if (f.option.value(QStringLiteral("type")).toInt() == Attachment)
            if (const QString path = f.editor->property("path").toString(); !path.isEmpty())
                out.append(path);
    return out;
}

QJsonValue CommandForm::valueOf(const Field& field, bool* bad) const {
    *bad = false;
    const int type = field.option.value(QStringLiteral("type")).toInt();
    if (auto* combo = qobject_cast<QComboBox*>(field.editor)) {
        const QVariant chosen = combo->currentData();
        return chosen.isValid() ? QJsonValue::fromVariant(chosen) : QJsonValue(QJsonValue::Undefined);
    }
    auto* edit = qobject_cast<QLineEdit*>(field.editor);
    const QString text = edit ? edit->text().trimmed() : QString();
    if (text.isEmpty())
        return QJsonValue::Undefined;
    if (type == Integer) {
        const qint64 value = text.toLongLong(bad);
        *bad = !*bad;
        return QJsonValue(value);
    }
    if (type == Number) {
        const double value = text.toDouble(bad);
        *bad = !*bad;
        return QJsonValue(value);
    }
    const QVariantMap choices = edit->property("choices").toMap();
    return choices.contains(text) ? QJsonValue::fromVariant(choices.value(text)) : QJsonValue(text);
}

QJsonArray CommandForm::options(QString* error) const {
    QJsonArray out;
    int files = 0;
    for (const Field& f : m_fields) {
        bool bad = false;
        QJsonValue value = valueOf(f, &bad);
        if (f.option.value(QStringLiteral("type")).toInt() == Attachment &&
            !f.editor->property("path").toString().isEmpty())
            value = QString::number(files++); // the n of files[n]
        const QString name = str(f.option, "name");
        if (bad) {
            *error = tr("“%1” must be a number").arg(name);
            return {};
        }
        if (value.isUndefined()) {
            if (f.option.value(QStringLiteral("required")).toBool()) {
                *error = tr("“%1” is required").arg(name);
                return {};
            }
            continue;
        }
        out.append(QJsonObject{{QStringLiteral("name"), name},
                               {QStringLiteral("type"), f.option.value(QStringLiteral("type"))},
                               {QStringLiteral("value"), value}});
    }
    return wrap(out);
}

QJsonArray CommandForm::wrap(QJsonArray options) const {
    for (qsizetype i = m_path.size() - 1; i >= 0; --i) {
        QJsonObject level{{QStringLiteral("name"), m_path[i]},
                          {QStringLiteral("type"), i == m_path.size() - 1 ? SubCommand : Group}};
        if (!options.isEmpty())
            level.insert(QStringLiteral("options"), options);
        options = QJsonArray{level};
    }
    return options;
}

void CommandForm::askAutocomplete(const Field& field, const QString& typed) {
    QJsonArray options;
    for (const Field& f : m_fields) {
        bool bad = false;
        const QJsonValue value = f.editor == field.editor ? QJsonValue(typed) : valueOf(f, &bad);
        if (value.isUndefined() || bad)
            continue;
        QJsonObject o{{QStringLiteral("name"), f.option.value(QStringLiteral("name"))},
                      {QStringLiteral("type"), f.option.value(QStringLiteral("type"))},
                      {QStringLiteral("value"), value}};
        if (f.editor == field.editor)
            o.insert(QStringLiteral("focused"), true);
        options.append(o);
    }
    m_client->autocomplete(m_channelId, m_command, wrap(options), [this](const QJsonObject& reply) {
        m_pendingAutocomplete = reply.value(QStringLiteral("id")).toString();
    });
}

void CommandForm::submit() {
    QString error;
    const QJsonArray opts = options(&error);
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    m_client->runCommand(m_channelId, m_command, opts, attachmentPaths());
    hide();
    Q_EMIT sent();
}

void CommandForm::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        hide();
        Q_EMIT closed();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace botwright::studio
