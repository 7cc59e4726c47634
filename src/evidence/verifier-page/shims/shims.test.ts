/** The browser stand-ins must behave as the node: modules do on what the engine passes them. */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHash as pageHash } from './node-crypto.js';
import { posix as pagePosix } from './node-path.js';
import { domainToASCII as pageDomainToASCII } from './node-url.js';

describe('verifier page shims', () => {
  it('hash like node:crypto', () => {
    for (const text of ['', 'finding', '{"a":"é"}']) {
      expect(pageHash('sha256').update(text).digest('hex')).toBe(createHash('sha256').update(text).digest('hex'));
    }
    expect(pageHash('sha256').update('ab').update(Uint8Array.of(0x63)).digest('hex')).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('take base names like node:path', () => {
    for (const path of ['/a/b', '/a/b/', 'b', '/', '', '//', 'a//b//', '/private/var/root/Library/Preferences/roleaccountd.plist']) {
      expect(pagePosix.basename(path), path).toBe(posix.basename(path));
    }
  });

  it('convert domains like node:url', () => {
    for (const domain of ['bücher.de', 'EXAMPLE.com', 'xn--bcher-kva.de', 'a b', '例え.jp', '', 'faß.de', 'exa mple.com']) {
      expect(pageDomainToASCII(domain), domain).toBe(domainToASCII(domain));
    }
  });
});
