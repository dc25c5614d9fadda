// Component and modal interactions (botloader-sdk.md §4.4): buttons, the five select menus and modal
// submissions, with values resolved and modal fields keyed by their custom-id name.
import { parseInteractionCustomId } from "/custom_id";
import { Message } from "/discord/models";
import { Interaction, ackWithModal, updateMessageMethods } from "/commands/interaction";
import * as resolve from "/commands/options";

export class ComponentInteraction extends Interaction {
    constructor(data) {
        super(data);
        this.customIdRaw = data.customId;
        this.componentType = data.componentType;
        this.channelId = data.channelId;
        this.message = new Message(data.message);
    }
    ackWithModal(modal) {
        return ackWithModal(this, modal);
    }
}
Object.assign(ComponentInteraction.prototype, updateMessageMethods);

export class SelectMenuInteraction extends ComponentInteraction {
    constructor(data) {
        super(data);
        this.values = data.values ?? [];
    }
}
export class UserSelectMenuInteraction extends ComponentInteraction {
    constructor(data) {
        super(data);
        this.values = (data.values ?? []).map((id) => resolve.resolveUser(data.resolved, id));
    }
}
export class RoleSelectMenuInteraction extends ComponentInteraction {
    constructor(data) {
        super(data);
        this.values = (data.values ?? []).map((id) => resolve.resolveRole(data.resolved, id));
    }
}
export class ChannelSelectMenuInteraction extends ComponentInteraction {
    constructor(data) {
        super(data);
        this.values = (data.values ?? []).map((id) => resolve.resolveChannel(data.resolved, id));
    }
}
export class MentionableSelectMenuInteraction extends ComponentInteraction {
    constructor(data) {
        super(data);
        this.values = (data.values ?? []).map((id) => resolve.resolveMentionable(data.resolved, id, true));
    }
}

// One submitted modal field; `kind` tells which value field it carries.
function modalValue(component, resolved) {
    const [name, customData] = parseInteractionCustomId(component.customId ?? "");
    const out = { customIdRaw: component.customId, name, customData, kind: component.kind };
    const ids = component.values ?? [];
    switch (component.kind) {
    case "TextInput": out.value = component.value ?? ""; break;
    case "Checkbox": out.checked = component.value === true; break;
    case "UserSelectMenu": out.values = ids.map((id) => resolve.resolveUser(resolved, id)); break;
    case "RoleSelectMenu": out.values = ids.map((id) => resolve.resolveRole(resolved, id)); break;
    case "ChannelSelectMenu": out.values = ids.map((id) => resolve.resolveChannel(resolved, id)); break;
    case "MentionableSelectMenu": out.values = ids.map((id) => resolve.resolveMentionable(resolved, id, true)); break;
    case "FileUpload": out.values = ids.map((id) => resolve.resolveAttachment(resolved, id)); break;
    default: out.values = ids; // SelectMenu, CheckboxGroup
    }
    return out;
}

function flatten(components, into) {
    for (const c of components ?? []) {
        if (c.kind === "ActionRow") flatten(c.components, into);
        else if (c.kind === "Label") flatten([c.component], into);
        else if (c.customId !== undefined) into.push(c);
    }
    return into;
}

export class ModalSubmitInteraction extends Interaction {
    constructor(data) {
        super(data);
        this.customIdRaw = data.customId;
        this.channelId = data.channelId;
        this.message = data.message ? new Message(data.message) : null;
        this.values = {};
        for (const c of flatten(data.values, [])) {
            const value = modalValue(c, data.resolved);
            this.values[value.name] = value;
        }
    }
    _get(name, kind) {
        const value = this.values[name];
        return value !== undefined && value.kind === kind ? value : null;
    }
    getTextInputValue(name) { return this._get(name, "TextInput"); }
    getSelectMenuValue(name) { return this._get(name, "SelectMenu"); }
    getChannelSelectMenuValue(name) { return this._get(name, "ChannelSelectMenu"); }
    getRoleSelectMenuValue(name) { return this._get(name, "RoleSelectMenu"); }
    getUserSelectMenuValue(name) { return this._get(name, "UserSelectMenu"); }
    getMentionableSelectMenuValue(name) { return this._get(name, "MentionableSelectMenu"); }
    getCheckboxValue(name) { return this._get(name, "Checkbox"); }
    getCheckboxGroupValue(name) { return this._get(name, "CheckboxGroup"); }
    getFileUploadValue(name) { return this._get(name, "FileUpload"); }
}
Object.assign(ModalSubmitInteraction.prototype, updateMessageMethods);

export const componentClasses = {
    Button: ComponentInteraction,
    SelectMenu: SelectMenuInteraction,
    UserSelectMenu: UserSelectMenuInteraction,
    RoleSelectMenu: RoleSelectMenuInteraction,
    ChannelSelectMenu: ChannelSelectMenuInteraction,
    MentionableSelectMenu: MentionableSelectMenuInteraction,
};
