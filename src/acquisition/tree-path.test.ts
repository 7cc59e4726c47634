import { describe, expect, it } from 'vitest';
import { memberPath, requestedPath, resolveLinkTarget } from './tree-path.js';

describe('memberPath', () => {
  it('normalises harmless spellings', () => {
    expect(memberPath('./private/var/x')).toEqual({ path: 'private/var/x' });
    expect(memberPath('a//b/./c/')).toEqual({ path: 'a/b/c' });
    expect(memberPath('..a/b..')).toEqual({ path: '..a/b..' });
    expect(memberPath('./')).toBeUndefined();
    expect(memberPath('.')).toBeUndefined();
  });

  it('refuses names that climb out or are absolute, whatever the separator', () => {
    expect(memberPath('../evil')).toEqual({ refused: 'its name climbs out of the archive with ".."' });
    expect(memberPath('a/../../b')).toEqual({ refused: 'its name climbs out of the archive with ".."' });
    expect(memberPath('a/..')).toEqual({ refused: 'its name climbs out of the archive with ".."' });
    expect(memberPath('a\\..\\..\\b')).toEqual({ refused: 'its name climbs out of the archive with ".."' });
    expect(memberPath('/etc/x')).toEqual({ refused: 'its name is an absolute path' });
    expect(memberPath('\\\\host\\share\\x')).toEqual({ refused: 'its name is an absolute path' });
    expect(memberPath('C:\\Windows\\x')).toEqual({ refused: 'its name starts with a drive letter' });
    expect(memberPath('c:x')).toEqual({ refused: 'its name starts with a drive letter' });
    expect(memberPath('a\u0000b')).toEqual({ refused: 'its name contains a NUL character' });
  });
});

describe('resolveLinkTarget', () => {
  it('resolves relative targets against the folder of the link', () => {
    expect(resolveLinkTarget('a/b/link', 'c')).toEqual({ path: 'a/b/c' });
    expect(resolveLinkTarget('a/b/link', '../c/./d')).toEqual({ path: 'a/c/d' });
    expect(resolveLinkTarget('var', 'private/var')).toEqual({ path: 'private/var' });
    expect(resolveLinkTarget('a/link', '..')).toEqual({ path: '' });
  });

  it('refuses targets that leave the tree and absolute targets', () => {
    expect(resolveLinkTarget('a/link', '../../x')).toEqual({ refused: 'is a symbolic link to ../../x, outside the acquisition' });
    expect(resolveLinkTarget('link', '/etc/passwd')).toEqual({
      refused: 'is a symbolic link to the absolute path /etc/passwd, which Exhibit does not follow',
    });
  });
});

describe('requestedPath', () => {
  it('accepts tree paths and refuses climbs and absolute paths', () => {
    expect(requestedPath('a/./b/')).toEqual({ path: 'a/b' });
    expect(requestedPath('../x')).toEqual({ refused: '../x climbs out of the acquisition with ".."' });
    expect(requestedPath('/etc/x')).toEqual({ refused: '/etc/x is an absolute path, not a path inside the acquisition' });
  });
});
