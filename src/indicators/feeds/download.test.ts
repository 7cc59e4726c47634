import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../../test/support/feed-server.js';
import { download, feedUrlProblem } from './download.js';

const LIMITS = { timeoutMs: 10_000, maxBytes: 1000 };

describe('feedUrlProblem', () => {
  it('accepts https anywhere and plain http only on loopback', () => {
    const cases = [
      'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml',
      'http://127.0.0.1:8080/indicators.yaml',
      'http://127.1/indicators.yaml',
      'http://localhost/indicators.yaml',
      'http://[::1]:9000/indicators.yaml',
      'http://raw.githubusercontent.com/indicators.yaml',
      'http://128.0.0.1/indicators.yaml',
      'http://[::2]/indicators.yaml',
      'http://localhost.evil.example/indicators.yaml',
      'ftp://127.0.0.1/indicators.yaml',
      'file:///etc/passwd',
      'https://user:secret@mirror.example/indicators.yaml',
    ];
    expect(cases.map((url) => feedUrlProblem(new URL(url)))).toEqual([
      null,
      null,
      null,
      null,
      null,
      'plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https',
      'plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https',
      'plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https',
      'plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https',
      'only https URLs are accepted, not ftp',
      'only https URLs are accepted, not file',
      'a URL with a user name or password is not accepted',
    ]);
  });
});

describe('download from a loopback server', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer({
      '/ok': { body: 'hello' },
      '/empty': { body: '' },
      '/exactly-the-cap': { body: 'x'.repeat(1000) },
      '/one-byte-over': { body: 'x'.repeat(1001) },
      '/gone': { body: 'nope', status: 410 },
      '/cut': { truncated: 'y'.repeat(800), after: 300 },
      '/moved': { redirect: '/ok' },
      '/moved-to-plain-http': { redirect: 'http://mirror.example/ok' },
      '/moved-without-location': { body: '', status: 302 },
      '/loop': { redirect: '/loop' },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('returns the whole body, following a redirect on the same host', async () => {
    expect(await download(server.url('/ok'), LIMITS)).toEqual({ ok: true, bytes: Buffer.from('hello'), url: server.url('/ok') });
    expect(await download(server.url('/moved'), LIMITS)).toEqual({ ok: true, bytes: Buffer.from('hello'), url: server.url('/ok') });
    expect(await download(server.url('/empty'), LIMITS)).toEqual({ ok: true, bytes: Buffer.alloc(0), url: server.url('/empty') });
    const atCap = await download(server.url('/exactly-the-cap'), LIMITS);
    expect(atCap.ok && atCap.bytes.length).toBe(1000);
  });

  it('gives a reason, never a partial body, for every failure', async () => {
    const reasons: string[] = [];
    for (const path of ['/missing', '/gone', '/cut', '/one-byte-over', '/moved-to-plain-http', '/moved-without-location', '/loop']) {
      const outcome = await download(server.url(path), LIMITS);
      reasons.push(outcome.ok ? 'ok' : outcome.reason);
    }
    expect(reasons).toEqual([
      'HTTP 404 Not Found',
      'HTTP 410 Gone',
      'the download broke off after 300 of 800 bytes',
      'larger than the 1000 bytes limit',
      'redirected to http://mirror.example/ok: plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https',
      'HTTP 302 without a Location header',
      'more than 5 redirects',
    ]);
  });

  it('refuses a disallowed URL before any request', async () => {
    const before = server.requests.length;
    expect(await download('http://example.invalid/indicators.yaml', LIMITS)).toEqual({
      ok: false,
      reason: 'plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https',
    });
    expect(await download('not a url', LIMITS)).toEqual({ ok: false, reason: 'not a url is not a URL' });
    expect(server.requests.length).toBe(before);
  });

  it('says when nothing listens', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/indicators.yaml');
    await closed.close();
    expect(await download(url, LIMITS)).toEqual({ ok: false, reason: 'the connection was refused' });
  });
});
