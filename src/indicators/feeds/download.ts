/**
 * The only network access Exhibit has: one GET of an indicator index or bundle. HTTPS only,
 * except plain HTTP to a loopback address so a local mirror (and the tests) can serve feeds;
 * redirects are followed by hand so a redirect cannot downgrade to plain HTTP. A time limit
 * covers the whole answer, and a size cap stops reading as soon as it is passed. The result
 * is the full body or a reason — never a partial body.
 */
import { describeError } from '../../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';

export interface DownloadLimits {
  /** For the whole answer, headers and body, of each request. */
  timeoutMs: number;
  maxBytes: number;
}

export type DownloadOutcome = { ok: true; bytes: Buffer; url: string } | { ok: false; reason: string };

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function isLoopbackHost(hostname: string): boolean {
  // URL has already canonicalised IPv4 forms (127.1 → 127.0.0.1) and brackets IPv6.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Why a feed URL may not be fetched, or null when it may. */
export function feedUrlProblem(url: URL): string | null {
  if (url.username !== '' || url.password !== '') return 'a URL with a user name or password is not accepted';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname) ? null : 'plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https';
  }
  return `only https URLs are accepted, not ${url.protocol.replace(/:$/, '')}`;
}

function formatMiB(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}

function timedOut(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The network reason inside undici's generic "fetch failed". */
function requestFailure(error: unknown, limits: DownloadLimits): string {
  if (timedOut(error)) return `no complete answer within ${limits.timeoutMs / 1000} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (is the network up?)';
  return `the request failed (${cause === undefined ? describeError(error) : describeError(cause)})`;
}

export async function download(address: string, limits: DownloadLimits): Promise<DownloadOutcome> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: `${address} is not a URL` };
  }
  for (let hop = 0; ; hop += 1) {
    const problem = feedUrlProblem(url);
    if (problem !== null) return { ok: false, reason: hop === 0 ? problem : `redirected to ${url.href}: ${problem}` };
    const signal = AbortSignal.timeout(limits.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': `${TOOL_NAME}/${TOOL_VERSION}`, accept: '*/*' },
      });
    } catch (error) {
      return { ok: false, reason: requestFailure(error, limits) };
    }
    if (REDIRECT_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (location === null) return { ok: false, reason: `HTTP ${response.status} without a Location header` };
      if (hop >= MAX_REDIRECTS) return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
      try {
        url = new URL(location, url);
      } catch {
        return { ok: false, reason: `HTTP ${response.status} to an invalid Location` };
      }
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}` };
    }
    return readBody(response, url.href, limits);
  }
}

async function readBody(response: Response, url: string, limits: DownloadLimits): Promise<DownloadOutcome> {
  // With a content-encoding the declared length counts compressed bytes, so it says nothing
  // about the body read here; undici still reports a connection closed early as an error.
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const lengthHeader = response.headers.get('content-length');
  const declared = !encoded && lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const tooLarge = { ok: false as const, reason: `larger than the ${formatMiB(limits.maxBytes)} limit` };
  if (declared !== null && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const body = response.body;
  if (body !== null) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limits.maxBytes) {
          await reader.cancel().catch(() => undefined);
          return tooLarge;
        }
        chunks.push(Buffer.from(value));
      }
    } catch (error) {
      if (timedOut(error)) return { ok: false, reason: `no complete answer within ${limits.timeoutMs / 1000} s` };
      const of = declared === null ? '' : ` of ${declared}`;
      return { ok: false, reason: `the download broke off after ${total}${of} bytes` };
    }
  }
  if (declared !== null && total !== declared) {
    return { ok: false, reason: `the download ended after ${total} of ${declared} bytes` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total), url };
}
