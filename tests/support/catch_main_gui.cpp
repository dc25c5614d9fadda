#define CATCH_CONFIG_RUNNER
#include "tests/support/gui_test_env.h"

#include <QApplication>
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
    botwright::testing::setUpIsolatedHome();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BotwrightTests"));
    QApplication::setApplicationName(QStringLiteral("Botwright Studio Tests"));
    QApplication::setStyle(QStringLiteral("Fusion"));
    return Catch::Session().run(argc, argv);
}
