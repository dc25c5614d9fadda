// Discord namespace, roles and permissions: create, get, list, edit, delete, NotFoundError, and the
// Permissions helpers.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

check("roles", async () => {
    const perms = new Discord.Permissions(Discord.Permissions.SendMessages, Discord.Permissions.ViewChannel);
    assertExpected(true, perms.hasAll(Discord.Permissions.SendMessages));
    assertExpected(false, perms.hasAny(Discord.Permissions.Administrator));
    assertExpected("3072", perms.toString());
    assertExpected(true, perms.toArray().includes("ViewChannel"));
    const role = await Discord.createRole({ name: "sdk-role", color: 0x3366ff, hoist: true, permissions: perms });
    assertExpected("sdk-role", role.name);
    assertExpected(0x3366ff, role.color);
    assertExpected("3072", role.permissionsRaw);
    assertExpected(role.id, (await Discord.getRole(role.id)).id);
    assertExpected(true, (await Discord.getRoles()).some((r) => r.id === role.id));
    const edited = await Discord.editRole(role.id, { name: "sdk-role-edited", mentionable: true });
    assertExpected("sdk-role-edited", edited.name);
    assertExpected(true, edited.mentionable);
    await Discord.deleteRole(role.id);
    const missing = await Discord.getRole(role.id).then(() => null, (e) => e);
    assertExpected(true, missing instanceof Discord.NotFoundError);
    await sendScriptCompletion(script.name);
});
