#include "app/studio/problems_dock.h"

#include "editor/problems_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeView>

namespace botwright::studio {

using editor::ProblemsModel;

ProblemsDock::ProblemsDock(ProblemsModel* model, QWidget* parent)
    : QDockWidget(tr("Problems"), parent)
    , m_model(model)
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(tr("No problems in the project's scripts."), this)) {
    setObjectName(QStringLiteral("problemsDock"));
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProblemsModel::SeverityColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ProblemsModel::FileColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ProblemsModel::PositionColumn, QHeaderView::ResizeToContents);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    auto* stack = new QStackedWidget(this);
    stack->addWidget(m_empty);
    stack->addWidget(m_view);
    setWidget(stack);

    const auto activate = [this](const QModelIndex& index) {
        if (!index.isValid())
            return;
        Q_EMIT problemActivated(index.data(ProblemsModel::PathRole).toString(),
                                index.data(ProblemsModel::LineRole).toInt(),
                                index.data(ProblemsModel::ColumnRole).toInt());
    };
    connect(m_view, &QTreeView::activated, this, activate);
    connect(m_view, &QTreeView::clicked, this, activate);
    connect(m_model, &ProblemsModel::countsChanged, this, [this, stack] {
        stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget*>(m_view) : m_empty);
        updateTitle();
    });
    updateTitle();
}

QString ProblemsDock::summary() const {
    const int errors = m_model->errorCount();
    const int warnings = m_model->warningCount();
    if (errors == 0 && warnings == 0)
        return tr("Problems");
    return tr("Problems (%1, %2)")
        .arg(errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors),
             warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
}

void ProblemsDock::updateTitle() {
    setWindowTitle(summary());
}

} // namespace botwright::studio
