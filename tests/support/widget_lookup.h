#pragma once
// Finding widgets the way a person does, by their visible text, in GUI tests.

#include "tests/support/qt_catch.h"

#include <QPushButton>
#include <QString>

namespace botwright::testing {

// The push button under `root` whose text is `text`; fails the test when there is none.
inline QPushButton* buttonNamed(QWidget* root, const QString& text) {
    for (QPushButton* b : root->findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    FAIL("no button " << text.toStdString());
    return nullptr;
}

} // namespace botwright::testing
