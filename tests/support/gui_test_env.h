#pragma once

#include <QString>

class QWidget;

namespace botwright::testing {

// GUI tests run in a private home: settings, documents and caches go to a temporary folder that is
// removed at exit, so a test never reads or changes the developer's own studio settings.
// Set up by the GUI test main before the QApplication exists.
QString isolatedHome();
void setUpIsolatedHome();

// Saves a screenshot of `widget` to build/test-artifacts/<name>.png and returns the path.
QString saveScreenshot(QWidget* widget, const QString& name);

} // namespace botwright::testing
