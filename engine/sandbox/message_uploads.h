#pragma once

#include "engine/sandbox/attachment_store.h"
#include "engine/sandbox/message_validation.h"
#include "engine/sandbox/multipart_body.h"
#include "engine/sandbox/rest_types.h"

#include <QJsonArray>
#include <QJsonObject>

#include <map>
#include <optional>
#include <vector>

// File uploads (discord-protocol.md §3.1: multipart/form-data with a `payload_json` part and
// `files[n]` parts, `attachments[].id` = n) for the message routes, and the URLs that serve them.
namespace botwright::sandbox {

// Reads a multipart request: its files become `uploads` (by n of `files[n]`; the legacy `file` is
// 0 and `fileN` is N), and its `payload_json` (or, without one, its text fields as strings) becomes
// the JSON body, so routes read it with bodyObject() as usual. Throws 413 40005 past the request
// limit or a file past the attachment size limit, 400 50035 for a malformed body or more than 10 files.
void readMultipart(RestRequest& request, std::map<int, MultipartPart>& uploads,
                   const SandboxOptions& options);

// `fields` (a message create or edit body) with an `attachments` entry for every uploaded file it
// does not list, as Discord accepts files without one. An edit that sends files but no
// `attachments` keeps the message's `existing` attachments.
QJsonObject withUploadEntries(const RestContext& ctx, QJsonObject fields,
                              const QJsonArray* existing = nullptr);

// The message's attachment objects for the `requested` entries: an id naming an uploaded file
// (files[n]) makes a new attachment whose bytes are appended to `files` for the World to store; an
// id of one of `existing` keeps that attachment (a new `description` replaces its old one). Any
// other id is 400 50035 at attachments.<i>.id. Attachments of ephemeral messages are marked so.
QJsonArray buildAttachments(RestContext& ctx, Snowflake channelId, const QJsonArray& requested,
                            const QJsonArray& existing, bool ephemeral, std::vector<StoredFile>& files);

// parseMessageCreate / parseMessageEdit of `fields` with the request's uploads made into attachments
// (the World stores their bytes with the message; nothing is stored if the request fails first).
World::MessageDraft parseCreateWithUploads(RestContext& ctx, Snowflake channelId, const QJsonObject& fields,
                                           MessageSource source);
World::MessageEdit parseEditWithUploads(RestContext& ctx, const Message& message, const QJsonObject& fields);

// A type-2 interaction's ATTACHMENT options (value = the n of files[n], `data.attachments` naming the
// files): each upload is stored as an ephemeral attachment and the option's value becomes its id.
// Returns `{attachments: {id: attachment}}` for the interaction's `resolved` (empty when none).
QJsonObject resolveAttachmentOptions(RestContext& ctx, Snowflake channelId, QJsonObject& data);

// GET/HEAD /attachments/{channel}/{attachment}/{filename} (and /media/attachments/…, the proxy URL):
// the stored bytes with their content type; nullopt when `path` is no attachment path.
std::optional<RestResponse> serveAttachment(const World& world, const QByteArray& method,
                                            const QString& path);

// `/attachments/{channel}/{attachment}/{filename}` on the sandbox's public base URL.
QString attachmentUrl(const QString& publicBaseUrl, Snowflake channelId, Snowflake attachmentId,
                      const QString& filename, bool proxy);

} // namespace botwright::sandbox
