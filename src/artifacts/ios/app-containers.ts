/**
 * Which app a container folder of a file-system dump belongs to. On the device an app's
 * data lives under a random UUID (`private/var/mobile/Containers/Data/Application/<UUID>/`);
 * only the container manager's metadata plist at the container's root names the owner, in
 * `MCMMetadataIdentifier` (the app's bundle id, a plug-in's id, or an app group's id). A
 * backup needs none of this: its domains already carry the id (`AppDomain-<bundle id>`).
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext } from '../types.js';
import { isPlistDict } from '../../formats/plist.js';
import { describeError } from '../../errors.js';

export type ContainerKind = 'app-data' | 'app-group' | 'plugin-data' | 'app-bundle' | 'system-data' | 'system-group';

export interface ContainerPlace {
  /** The container's folder in the Source's tree, without a trailing '/'. */
  path: string;
  kind: ContainerKind;
  uuid: string;
}

export interface AppContainer extends ContainerPlace {
  /** The container's owner as the container manager recorded it; null when unknown. */
  appId: string | null;
}

export const CONTAINER_METADATA_FILE = '.com.apple.mobile_container_manager.metadata.plist';

const CONTAINER_ROOTS: ReadonlyArray<{ prefix: string; kind: ContainerKind }> = [
  { prefix: 'private/var/mobile/Containers/Data/Application/', kind: 'app-data' },
  { prefix: 'private/var/mobile/Containers/Shared/AppGroup/', kind: 'app-group' },
  { prefix: 'private/var/mobile/Containers/Data/PluginKitPlugin/', kind: 'plugin-data' },
  { prefix: 'private/var/containers/Bundle/Application/', kind: 'app-bundle' },
  { prefix: 'private/var/containers/Data/System/', kind: 'system-data' },
  { prefix: 'private/var/containers/Shared/SystemGroup/', kind: 'system-group' },
];

/** The container a dump path lies in (the path itself may be the container), or null. */
export function containerPlaceOf(path: string): ContainerPlace | null {
  for (const { prefix, kind } of CONTAINER_ROOTS) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const uuid = slash < 0 ? rest : rest.slice(0, slash);
    if (uuid === '') return null;
    return { path: `${prefix}${uuid}`, kind, uuid };
  }
  return null;
}

// Several extractors ask about the same containers in one run; the plist is read once per Source.
const lookups = new WeakMap<Source, Map<string, Promise<string | null>>>();

async function readOwner(source: Source, container: ContainerPlace, context: ExtractContext): Promise<string | null> {
  const metadata = `${container.path}/${CONTAINER_METADATA_FILE}`;
  const entry = source.stat(metadata);
  if (entry?.type !== 'file' || !source.hasContent(metadata)) return null;
  try {
    const { value } = await source.readPlist(metadata);
    const id = isPlistDict(value) ? value['MCMMetadataIdentifier'] : undefined;
    if (typeof id === 'string' && id !== '') return id;
    context.issue({ code: 'unsupported-schema', path: metadata, message: `${metadata} has no MCMMetadataIdentifier, so the app owning the container is unknown` });
  } catch (error) {
    context.issue({ code: 'corrupt', path: metadata, message: `${metadata} could not be read, so the app owning the container is unknown: ${describeError(error)}` });
  }
  return null;
}

/**
 * The container holding `path` and its owner. A missing or unreadable metadata plist
 * leaves the owner unknown (the latter reported once, to the first extractor that asks).
 */
export async function appContainerOf(source: Source, path: string, context: ExtractContext): Promise<AppContainer | null> {
  const place = containerPlaceOf(path);
  if (!place) return null;
  let known = lookups.get(source);
  if (!known) {
    known = new Map();
    lookups.set(source, known);
  }
  let owner = known.get(place.path);
  if (!owner) {
    owner = readOwner(source, place, context);
    known.set(place.path, owner);
  }
  return { ...place, appId: await owner };
}
