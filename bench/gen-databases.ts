/**
 * The record-heavy databases of the bench's iPhone: Safari History.db, sms.db and
 * DataUsage.sqlite. Each starts as the Pegasus demo's database (test/scenarios, written by
 * the test builders with the real schema and the planted traces) and is then grown on disk
 * with bulk rows in one transaction of prepared statements.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pegasusBackupSpec } from '../test/scenarios/ios-backups.js';
import { attributedBodyBlob } from '../test/builders/ios/sms-db.js';
import { Prng } from './prng.js';
import { APPS, DAEMONS, SECTIONS, SITES, sentence } from './vocabulary.js';
import type { BackupScale } from './scale.js';

const MAC_EPOCH = 978_307_200;
/** The demo backup's date; bulk history spans the two years before it. */
const LAST_TIME = Date.parse('2021-07-19T20:00:00Z') / 1000 - MAC_EPOCH;
const SPAN_SECONDS = 2 * 365 * 86_400;

export interface BenchDatabase {
  /** Where the database sits in the backup and in the file-system dump. */
  domain: string;
  relativePath: string;
  devicePath: string;
  /** The grown database on disk. */
  file: string;
  /** Rows the generator added, for the report. */
  rows: Record<string, number>;
}

function seedOf(relativePath: string): Buffer {
  const file = pegasusBackupSpec({ safariHistory: true }).files.find((f) => f.relativePath === relativePath);
  if (!file || typeof file.content === 'string') throw new Error(`bench: the demo backup has no ${relativePath}`);
  return file.content;
}

function openForBulk(file: string, seed: Buffer): Database.Database {
  writeFileSync(file, seed);
  const db = new Database(file);
  // Generated data: durability during the load buys nothing.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // better-sqlite3 enforces foreign keys; redirect links point forward to rows not yet written.
  db.pragma('foreign_keys = OFF');
  return db;
}

/** Times for `count` rows, ascending over the two years before the backup. */
function timeAt(index: number, count: number, prng: Prng): number {
  return LAST_TIME - SPAN_SECONDS + (SPAN_SECONDS * index) / count + prng.next() * 60;
}

