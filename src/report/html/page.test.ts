import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AcquisitionInfo } from '../../acquisition/acquisition.js';
import type { ArtifactRecord } from '../../artifacts/types.js';
import { Detector } from '../../detection/engine.js';
import { RULES } from '../../detection/rule-set.js';
import { IndicatorIndex } from '../../indicators/indicator-index.js';
import { parsed, writeResultsFolder } from '../../../test/support/results-folder.js';
import { tempDirs } from '../../../test/support/temp.js';
import { CLIENT_JS } from './client/index.js';
import { buildReportModel, type ReportModel } from './model.js';
import { renderReport } from './page.js';
import { STYLES } from './styles.js';
import { LIMITS_AR } from '../i18n/limits.ar.js';
import { LIMITS_EN } from '../i18n/limits.en.js';
import { LIMITS_FR } from '../i18n/limits.fr.js';

const newDir = tempDirs();

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

const INFO: AcquisitionInfo = {
  kind: 'ios-backup',
  name: 'backup "<b>"',
  device: { productName: 'iPhone <12>', productVersion: '16.5', deviceName: HOSTILE },
};

const RECORDS: ArtifactRecord[] = [
  {
    artifact: 'sms',
    times: [{ at: '2023-06-12T07:30:00.000000Z', meaning: 'received' }],
    fields: {
      rowid: 1,
      handle: HOSTILE,
      service: 'iMessage',
      // Apple's threat-notification wording makes a heuristic finding whose matched value is this text.
      text: `ALERT: State-sponsored attackers may be targeting your iPhone ${HOSTILE}`,
      is_threat_notification: true,
      links: [],
    },
    origin: { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d', sha256: 'e'.repeat(64), locator: { kind: 'sqlite', table: 'message', rowid: '1' } },
  },
];

let model: ReportModel;

beforeAll(async () => {
  const detector = new Detector(RULES, new IndicatorIndex([], []));
  const findings = RECORDS.flatMap((record) => detector.inspect(record));
  const dir = writeResultsFolder(newDir(), {
    info: INFO,
    records: RECORDS,
    findings,
    coverage: [parsed('sms', 'Messages (SMS, MMS, iMessage)', 1, ['HomeDomain/Library/SMS/sms.db'])],
  });
  model = await buildReportModel(dir);
});

describe('the report page', () => {
  it('escapes every value from the records, in the markup and in the embedded data', () => {
    expect(model.findings.map((item) => item.finding.rule.id)).toEqual(['ios.sms.apple-threat-notification']);
    for (const lang of ['en', 'fr', 'ar'] as const) {
      const page = renderReport(model, lang);
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img');
      expect(page.match(/<script\b/g)).toHaveLength(2);
      expect(page.match(/<\/script>/g)).toHaveLength(2);
      expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
      const data = /<script type="application\/json" id="exhibit-data">([^<]*)<\/script>/.exec(page)?.[1] ?? '';
      const parsedData = JSON.parse(data) as { timeline: { strings: string[] } };
      expect(parsedData.timeline.strings.join(' ')).toContain(HOSTILE);
    }
  });

  it('pins its only style and script by hash in its Content Security Policy', () => {
    const page = renderReport(model, 'en');
    const hash = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(page).toContain(`style-src &#39;sha256-${hash(STYLES)}&#39;`);
    expect(page).toContain(`script-src &#39;sha256-${hash(CLIENT_JS)}&#39;`);
    expect(page).toContain(`<style>${STYLES}</style>`);
    expect(page).toContain(`<script>${CLIENT_JS}</script>`);
  });

  it('is written in one language, right to left for Arabic, and the same every time', () => {
    const ar = renderReport(model, 'ar');
    expect(ar.startsWith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(ar).toContain('<p class="verdict-title" id="verdict-title">علامات تستحق أن يفحصها خبير</p>');
    expect(renderReport(model, 'ar')).toBe(ar);
    const fr = renderReport(model, 'fr');
    expect(fr).toContain('<p class="verdict-title" id="verdict-title">Des signes à faire examiner par un expert</p>');
    expect(fr).toContain('Notification de menace d’Apple\u00a0: logiciel espion étatique ou commercial');
  });

  it('says what the acquisition cannot show in the page\'s language, sentence by sentence from coverage.json', () => {
    expect(model.cannotShow).toEqual(LIMITS_EN['ios-backup']);
    expect(renderReport(model, 'fr')).toContain(`<li>${LIMITS_FR['ios-backup'][1] ?? ''}</li>`);
    expect(renderReport(model, 'ar')).toContain(`<li>${LIMITS_AR['ios-backup'][3] ?? ''}</li>`);
    // A sentence the catalogue does not know (a newer check) stays English, marked as such.
    const newer = { ...model, cannotShow: ['A sentence from a newer version.'] };
    expect(renderReport(newer, 'fr')).toContain('<li><span lang="en">A sentence from a newer version.</span></li>');
  });

  it('gives the time a sysdiagnose was taken, from its name, where a backup gives its date', () => {
    expect(renderReport(model, 'en')).not.toContain('Acquisition made on');
    const sysdiagnose: ReportModel = {
      ...model,
      acquisition: { ...model.acquisition, kind: 'ios-sysdiagnose', takenAt: '2026-01-02T09:11:12.000000Z', timeZone: { offsetMinutes: 60, label: '+0100' } },
    };
    expect(renderReport(sysdiagnose, 'en')).toContain(
      'Acquisition made on</dt><dd><time datetime="2026-01-02T09:11:12.000000Z" title="2026-01-02T09:11:12.000000Z">2 January 2026 at 09:11:12</time></dd>',
    );
  });

  it('names the members of the acquisition that were refused, in the page\'s language', () => {
    const withProblems: ReportModel = {
      ...model,
      problems: [{ path: '../../etc/passwd', code: 'unsafe-path', message: 'The member name escapes the archive.' }],
    };
    const fr = renderReport(withProblems, 'fr');
    expect(fr).toContain('<p class="warning">1 fichier de l’acquisition a été refusé ou n’a pas pu être lu\u00a0; l’annexe technique dit lequel.</p>');
    expect(fr).toContain('<td>chemin dangereux</td><td><q lang="en">The member name escapes the archive.</q></td>');
    expect(renderReport(model, 'fr')).not.toContain('class="problems"');
  });
});
