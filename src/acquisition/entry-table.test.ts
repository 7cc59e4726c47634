import { describe, expect, it } from 'vitest';
import { EntryTableBuilder } from './entry-table.js';

function listing(builder: EntryTableBuilder): { rows: string[]; shadowed: number[] } {
  const { table, shadowed } = builder.build();
  const rows: string[] = [];
  for (let i = 0; i < table.length; i++) {
    const row = table.at(i);
    rows.push(`${row.type} ${row.path} ${row.size} id${row.id}`);
  }
  return { rows, shadowed };
}

describe('EntryTableBuilder', () => {
  it('sorts by path in code-unit order, adds implied folders, and keeps the last of duplicate paths', () => {
    const builder = new EntryTableBuilder();
    builder.add({ path: 'a/b.txt', type: 'file', size: 1 });
    builder.add({ path: 'a.txt', type: 'file', size: 2 });
    builder.add({ path: 'a-b/c', type: 'file', size: 3 });
    builder.add({ path: 'a/b.txt', type: 'file', size: 4 });
    builder.add({ path: 'a/d/e/f', type: 'file', size: 5 });
    expect(listing(builder)).toEqual({
      rows: [
        'directory a 0 id6',
        'directory a-b 0 id5',
        'file a-b/c 3 id2',
        'file a.txt 2 id1',
        'file a/b.txt 4 id3',
        'directory a/d 0 id8',
        'directory a/d/e 0 id7',
        'file a/d/e/f 5 id4',
      ],
      shadowed: [0],
    });
  });

  it('does not turn a file into a folder when a member claims to be inside it', () => {
    const builder = new EntryTableBuilder();
    builder.add({ path: 'x', type: 'file', size: 1 });
    builder.add({ path: 'x/y', type: 'file', size: 2 });
    expect(listing(builder).rows).toEqual(['file x 1 id0', 'file x/y 2 id1']);
  });
});

describe('EntryTable.match', () => {
  it('narrows to the literal prefix and keeps glob semantics', () => {
    const builder = new EntryTableBuilder();
    for (const path of ['p/a.db', 'p/a.db-wal', 'p/q/a.db', 'pa.db', 'p2/a.db']) builder.add({ path, type: 'file' });
    const { table } = builder.build();
    const match = (pattern: string): string[] => [...table.match(pattern)].map((i) => table.pathAt(i));
    expect(match('p/*.db')).toEqual(['p/a.db']);
    expect(match('p/**/a.db')).toEqual(['p/a.db', 'p/q/a.db']);
    expect(match('p*/a.db')).toEqual(['p/a.db', 'p2/a.db']);
    expect(match('p/a.db')).toEqual(['p/a.db']);
    expect(match('**/a.db')).toEqual(['p/a.db', 'p/q/a.db', 'p2/a.db']);
    expect(match('nothing/*')).toEqual([]);
  });
});
