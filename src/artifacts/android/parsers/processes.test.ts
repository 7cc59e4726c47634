import { describe, expect, it } from 'vitest';
import { appIdOfProcess, parsePsTable, readProcessJson } from './processes.js';

describe('process lists', () => {
  it('reads ps -A, with kernel threads unbracketed and a blank WCHAN tolerated', () => {
    const text = [
      'USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME',
      'root             1     0 10904000  11432 0                   0 S init',
      'root             2     0       0      0 0                   0 S [kthreadd]',
      'system         612     1 10787000   4012                     0 S gatekeeperd',
      'u0_a201       5555   700 15000000  90000 0                   0 S com.androidservices.support:remote',
      'short',
    ].join('\n');
    const table = parsePsTable(text);
    expect(table?.processes.map((p) => [p.name, p.kernelThread, p.pid, p.ppid, p.user, p.state, p.wchan, p.line])).toEqual([
      ['init', false, 1, 0, 'root', 'S', '0', 2],
      ['kthreadd', true, 2, 0, 'root', 'S', '0', 3],
      ['gatekeeperd', false, 612, 1, 'system', 'S', null, 4],
      ['com.androidservices.support:remote', false, 5555, 700, 'u0_a201', 'S', '0', 5],
    ]);
    expect(table?.badLines).toEqual([6]);
  });

  it('reads the LABEL column of ps -A -Z', () => {
    const table = parsePsTable('LABEL                          USER   PID  PPID     VSZ    RSS WCHAN  ADDR S NAME\nu:r:init:s0 root 1 0 100 10 0 0 S init\n');
    expect(table?.processes[0]).toMatchObject({ name: 'init', label: 'u:r:init:s0', pid: 1 });
  });

  it('returns null without a header', () => {
    expect(parsePsTable('init\nzygote\n')).toBeNull();
  });

  it('reads processes.json objects', () => {
    expect(readProcessJson({ pid: 7, ppid: 1, uid: 1000, filename: 'bh', path: '/data/local/tmp/bh', command_line: ['/data/local/tmp/bh', '-d'], context: 'u:r:shell:s0', cwd: '/' }, 3)).toEqual({
      name: 'bh',
      kernelThread: false,
      pid: 7,
      ppid: 1,
      user: null,
      uid: 1000,
      label: 'u:r:shell:s0',
      state: null,
      path: '/data/local/tmp/bh',
      commandLine: ['/data/local/tmp/bh', '-d'],
      cwd: '/',
      rss: null,
      vsz: null,
      wchan: null,
      index: 3,
    });
    expect(readProcessJson({ pid: 1 }, 0)).toBeNull();
    expect(readProcessJson('x', 0)).toBeNull();
  });

  it('names the app of an app process', () => {
    expect(appIdOfProcess('com.androidservices.support:remote')).toBe('com.androidservices.support');
    expect(appIdOfProcess('com.whatsapp')).toBe('com.whatsapp');
    expect(appIdOfProcess('gatekeeperd')).toBeNull();
    expect(appIdOfProcess('/system/bin/adbd')).toBeNull();
  });
});
