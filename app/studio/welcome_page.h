#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace botwright::studio {

// Shown in place of the editor tabs when no script is open: what to do next, one click away.
class WelcomePage final : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setProjectName(const QString& name); // empty: no project open

Q_SIGNALS:
    void openProjectRequested();
    void newProjectRequested();
    void openExampleRequested();
    void newScriptRequested();

private:
    QLabel* m_headline;
    QPushButton* m_newScript;
};

} // namespace botwright::studio
