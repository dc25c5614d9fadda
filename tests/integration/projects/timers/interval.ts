// An interval in minutes: its first fire comes one interval after the timer is first seen, and it
// does not fire again before the next interval (run with the clock fast-forwarded past an hour).
import { sendScriptCompletion } from "lib";

let fires = 0;
script.onInterval("hourly", 60, async () => {
    fires++;
    if (fires > 1) throw new Error(`the hourly timer fired ${fires} times`);
    await sendScriptCompletion(script.name);
});
