// HttpClient against the local HTTP server the test starts (its address comes from settings.json).
import { HttpClient, decodeText, encodeText } from "botloader";
import { assertExpected, assetJsonEquals, expectRejection, sendScriptCompletion } from "lib";

const base = script.settings.addOptionString("baseUrl", { description: "The test's HTTP server" });
const closed = script.settings.addOptionString("closedUrl", { description: "A port nothing listens on" });

(async () => {
    const url = base.value;
    if (url === "") throw new Error("settings.json gives no baseUrl for the http script");

    // GET, JSON: a Request is thenable, so awaiting it sends it.
    const json = await HttpClient.get(url + "/json");
    assertExpected(200, json.statusCode, "GET /json status");
    assertExpected("application/json", json.headers["content-type"], "content-type");
    assetJsonEquals({ greeting: "hello", n: 42 }, await json.json(), "GET /json body");

    // GET, text, with a header the server answers with.
    const text = await HttpClient.get(url + "/text", { headers: { "X-Test": "abc" } }).send();
    assertExpected("text for abc ✓", await text.text(), "GET /text body");

    // POST with sendJson: the server echoes what it got.
    const posted = await HttpClient.post(url + "/echo").sendJson({ a: 1, b: "ü" });
    const echo = await posted.json<{ method: string; contentType: string; body: string }>();
    // (the server's JSON has its keys sorted)
    assetJsonEquals({ body: '{"a":1,"b":"ü"}', contentType: "application/json", method: "POST" }, echo, "POST echo");

    // PUT with sendText, DELETE without a body, a binary body with Uint8ArrayBody.
    const put = await (await HttpClient.put(url + "/echo").sendText("plain")).json<{ method: string; contentType: string; body: string }>();
    assetJsonEquals({ body: "plain", contentType: "text/plain", method: "PUT" }, put, "PUT echo");
    const del = await (await HttpClient.del(url + "/echo")).json<{ method: string }>();
    assertExpected("DELETE", del.method, "del() method");
    const bytes = await HttpClient.post(url + "/echo").send(new HttpClient.Uint8ArrayBody(encodeText("raw ✓"), "application/x-test"));
    const raw = await bytes.readAll();
    assertExpected(true, raw instanceof Uint8Array, "readAll gives bytes");
    assertExpected("application/x-test", JSON.parse(decodeText(raw)).contentType, "Uint8ArrayBody content type");

    // Non-2xx answers do not throw.
    const missing = await HttpClient.get(url + "/missing");
    assertExpected(404, missing.statusCode, "404 status");
    assertExpected("nothing here", await missing.text(), "404 body");
    const broken = await HttpClient.request("GET", url + "/fail");
    assertExpected(500, broken.statusCode, "500 status");

    // A body read after close() fails; a body can be read in pieces.
    const pieces = await HttpClient.get(url + "/text", { headers: { "X-Test": "xyz" } });
    const buf = new Uint8Array(4);
    assertExpected(4, await pieces.body!.read(buf), "first read");
    assertExpected("text", decodeText(buf), "first piece");
    pieces.body!.close();
    const closedRead = await expectRejection(() => pieces.body!.read(buf), "read after close");
    assertExpected(true, closedRead.message.includes("Bad resource"), "read after close message");

    // A network failure rejects with a plain Error.
    const refused = await expectRejection(() => HttpClient.get(closed.value + "/nothing").send(), "closed port");
    assertExpected(Error, refused.constructor, "network failure class");
    assertExpected(true, refused.message.startsWith("error sending request for url"), "network failure message: " + refused.message);

    // The path must be an absolute URL, and only http(s) goes out.
    const relative = await expectRejection(() => HttpClient.get("/relative/path").send(), "relative path");
    assertExpected(true, relative.message.includes("is not an absolute URL"), "relative path message: " + relative.message);
    const ftp = await expectRejection(() => HttpClient.get("ftp://127.0.0.1/x").send(), "ftp URL");
    assertExpected(true, ftp.message.includes("only http and https"), "ftp message: " + ftp.message);

    // More than 100 open resources: request-body streams whose bodies never finish.
    const stuck: Promise<unknown>[] = [];
    let release: (e: Error) => void = () => {};
    const held = new Promise<number>((_, reject) => (release = reject));
    const stalled = { setHeaders() {}, read: () => held };
    for (let i = 0; i < 101; i++) stuck.push(HttpClient.post(url + "/echo").send(stalled).catch((e) => e));
    const limit = await expectRejection(() => HttpClient.post(url + "/echo").send(stalled), "resource limit");
    assertExpected(true, limit.message.includes("exhausted resource table limit"), "limit message: " + limit.message);
    release(new Error("released"));
    await Promise.all(stuck);

    // The server counts what reached it: the test checks the spacing (1 request per second).
    const count = await (await HttpClient.get(url + "/count")).json<{ requests: number }>();
    assertExpected(9, count.requests, "requests the server saw before /count");
    await sendScriptCompletion(script.name);
})();
