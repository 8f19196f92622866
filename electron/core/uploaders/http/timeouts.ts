/** How long one request may take, by phase (milliseconds). */
export interface NetworkLimits {
  /** Until the connection takes the first byte of the request (or the reply's headers come). */
  connectMs: number;
  /** With nothing sent or received for this long, the host has stopped answering. */
  idleMs: number;
  /** The whole exchange, reply included. */
  totalMs: number;
}

export type TimeoutKind = 'connect' | 'idle' | 'total';

/** Why a request was cut by one of our own limits; the reason fetch rejects with. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly kind: TimeoutKind,
    readonly ms: number,
  ) {
    super(`${kind} timeout after ${ms} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** "30 s", "2 minutes": how a limit reads in a message. */
export function describeLimit(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} minutes`;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` with our own limits: a connect timeout, an idle timeout (reset by every chunk of the
 * request body the network takes and every chunk of the reply read) and an overall cap. undici's
 * own are 300 s per phase, so a host that stops answering held an upload for minutes. A request
 * cut by a limit rejects with a RequestTimeoutError (and so does reading its reply), which the
 * upload path words and retries like any network failure. `limits` is read per request, so a
 * settings change applies to the next one.
 */
export function fetchWithTimeouts(fetchImpl: typeof fetch, limits: () => NetworkLimits): typeof fetch {
  return async (input, init = {}) => {
    const { connectMs, idleMs, totalMs } = limits();
    const controller = new AbortController();
    const outer = init.signal ?? undefined;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });

    let idle: NodeJS.Timeout | undefined;
    const cut = (kind: TimeoutKind, ms: number) => controller.abort(new RequestTimeoutError(kind, ms));
    const total = setTimeout(() => cut('total', totalMs), totalMs);
    let connected = false;
    let ended = false;
    const activity = () => {
      // undici may read the body once more after fetch has failed: a timer set then would hold the process.
      if (ended) return;
      connected = true;
      clearTimeout(idle);
      idle = setTimeout(() => cut('idle', idleMs), idleMs);
    };
    const done = () => {
      ended = true;
      clearTimeout(total);
      clearTimeout(idle);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    idle = setTimeout(() => cut(connected ? 'idle' : 'connect', connected ? idleMs : connectMs), connectMs);

    const body = init.body instanceof ReadableStream ? observed(init.body as ReadableStream<Uint8Array>, activity, () => undefined) : init.body;
    let response: Response;
    try {
      response = await fetchImpl(input, { ...init, body, signal: controller.signal });
    } catch (err) {
      done();
      throw controller.signal.reason instanceof RequestTimeoutError ? controller.signal.reason : err;
    }
    activity();
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
      done();
      return response;
    }
    const reply = new Response(
      observed(response.body, activity, done, () => (controller.signal.reason instanceof RequestTimeoutError ? controller.signal.reason : undefined)),
      { status: response.status, statusText: response.statusText, headers: response.headers },
    );
    Object.defineProperty(reply, 'url', { value: response.url });
    Object.defineProperty(reply, 'redirected', { value: response.redirected });
    return reply;
  };
}

/**
 * The same bytes, pulled one chunk at a time (no read-ahead, so progress still counts what the
 * network took), calling `onChunk` for each and `onEnd` once at the end, an error or a cancel.
 */
function observed(
  source: ReadableStream<Uint8Array>,
  onChunk: () => void,
  onEnd: () => void,
  ourReason: () => Error | undefined = () => undefined,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            onEnd();
            controller.close();
            return;
          }
          onChunk();
          controller.enqueue(value);
        } catch (err) {
          onEnd();
          controller.error(ourReason() ?? err);
        }
      },
      async cancel(reason) {
        onEnd();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
