// The `Commands` builders (botloader-sdk.md §4.1): slash, user and message commands, option types and
// groups. `build(cb)` produces the raw Command; a script's builder also registers it.
import { Permissions } from "/discord/permissions";

const permissionsText = (p) => Permissions.resolve(p).toString();

export class Group {
    constructor(name, description, parent) {
        this.name = name;
        this.description = description;
        this.subGroups = [];
        if (parent !== undefined) this.parent = parent;
    }
    subGroup(name, description) {
        if (this.parent !== undefined) throw "cant make sub groups of sub groups";
        const group = new Group(name, description, this);
        this.subGroups.push(group);
        return group;
    }
    setDefaultMemberPermissions(permissions) {
        if (this.parent !== undefined)
            throw "default member permissions can only be set on top level groups";
        this.defaultMemberPermissions = permissionsText(permissions);
        return this;
    }
}

class BaseBuilder {
    constructor(name, description, kind, onBuild) {
        this.name = name;
        this.description = description;
        this.kind = kind;
        this.ackMode = "DeferredMessage";
        this.ackMessageFlags = {};
        this._onBuild = onBuild;
    }
    setAckMode(mode) {
        this.ackMode = mode;
        return this;
    }
    setAckMessageFlags(flags) {
        this.ackMessageFlags = flags;
        return this;
    }
    setDefaultMemberPermissions(permissions) {
        this.defaultMemberPermissions = permissionsText(permissions);
        return this;
    }
    _command(cb, extra) {
        const command = {
            name: this.name,
            description: this.description,
            kind: this.kind,
            ackMode: this.ackMode,
            ackMessageFlags: this.ackMessageFlags,
            cb,
            ...extra,
        };
        if (this.defaultMemberPermissions !== undefined) command.defaultMemberPermissions = this.defaultMemberPermissions;
        if (this._onBuild) this._onBuild(command);
        return command;
    }
}

export class SlashCommandBuilder extends BaseBuilder {
    constructor(name, description, onBuild) {
        super(name, description, "Chat", onBuild);
        this.options = {};
    }
    setGroup(group) {
        this.group = group;
        return this;
    }
    // Each option returns a new builder, so a typed chain never shares state with its prefix.
    addOption(name, kind, description, opts = {}) {
        const next = Object.assign(Object.create(SlashCommandBuilder.prototype), this);
        const { required, ...extraOptions } = opts ?? {};
        next.options = { ...this.options, [name]: { kind, description, required: required ?? true, extraOptions } };
        return next;
    }
    addOptionString(name, description, opts) { return this.addOption(name, "String", description, opts); }
    addOptionNumber(name, description, opts) { return this.addOption(name, "Number", description, opts); }
    addOptionInteger(name, description, opts) { return this.addOption(name, "Integer", description, opts); }
    addOptionBoolean(name, description, opts) { return this.addOption(name, "Boolean", description, opts); }
    addOptionUser(name, description, opts) { return this.addOption(name, "User", description, opts); }
    addOptionChannel(name, description, opts) { return this.addOption(name, "Channel", description, opts); }
    addOptionRole(name, description, opts) { return this.addOption(name, "Role", description, opts); }
    addOptionMentionable(name, description, opts) { return this.addOption(name, "Mentionable", description, opts); }
    addOptionAttachment(name, description, opts) { return this.addOption(name, "Attachment", description, opts); }
    build(cb) {
        if (this.group !== undefined && this.defaultMemberPermissions !== undefined)
            throw "default member permissions can only be set if no group is present, set it on the group instead";
        const extra = { options: this.options };
        if (this.group !== undefined) extra.group = this.group;
        return this._command(cb, extra);
    }
}

export class UserCommandBuilder extends BaseBuilder {
    constructor(name, onBuild) { super(name, "", "User", onBuild); }
    build(cb) { return this._command(cb, {}); }
}

export class MessageCommandBuilder extends BaseBuilder {
    constructor(name, onBuild) { super(name, "", "Message", onBuild); }
    build(cb) { return this._command(cb, {}); }
}

export function slashCommand(name, description) { return new SlashCommandBuilder(name, description); }
export function userCommand(name) { return new UserCommandBuilder(name); }
export function messageCommand(name) { return new MessageCommandBuilder(name); }
