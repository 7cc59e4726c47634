import { describe, expect, it } from 'vitest';
import { exhibitDataFolder, indicatorCacheFolder, type DataFolderContext } from './data-dir.js';

function context(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, cwd = '/work'): DataFolderContext {
  return { platform, env, home, cwd };
}

describe('the indicator cache folder', () => {
  it('follows XDG on Linux, ignoring an empty or relative XDG_DATA_HOME', () => {
    expect(indicatorCacheFolder(context('linux', {}, '/home/ana'))).toBe('/home/ana/.local/share/exhibit/indicators');
    expect(indicatorCacheFolder(context('linux', { XDG_DATA_HOME: '/data/ana' }, '/home/ana'))).toBe('/data/ana/exhibit/indicators');
    expect(indicatorCacheFolder(context('linux', { XDG_DATA_HOME: '' }, '/home/ana'))).toBe('/home/ana/.local/share/exhibit/indicators');
    expect(indicatorCacheFolder(context('linux', { XDG_DATA_HOME: 'rel/data' }, '/home/ana'))).toBe('/home/ana/.local/share/exhibit/indicators');
    expect(indicatorCacheFolder(context('freebsd', {}, '/home/ana'))).toBe('/home/ana/.local/share/exhibit/indicators');
  });

  it('uses Application Support on macOS, whatever XDG says', () => {
    expect(indicatorCacheFolder(context('darwin', { XDG_DATA_HOME: '/data/ana' }, '/Users/ana'))).toBe(
      '/Users/ana/Library/Application Support/exhibit/indicators',
    );
  });

  it('uses LOCALAPPDATA on Windows, or its usual place under the profile', () => {
    expect(indicatorCacheFolder(context('win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana', 'C:\\'))).toBe(
      'C:\\Users\\ana\\AppData\\Local\\exhibit\\indicators',
    );
    expect(indicatorCacheFolder(context('win32', {}, 'C:\\Users\\ana', 'C:\\'))).toBe('C:\\Users\\ana\\AppData\\Local\\exhibit\\indicators');
  });

  it('lets EXHIBIT_DATA_DIR override every platform, resolved against the working folder', () => {
    expect(exhibitDataFolder(context('linux', { EXHIBIT_DATA_DIR: '/tmp/x', XDG_DATA_HOME: '/data' }, '/home/ana'))).toBe('/tmp/x');
    expect(indicatorCacheFolder(context('darwin', { EXHIBIT_DATA_DIR: 'portable' }, '/Users/ana', '/Volumes/usb'))).toBe(
      '/Volumes/usb/portable/indicators',
    );
    expect(indicatorCacheFolder(context('win32', { EXHIBIT_DATA_DIR: 'D:\\exhibit-data' }, 'C:\\Users\\ana', 'C:\\'))).toBe(
      'D:\\exhibit-data\\indicators',
    );
    expect(indicatorCacheFolder(context('linux', { EXHIBIT_DATA_DIR: '  ' }, '/home/ana'))).toBe('/home/ana/.local/share/exhibit/indicators');
  });
});
