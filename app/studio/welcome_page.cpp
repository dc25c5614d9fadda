#include "app/studio/welcome_page.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace botwright::studio {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
    , m_newScript(new QPushButton(tr("New Script…"), this)) {
    setObjectName(QStringLiteral("welcomePage"));
    auto* title = new QLabel(tr("Botwright Studio"), this);
    QFont big = title->font();
    big.setPointSize(big.pointSize() + 8);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    m_headline->setAlignment(Qt::AlignCenter);
    m_headline->setWordWrap(true);

    auto* openProject = new QPushButton(tr("Open Project…"), this);
    auto* newProject = new QPushButton(tr("New Project…"), this);
    auto* openExample = new QPushButton(tr("Open the Example Project"), this);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addWidget(m_headline);
    layout->addSpacing(16);
    for (QPushButton* button : {m_newScript, openProject, newProject, openExample}) {
        button->setMinimumWidth(260);
        layout->addWidget(button, 0, Qt::AlignHCenter);
    }
    layout->addStretch(3);

    connect(openProject, &QPushButton::clicked, this, &WelcomePage::openProjectRequested);
    connect(newProject, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
    connect(openExample, &QPushButton::clicked, this, &WelcomePage::openExampleRequested);
    connect(m_newScript, &QPushButton::clicked, this, &WelcomePage::newScriptRequested);
    setProjectName({});
}

void WelcomePage::setProjectName(const QString& name) {
    m_newScript->setVisible(!name.isEmpty());
    m_headline->setText(
        name.isEmpty()
            ? tr("Open a project folder of TypeScript scripts, or start from the example.")
            : tr("Project %1 is open. Pick a script in the Project dock, or create one.").arg(name));
}

} // namespace botwright::studio
