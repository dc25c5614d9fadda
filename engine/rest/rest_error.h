#pragma once

#include <QByteArray>
#include <QString>

namespace botwright::rest {

// The host error class and message a failed Discord response becomes for scripts, following the
// Botloader error model (botloader-sdk.md §12): "DiscordNotFoundError" with
// "Discord.NotFoundError: 10008: Unknown Message", and so on.
struct RestError {
    QString errorClass; // empty: not an error
    QString message;

    bool isError() const { return !errorClass.isEmpty(); }

    // `body` is Discord's JSON error body ({code, message, errors?}); a body that is not JSON counts
    // as code 0 with its text (shortened) as the message. 2xx gives an empty RestError.
    static RestError fromResponse(int status, const QByteArray& body);
    // No HTTP response at all (connection refused, timeout, TLS): a plain Error, as Botloader's
    // host checks are. `what` says what failed; `route` is the request's route key.
    static RestError network(const QString& what, const QString& route);
};

} // namespace botwright::rest
