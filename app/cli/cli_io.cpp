#include "app/cli/cli_io.h"

namespace botwright::cli {

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err() {
    static QTextStream stream(stderr);
    return stream;
}

int parse(QCommandLineParser& parser, const QString& name, const QStringList& arguments, int minPositional) {
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("botwright-cli ") + name} + arguments)) {
        err() << parser.errorText() << "\n" << parser.helpText();
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() < minPositional) {
        err() << parser.helpText();
        return 2;
    }
    return -1;
}

} // namespace botwright::cli
