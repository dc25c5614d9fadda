// Discord classes whose instances scripts receive but that the SDK does not export by name (the
// Discord namespace does not re-export this file).
import { Attachment, ChannelType, Embed, IInviteGuild, InviteTargetType, MessageFlags, MessageType, User, UserMention } from "./discord_models";
import { IComponent } from "./discord_components";

/** The forwarded message's content inside a forward. */
export declare class MessageSnapshotFields {
    private constructor();
    attachments: Attachment[];
    components: IComponent[];
    content: string;
    editedTimestamp: number | null;
    embeds: Embed[];
    flags?: MessageFlags;
    kind: MessageType;
    mentions: UserMention[];
    mentionRoles: string[];
    timestamp: number;
}

/** A forwarded message. */
export declare class MessageSnapshot {
    private constructor();
    message: MessageSnapshotFields;
    /** The guild the message came from (defaults to the current guild). */
    guildId?: string;
}

/** An invite (returned by the invite functions; not exported by name). */
export declare class Invite {
    private constructor();
    code: string;
    channel: { id: string; name?: string; type: ChannelType } | null;
    guild?: IInviteGuild;
    inviter?: User;
    targetUser?: User;
    targetType?: InviteTargetType;
    approximateMemberCount?: number;
    approximatePresenceCount?: number;
    createdAt?: number;
    expiresAt?: number;
    maxAgeSeconds?: number;
    maxUses?: number;
    uses?: number;
    temporary?: boolean;
}

/** A custom emoji of the guild (returned by the emoji functions; not exported by name). */
export declare class CustomEmoji {
    private constructor();
    id: string;
    name: string;
    animated: boolean;
    available: boolean;
    managed: boolean;
    requireColons: boolean;
    /** Roles allowed to use the emoji, or `null` for everyone. */
    roles: string[] | null;
    createdByUserId: string | null;
    /** The emoji's message text. Quirk kept from Botloader: the result has the literal text `id`
     * (`<:NAME:id>`), not the emoji's id. */
    format(): string;
    /** The same quirky format for any emoji name. */
    static format(id: string, name?: string): string;
}
