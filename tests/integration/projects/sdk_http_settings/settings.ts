// Script settings: every option kind, stored values from settings.json, defaults, values of the
// wrong type falling back, lists, and the definitions in Botloader's internal form.
import { Settings } from "botloader";
import { assertExpected, assetJsonEquals, sendScriptCompletion } from "lib";

const s = script.settings;
assertExpected(true, s instanceof Settings.SettingsManager, "script.settings is a SettingsManager");

// Stored values of the right type.
const str = s.addOptionString("str", { label: "A string", description: "Some text", minLength: 1, maxLength: 10 });
const flt = s.addOptionFloat("flt", { min: 0, max: 10 });
const int = s.addOptionInteger("int", { min: 1 });
const i64 = s.addOptionInteger64("i64", { min: "0", max: "99999999999999999999" });
const yes = s.addOptionBoolean("yes", {});
const zero = s.addOptionBoolean("zero", { defaultValue: true });
const chan = s.addOptionChannel("chan", { types: ["Text"] });
const chans = s.addOptionChannels("chans", { max: 3 });
const role = s.addOptionRole("role", { requireAssignable: true });
const roles = s.addOptionRoles("roles", {});
const abOptions = [{ label: "A", value: "a" }, { label: "B", value: "b" }];
const numOptions = [{ label: "one", value: 1 }, { label: "two", value: 2 }];
const sel = s.addOptionCustomStringSelect("sel", { options: abOptions });
const msel = s.addOptionCustomStringMultiSelect("msel", { options: abOptions, min_selected: 1, max_selected: 2 });
const nsel = s.addOptionCustomNumberSelect("nsel", { options: numOptions });
const nmsel = s.addOptionCustomNumberMultiSelect("nmsel", { options: numOptions });

assertExpected("hello", str.value, "string");
assertExpected(2.5, flt.value, "float");
assertExpected(7, int.value, "integer (floored)");
assertExpected("12345678901234567890", i64.value, "integer64");
assertExpected(true, yes.value, "boolean from \"yes\"");
assertExpected(false, zero.value, "boolean from 0");
assertExpected("1113768910127104000", chan.value, "channel");
assetJsonEquals(["1", "2"], chans.value, "channels");
assertExpected("42", role.value, "role");
assetJsonEquals(["7", "8"], roles.value, "roles");
assertExpected("b", sel.value, "string select");
assetJsonEquals(["a", "b"], msel.value, "string multi select");
assertExpected(2, nsel.value, "number select");
assetJsonEquals([1], nmsel.value, "number multi select");

// Stored values of the wrong type: the option's default, else the built-in one.
assertExpected("fallback", s.addOptionString("badStr", { defaultValue: "fallback" }).value, "bad string");
assertExpected(5, s.addOptionInteger("badInt", { defaultValue: 5 }).value, "bad integer");
assetJsonEquals(["9"], s.addOptionRoles("badRoles", { defaultValue: ["9"] }).value, "bad roles");
assertExpected(null, s.addOptionFloat("badFloat", {}).value, "bad float");
assetJsonEquals([], s.addOptionChannels("badChannels", {}).value, "bad channels");
assertExpected(null, s.addOptionInteger64("badI64", {}).value, "bad integer64");
assertExpected(null, s.addOptionCustomNumberSelect("badNsel", { options: numOptions }).value, "bad number select");

// No stored value.
assertExpected("", s.addOptionString("missingStr", {}).value, "missing string");
assertExpected(false, s.addOptionBoolean("missingBool", {}).value, "missing boolean");
assertExpected(3, s.addOptionInteger("missingInt", { defaultValue: 3, required: true }).value, "missing integer");
assertExpected(null, s.addOptionRole("missingRole", {}).value, "missing role");
assetJsonEquals([], s.addOptionCustomStringMultiSelect("missingMsel", { options: abOptions }).value, "missing multi");
assertExpected("", Settings.SysDefaultValues.string, "SysDefaultValues.string");

// Lists: items missing a required field (or not lists at all) are skipped.
const levels = s
    .startList("levels")
    .addOptionInteger("level", { required: true, min: 1 })
    .addOptionRole("role", { required: true })
    .addOptionString("note", { defaultValue: "none" })
    .complete({ label: "Level roles", description: "Roles per level" });
assertExpected(true, levels instanceof Settings.LoadedList, "a LoadedList");
assetJsonEquals(
    [
        { level: 5, role: "111", note: "none" },
        { level: 10, role: "222", note: "top" },
    ],
    levels.value,
    "levels",
);
const absent = s.startList("absent").addOptionString("x", {}).complete({ defaultValue: [{ x: "d" }] });
assetJsonEquals([{ x: "d" }], absent.value, "missing list → its default");
assetJsonEquals([], s.startList("badList").addOptionString("x", {}).complete().value, "invalid list → []");

// The definitions ScriptMeta.settings carries.
// toInternalOptions is the SDK's internal form (undeclared on purpose): reached through `any`.
const internal = (s as any).toInternalOptions();
assetJsonEquals(
    {
        kind: "Option",
        data: {
            name: "str",
            label: "A string",
            description: "Some text",
            required: false,
            defaultValue: null,
            kind: { kind: "string", max_length: 10, min_length: 1 },
        },
    },
    internal[0],
    "string definition",
);
assetJsonEquals({ kind: "channels", types: null, max_length: 3, min_length: 0 }, internal[7].data.kind, "channels kind");
assetJsonEquals({ kind: "role", assignable: true }, internal[8].data.kind, "role kind");
assetJsonEquals(
    { kind: "customStringMultiSelect", options: abOptions, max_selected: 2, min_selected: 1 },
    internal[11].data.kind,
    "multi select kind",
);
const list = internal.find((d: { kind: string; data: { name: string } }) => d.data.name === "levels");
assetJsonEquals(
    {
        kind: "List",
        data: {
            name: "levels",
            label: "Level roles",
            description: "Roles per level",
            required: false,
            defaultValue: null,
            template: [
                { name: "level", label: "level", description: "", required: true, defaultValue: null, kind: { kind: "integer", min: 1, max: null } },
                { name: "role", label: "role", description: "", required: true, defaultValue: null, kind: { kind: "role", assignable: null } },
                { name: "note", label: "note", description: "", required: false, defaultValue: "none", kind: { kind: "string", max_length: null, min_length: null } },
            ],
        },
    },
    list,
    "list definition",
);

sendScriptCompletion(script.name);
