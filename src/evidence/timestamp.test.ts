/**
 * RFC 3161 against OpenSSL's own time-stamp authority (`openssl ts -reply`, run here on
 * files only): our request is one OpenSSL reads, and OpenSSL's tokens pass our checks —
 * with an ECDSA P-256 authority here; the end-to-end test uses an RSA one over HTTP.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeVerifyCrypto } from './node-crypto.js';
import { checkTimestampToken, timestampRequest, tokenFromResponse } from './timestamp.js';
import { webVerifyCrypto } from './web-crypto.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-ts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).toString();
}

writeFileSync(join(dir, 'ext.cnf'), '[e]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n');
openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Unit Root');
openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Unit EC TSA');
openssl('x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.pem', '-days', '2', '-extfile', 'ext.cnf', '-extensions', 'e');
writeFileSync(join(dir, 'serial'), '01\n');
writeFileSync(
  join(dir, 'tsa.cnf'),
  `[tsa]\ndefault_tsa=t\n[t]\nserial=${join(dir, 'serial')}\ncrypto_device=builtin\nsigner_cert=${join(dir, 'tsa.pem')}\nsigner_key=${join(dir, 'tsa.key')}\nsigner_digest=sha256\ndefault_policy=1.2.3.4.1\ndigests=sha256\ness_cert_id_alg=sha256\n`,
);

const digest = new Uint8Array(createHash('sha256').update('a signature').digest());
const nonce = Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0);

function reply(query: Uint8Array, name: string): Uint8Array {
  writeFileSync(join(dir, `${name}.tsq`), query);
  openssl('ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', `${name}.tsq`, '-out', `${name}.tsr`);
  return new Uint8Array(readFileSync(join(dir, `${name}.tsr`)));
}

describe('RFC 3161 time-stamps', () => {
  it('builds a request OpenSSL reads as SHA-256 of our digest, with our nonce and a certificate request', () => {
    writeFileSync(join(dir, 'ours.tsq'), timestampRequest(digest, nonce));
    const text = openssl('ts', '-query', '-in', 'ours.tsq', '-text');
    expect(text).toContain('Version: 1');
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Nonce: 0x123456789ABCDEF0');
    expect(text).toContain('Certificate required: yes');
    const hexDump = [...text.matchAll(/^\s+[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){15}[0-9a-f]{2})/gm)].map((m) => m[1]!.replace(/[ -]/g, '')).join('');
    expect(hexDump).toBe(Buffer.from(digest).toString('hex'));
  });

  describe.each([
    ['node:crypto', nodeVerifyCrypto],
    ['WebCrypto', webVerifyCrypto()],
  ])('checked with %s', (_name, crypto) => {
    const token = tokenFromResponse(reply(timestampRequest(digest, nonce), 'good'));

    it("accepts OpenSSL's token and reads its facts", async () => {
      expect(token.ok).toBe(true);
      if (!token.ok) return;
      const check = await checkTimestampToken(crypto, token.token, digest);
      expect(check.ok).toBe(true);
      if (!check.ok) return;
      expect(check.facts.policy).toBe('1.2.3.4.1');
      expect(check.facts.nonce).toBe('123456789abcdef0');
      expect(check.facts.genTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(check.facts.signer?.subject).toBe('Unit EC TSA');
      const certDer = Buffer.from(readFileSync(join(dir, 'tsa.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
      expect(check.facts.signer?.certificateSha256).toBe(createHash('sha256').update(certDer).digest('hex'));
    });

    it('says the token time-stamps other bytes when the digest differs', async () => {
      if (!token.ok) throw new Error('no token');
      const check = await checkTimestampToken(crypto, token.token, digest.map((b, i) => (i === 0 ? b ^ 1 : b)));
      expect(check.ok ? 'ok' : check.problem).toBe('imprint-mismatch');
    });

    it("says the signature fails when the authority's signature bytes change", async () => {
      if (!token.ok) throw new Error('no token');
      const bad = token.token.slice();
      bad[bad.length - 5] = (bad[bad.length - 5] ?? 0) ^ 0x01;
      const check = await checkTimestampToken(crypto, bad, digest);
      expect(check.ok ? 'ok' : check.problem).toBe('signature-invalid');
    });

    it('says the content is not bound when the time inside the token changes', async () => {
      if (!token.ok) throw new Error('no token');
      const bad = token.token.slice();
      const text = Buffer.from(bad).toString('latin1');
      const at = text.search(/\d{14}Z/);
      bad[at + 13] = bad[at + 13] === 0x30 ? 0x31 : 0x30;
      const check = await checkTimestampToken(crypto, bad, digest);
      expect(check.ok ? 'ok' : check.problem).toBe('content-digest-mismatch');
    });

    it('says the certificate is missing from a token made without one', async () => {
      openssl('ts', '-query', '-digest', Buffer.from(digest).toString('hex'), '-sha256', '-no_nonce', '-out', 'nocert.tsq');
      const noCert = tokenFromResponse(reply(new Uint8Array(readFileSync(join(dir, 'nocert.tsq'))), 'nocert'));
      if (!noCert.ok) throw new Error(noCert.reason);
      const check = await checkTimestampToken(crypto, noCert.token, digest);
      expect(check.ok ? 'ok' : check.problem).toBe('no-certificate');
    });

    it('reads garbage as a malformed token, never throwing', async () => {
      const check = await checkTimestampToken(crypto, Uint8Array.of(0x30, 0x82, 0xff), digest);
      expect(check.ok ? 'ok' : check.problem).toBe('malformed');
    });
  });

  it('reports a rejection by the authority', () => {
    // TimeStampResp { status PKIStatusInfo { status 2 (rejection) } }
    expect(tokenFromResponse(Uint8Array.of(0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02))).toEqual({ ok: false, reason: 'the authority answered "rejected"' });
  });
});
