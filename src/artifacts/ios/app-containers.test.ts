import { describe, expect, it } from 'vitest';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import type { ArtifactRecord, Extractor } from '../types.js';
import { appContainerOf, CONTAINER_METADATA_FILE, containerPlaceOf } from './app-containers.js';

const APP = 'private/var/mobile/Containers/Data/Application/1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9';
const GROUP = 'private/var/mobile/Containers/Shared/AppGroup/0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9';
const BROKEN = 'private/var/mobile/Containers/Data/Application/22222222-3333-4444-5555-666666666666';
const NAMELESS = 'private/var/mobile/Containers/Data/Application/77777777-8888-4999-AAAA-BBBBBBBBBBBB';

function metadata(id: string): Buffer {
  return binaryPlist({ MCMMetadataIdentifier: id, MCMMetadataContentClass: 2, MCMMetadataUUID: 'x' });
}

/** Asks for the owner of each path, twice, through one Source, as two extractors of a run would. */
function probe(paths: string[]): Extractor {
  return {
    id: 'probe',
    title: 'probe',
    platform: 'ios',
    acquisitions: ['ios-fs'],
    paths: { 'ios-fs': ['**'] },
    async *extract(source, context) {
      for (const round of [1, 2]) {
        for (const path of paths) {
          const container = await appContainerOf(source, path, context);
          const record: ArtifactRecord = {
            artifact: 'probe',
            times: [],
            fields: { round, asked: path, container: container?.path ?? null, kind: container?.kind ?? null, app_id: container?.appId ?? null },
            origin: { path, stored: path, sha256: '', locator: { kind: 'file' } },
          };
          yield record;
        }
      }
    },
  };
}

describe('app containers', () => {
  it('places a dump path in its container, and leaves other paths out', () => {
    expect(containerPlaceOf(`${APP}/Library/Caches/com.example.reader/Cache.db`)).toEqual({
      path: APP,
      kind: 'app-data',
      uuid: '1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9',
    });
    expect(containerPlaceOf(GROUP)).toEqual({ path: GROUP, kind: 'app-group', uuid: '0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9' });
    expect(containerPlaceOf('private/var/mobile/Containers/Data/Application/')).toBeNull();
    expect(containerPlaceOf('private/var/mobile/Library/Caches/com.apple.nsurlsessiond/Cache.db')).toBeNull();
    // Near miss: a folder that only starts like a container root.
    expect(containerPlaceOf('private/var/mobile/Containers/Data/ApplicationX/abc/Cache.db')).toBeNull();
  });

  it('names the owner from the container manager metadata, reads each plist once and reports unreadable ones once', async () => {
    const tree = fsDumpTree({
      nodes: [
        { path: `${APP}/${CONTAINER_METADATA_FILE}`, content: metadata('com.example.reader') },
        { path: `${APP}/Library/Caches/com.example.reader/Cache.db`, content: 'x' },
        { path: `${GROUP}/${CONTAINER_METADATA_FILE}`, content: metadata('group.com.example.shared') },
        { path: `${BROKEN}/${CONTAINER_METADATA_FILE}`, content: 'not a plist' },
        { path: `${NAMELESS}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataContentClass: 2 }) },
        { path: 'private/var/mobile/Containers/Data/Application/99999999-0000-4000-8000-000000000000/Documents/a', content: 'a' },
      ],
    });
    const asked = [
      `${APP}/Library/Caches/com.example.reader/Cache.db`,
      `${GROUP}/Library/x`,
      `${BROKEN}/Library/x`,
      `${NAMELESS}/Library/x`,
      'private/var/mobile/Containers/Data/Application/99999999-0000-4000-8000-000000000000/Documents/a',
      'private/var/mobile/Library/x',
    ];
    const { records, issues } = await extractFromTree(tree, 'ios-fs', probe(asked));
    expect(records.filter((r) => r.fields['round'] === 1).map((r) => [r.fields['container'], r.fields['kind'], r.fields['app_id']])).toEqual([
      [APP, 'app-data', 'com.example.reader'],
      [GROUP, 'app-group', 'group.com.example.shared'],
      [BROKEN, 'app-data', null],
      [NAMELESS, 'app-data', null],
      ['private/var/mobile/Containers/Data/Application/99999999-0000-4000-8000-000000000000', 'app-data', null],
      [null, null, null],
    ]);
    expect(records.filter((r) => r.fields['round'] === 2).map((r) => r.fields['app_id'])).toEqual(records.filter((r) => r.fields['round'] === 1).map((r) => r.fields['app_id']));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['corrupt', `${BROKEN}/${CONTAINER_METADATA_FILE}`],
      ['unsupported-schema', `${NAMELESS}/${CONTAINER_METADATA_FILE}`],
    ]);
    expect(issues[1]?.message).toBe(`${NAMELESS}/${CONTAINER_METADATA_FILE} has no MCMMetadataIdentifier, so the app owning the container is unknown`);
  });
});
