// A cron interval (UTC, day of week 1–7 with Sunday = 1): every day at 12:00.
import { sendScriptCompletion } from "lib";

script.onInterval("noon", "0 12 * * *", async () => {
    await sendScriptCompletion(script.name);
});
