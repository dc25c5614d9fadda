#pragma once

#include "engine/rest/multipart_writer.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Attachments crossing the op boundary (docs/vm-protocol.md "Binary data"): the SDK normalises
// CreateAttachment to {id, filename, description, dataB64} (botloader-sdk.md §8.12) inside the Discord
// JSON body of a message op; the host turns them into multipart uploads.
namespace botwright::runtime {

struct OpUploads {
    QByteArray jsonBody;         // the body with each attachment as {id, filename, description?}
    QList<rest::RestFile> files; // files[id] parts
    QString error;               // why the attachments cannot be sent (bad base64, a missing id, …)
};

// Finds attachments with `dataB64` at `attachments`, `data.attachments` (interaction callbacks) and
// `message.attachments` (forum posts) of a JSON body. A body without any comes back unchanged.
OpUploads splitUploads(const QByteArray& jsonBody);

// Op arguments as a trace keeps them: every `dataB64` longer than 64 characters replaced by a note of
// its size, so the trace ring does not hold uploaded files.
QByteArray argsForTrace(const QByteArray& argsJson);

} // namespace botwright::runtime