function growSafariHistory(file: string, visits: number, prng: Prng): Record<string, number> {
  const db = openForBulk(file, seedOf('Library/Safari/History.db'));
  // The seed holds items and visits 1 and 2.
  const firstId = 3;
  const roots = SITES.length;
  const articles = Math.max(1, Math.ceil(visits / 3));
  const itemCount = roots + articles;
  const siteOfArticle = new Uint16Array(articles);
  for (let i = 0; i < articles; i++) siteOfArticle[i] = prng.skewed(SITES.length, 2);
  // Visits are assigned first so each item's visit_count is right.
  const itemOfVisit = new Int32Array(visits);
  const redirected = new Uint8Array(visits);
  const visitCounts = new Int32Array(itemCount);
  for (let v = 0; v < visits; v++) {
    // About 2 % of visits are a site's root redirecting (same host, HTTPS) to an article.
    if (v + 1 < visits && prng.chance(0.02)) {
      const article = prng.skewed(articles, 2);
      const site = siteOfArticle[article] ?? 0;
      itemOfVisit[v] = site;
      itemOfVisit[v + 1] = roots + article;
      redirected[v] = 1;
      visitCounts[site] = (visitCounts[site] ?? 0) + 1;
      visitCounts[roots + article] = (visitCounts[roots + article] ?? 0) + 1;
      v += 1;
      continue;
    }
    const article = prng.skewed(articles, 2);
    itemOfVisit[v] = roots + article;
    visitCounts[roots + article] = (visitCounts[roots + article] ?? 0) + 1;
  }
  // Only items with a visit are written, as Safari expires an item with its last visit.
  const itemIds = new Int32Array(itemCount);
  let written = 0;
  for (let i = 0; i < itemCount; i++) if ((visitCounts[i] ?? 0) > 0) itemIds[i] = firstId + written++;
  const addItem = db.prepare(
    `INSERT INTO history_items (id, url, domain_expansion, visit_count, daily_visit_counts, should_recompute_derived_visit_counts, visit_count_score)
     VALUES (?, ?, ?, ?, ?, 0, ?)`,
  );
  const addVisit = db.prepare(
    `INSERT INTO history_visits (id, history_item, visit_time, title, load_successful, http_non_get, redirect_source, redirect_destination, origin)
     VALUES (?, ?, ?, ?, 1, 0, ?, ?, ?)`,
  );
  const dailyCounts = Buffer.alloc(4);
  const titles = new Map<number, string>();
  db.transaction(() => {
    for (let i = 0; i < itemCount; i++) {
      const count = visitCounts[i] ?? 0;
      if (count === 0) continue;
      const site = i < roots ? (SITES[i] ?? '') : (SITES[siteOfArticle[i - roots] ?? 0] ?? '');
      const url =
        i < roots ? `https://${site}/` : `https://${site}/${prng.pick(SECTIONS)}/${prng.hex(6)}-${sentence((items) => prng.pick(items), 4).toLowerCase().replaceAll(' ', '-')}-${i}`;
      addItem.run(itemIds[i], url, site.replace(/^www\./, '').split('.')[0] ?? null, count, dailyCounts, count * 100);
    }
    let previousTime = 0;
    for (let v = 0; v < visits; v++) {
      const item = itemOfVisit[v] ?? 0;
      let title = titles.get(item);
      if (title === undefined) {
        title = sentence((items) => prng.pick(items), prng.int(3, 9));
        if (titles.size < 50_000) titles.set(item, title);
      }
      const id = firstId + v;
      const redirectsTo = redirected[v] === 1 ? id + 1 : null;
      const redirectedFrom = v > 0 && redirected[v - 1] === 1 ? id - 1 : null;
      // A redirect lands 80 ms after the visit that caused it.
      const at = redirectedFrom !== null ? previousTime + 0.08 : timeAt(v, visits, prng);
      previousTime = at;
      addVisit.run(id, itemIds[item], at, title, redirectedFrom, redirectsTo, prng.chance(0.1) ? 1 : 0);
    }
  })();
  db.close();
  return { history_items: written, history_visits: visits };
}

function growSms(file: string, messages: number, prng: Prng): Record<string, number> {
  const db = openForBulk(file, seedOf('Library/SMS/sms.db'));
  const handles = 400;
  const addHandle = db.prepare('INSERT INTO handle (ROWID, id, service, country) VALUES (?, ?, ?, ?)');
  const addMessage = db.prepare(
    `INSERT INTO message (ROWID, guid, text, handle_id, service, account, date, date_read, date_delivered,
       is_from_me, is_read, is_sent, is_delivered, is_finished, attributedBody, cache_has_attachments, destination_caller_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let h = 0; h < handles; h++) {
      const imessage = prng.chance(0.7);
      const id = imessage && prng.chance(0.3) ? `contact${h}@example.org` : `+3361${String(1_000_000 + h * 37).padStart(7, '0')}`;
      addHandle.run(3 + h, id, imessage ? 'iMessage' : 'SMS', 'fr');
    }
    for (let m = 0; m < messages; m++) {
      const handle = 3 + prng.skewed(handles, 2);
      const fromMe = prng.chance(0.45);
      let text = sentence((items) => prng.pick(items), prng.int(2, 24));
      if (prng.chance(0.04)) text += ` https://${prng.pick(SITES)}/${prng.pick(SECTIONS)}/${prng.hex(8)}`;
      const date = BigInt(Math.round(timeAt(m, messages, prng))) * 1_000_000_000n + BigInt(prng.int(0, 999_999_999));
      // Newer iOS stores only attributedBody for a share of messages: both paths are read.
      const textColumn = prng.chance(0.25) ? null : text;
      const service = prng.chance(0.8) ? 'iMessage' : 'SMS';
      addMessage.run(
        3 + m,
        prng.uuid(),
        textColumn,
        handle,
        service,
        'E:owner@example.org',
        date,
        fromMe ? 0n : date + 60_000_000_000n,
        date + 2_000_000_000n,
        fromMe ? 1 : 0,
        fromMe ? 0 : 1,
        fromMe ? 1 : 0,
        attributedBodyBlob(text),
        prng.chance(0.05) ? 1 : 0,
        '+33600000001',
      );
    }
  })();
  db.close();
  return { handle: handles, message: messages };
}

