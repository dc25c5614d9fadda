// `HttpClient`: outgoing HTTP requests (scripts have no `fetch`). Non-2xx statuses do not throw;
// network failures reject with an `Error`. Requests are rate limited (1/s on the free plan).

/** Extra request settings. */
export interface RequestInit {
    headers?: Record<string, string>;
    /** Internal. */
    scriptId?: number;
}

/** Something that reads bytes into a buffer; 0 means the end. */
export interface AsyncReader {
    read(buf: Uint8Array): Promise<number>;
}

/** A reader that must be closed. */
export interface AsyncReadCloser extends AsyncReader {
    close(): void;
}

/** A request body: streamed in chunks; may add headers (e.g. its content type). */
export interface RequestBody extends AsyncReader {
    setHeaders(headers: Record<string, string>): void;
}

/** A request body from bytes. */
export declare class Uint8ArrayBody implements RequestBody {
    constructor(data: Uint8Array, contentType?: string);
    read(buf: Uint8Array): Promise<number>;
    setHeaders(headers: Record<string, string>): void;
}

/** A response. The body is closed automatically 30 seconds after it arrived. */
export declare class Response {
    private constructor();
    statusCode: number;
    headers: Record<string, string>;
    body?: AsyncReadCloser;
    /** The whole body (throws when there is none). */
    readAll(): Promise<Uint8Array>;
    /** The body parsed as JSON. */
    json<T = any>(): Promise<T>;
    /** The body decoded as UTF-8. */
    text(): Promise<string>;
}

/**
 * A request, sent with `send`, `sendJson` or `sendText`, or by awaiting it (no body).
 *
 * @example
 * const response = await HttpClient.get("https://example.com/api/status");
 * const status = await response.json<{ ok: boolean }>();
 */
export declare class Request implements PromiseLike<Response> {
    constructor(method: string, path: string, init?: RequestInit);
    method: string;
    /** The absolute URL. */
    path: string;
    headers?: Record<string, string>;
    scriptId?: number;
    /** Sends the request with an optional body. */
    send(body?: RequestBody): Promise<Response>;
    /** Sends `JSON.stringify(data)` as `application/json`. */
    sendJson(data: unknown): Promise<Response>;
    /** Sends text as `text/plain`. */
    sendText(s: string): Promise<Response>;
    then<R1 = Response, R2 = never>(
        onfulfilled?: ((value: Response) => R1 | PromiseLike<R1>) | null,
        onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
    ): Promise<R1 | R2>;
}

/** A request with any method; `path` must be an absolute URL. */
export declare function request(method: string, path: string, init?: RequestInit): Request;
export declare function get(path: string, init?: RequestInit): Request;
export declare function post(path: string, init?: RequestInit): Request;
export declare function head(path: string, init?: RequestInit): Request;
export declare function patch(path: string, init?: RequestInit): Request;
export declare function put(path: string, init?: RequestInit): Request;
/** A DELETE request. */
export declare function del(path: string, init?: RequestInit): Request;
export declare function options(path: string, init?: RequestInit): Request;
export declare function trace(path: string, init?: RequestInit): Request;
export declare function connect(path: string, init?: RequestInit): Request;
