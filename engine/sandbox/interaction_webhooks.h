#pragma once

#include "engine/sandbox/rest_types.h"

// Interaction follow-ups and original responses share the /webhooks/{id}/{token} paths with
// ordinary webhooks; the webhook routes hand a request here when {id} is the application and
// {token} an interaction token.
namespace botwright::sandbox {

bool isInteractionWebhook(const RestContext& ctx);
// POST /webhooks/{application_id}/{token}: a follow-up message.
RestResponse interactionFollowup(RestContext& ctx);
// GET/PATCH/DELETE /webhooks/{application_id}/{token}/messages/{message_id | @original}.
RestResponse interactionMessage(RestContext& ctx, const QByteArray& method);

} // namespace botwright::sandbox