function growDataUsage(file: string, liveRows: number, prng: Prng): Record<string, number> {
  const db = openForBulk(file, seedOf('Library/Databases/DataUsage.sqlite'));
  // The seed's processes end at Z_PK 6 (5 deleted), its live usage at 3.
  const firstProcess = 7;
  const firstLive = 4;
  const processes = Math.max(1, Math.floor(liveRows / 2));
  const addProcess = db.prepare('INSERT INTO ZPROCESS (Z_PK, Z_ENT, Z_OPT, ZFIRSTTIMESTAMP, ZTIMESTAMP, ZBUNDLENAME, ZPROCNAME) VALUES (?, 7, 1, ?, ?, ?, ?)');
  const addLive = db.prepare(
    `INSERT INTO ZLIVEUSAGE (Z_PK, Z_ENT, Z_OPT, ZKIND, ZMETADATA, ZTAG, ZHASPROCESS, ZBILLCYCLEEND, ZTIMESTAMP, ZWIFIIN, ZWIFIOUT, ZWWANIN, ZWWANOUT)
     VALUES (?, 5, 1, 0, 0, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let p = 0; p < processes; p++) {
      const first = timeAt(p, processes, prng);
      const daemon = p < DAEMONS.length ? DAEMONS[p] : undefined;
      const bundle = daemon ? (daemon.split('/')[1] ?? null) : prng.pick(APPS);
      // Apps appear as `<container UUID>/<bundle>`, one row per container generation.
      const name = daemon ?? `${prng.uuid()}/${bundle}`;
      addProcess.run(firstProcess + p, first, Math.min(LAST_TIME, first + prng.int(0, 30 * 86_400)), bundle, name);
    }
    for (let l = 0; l < liveRows; l++) {
      const wifi = prng.chance(0.7);
      const amount = (): number => prng.logUniform(100, 50_000_000);
      addLive.run(
        firstLive + l,
        prng.int(0, 3),
        firstProcess + prng.int(0, processes - 1),
        timeAt(l, liveRows, prng),
        wifi ? amount() : 0,
        wifi ? amount() : 0,
        wifi ? 0 : amount(),
        wifi ? 0 : amount(),
      );
    }
    db.prepare("UPDATE Z_PRIMARYKEY SET Z_MAX = ? WHERE Z_NAME = 'Process'").run(firstProcess + processes - 1);
    db.prepare("UPDATE Z_PRIMARYKEY SET Z_MAX = ? WHERE Z_NAME = 'LiveUsage'").run(firstLive + liveRows - 1);
  })();
  db.close();
  return { ZPROCESS: processes, ZLIVEUSAGE: liveRows };
}

/** Writes the three databases under `<out>/databases/` and says where each belongs. */
export function generateDatabases(out: string, scale: BackupScale, seed: number): BenchDatabase[] {
  const folder = join(out, 'databases');
  mkdirSync(folder, { recursive: true });
  const history = join(folder, 'History.db');
  const sms = join(folder, 'sms.db');
  const dataUsage = join(folder, 'DataUsage.sqlite');
  return [
    {
      domain: 'HomeDomain',
      relativePath: 'Library/Safari/History.db',
      devicePath: 'private/var/mobile/Library/Safari/History.db',
      file: history,
      rows: growSafariHistory(history, scale.safariVisits, new Prng(seed + 1)),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/SMS/sms.db',
      devicePath: 'private/var/mobile/Library/SMS/sms.db',
      file: sms,
      rows: growSms(sms, scale.messages, new Prng(seed + 2)),
    },
    {
      domain: 'WirelessDomain',
      relativePath: 'Library/Databases/DataUsage.sqlite',
      devicePath: 'private/var/wireless/Library/Databases/DataUsage.sqlite',
      file: dataUsage,
      rows: growDataUsage(dataUsage, scale.dataUsageRows, new Prng(seed + 3)),
    },
  ];
}
