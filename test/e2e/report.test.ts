/**
 * The HTML report in a real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core): a clean, a suspicious (heuristics only) and an infected synthetic
 * backup are checked with the CLI, their reports written in English, French and Arabic,
 * and each page is opened with every request refused and counted. Screenshots go to
 * test-output/report/ for a person to look at. A last part measures a report of 500,000
 * timeline records; its figures are printed and written to test-output/report/scale.json,
 * never asserted.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildIosBackup } from '../builders/ios-backup.js';
import { cleanBackupSpec, pegasusBackupSpec } from '../scenarios/ios-backups.js';
import { SUSPICIOUS_THREAT_TEXT, suspiciousBackupSpec } from '../scenarios/report-backups.js';
import { ROOT, runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';
import { PACKS } from '../../src/report/i18n/catalogue.js';
import type { Lang } from '../../src/report/i18n/types.js';
import { CHROMIUM_ARGS } from '../../src/report/html/pdf.js';
import { writeScaleResults } from '../support/scale-results.js';
import { writeReport } from '../../src/report/html/write-report.js';

const newDir = tempDirs();
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-output', 'report');

type Scenario = 'clean' | 'suspicious' | 'infected';
const LANGS: Lang[] = ['en', 'fr', 'ar'];

const EXPECTED: Record<Scenario, { verdict: 'clean' | 'review' | 'strong'; signs: number; notes: number; exit: number }> = {
  clean: { verdict: 'clean', signs: 0, notes: 0, exit: 0 },
  suspicious: { verdict: 'review', signs: 4, notes: 1, exit: 1 },
  infected: { verdict: 'strong', signs: 13, notes: 0, exit: 1 },
};

/** The language each scenario's check writes report.html in (--lang on exhibit check). */
const CHECK_LANG: Record<Scenario, Lang> = { clean: 'fr', suspicious: 'ar', infected: 'en' };

const VERDICT_KEY = { clean: 'verdict.clean.title', review: 'verdict.review.title', strong: 'verdict.strong.title' } as const;

/**
 * Code run inside the page, as source text: the project's TypeScript has no DOM types
 * (it targets Node), and these few lines need no more than the browser.
 */
const IN_PAGE = {
  reportCspViolations: `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective));`,
  direction: `[document.documentElement.lang, document.dir, getComputedStyle(document.body).direction]`,
  proseText: `(() => {
    const skip = (node) => {
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (el.matches('script, style, .mono, bdi, code, time, q, [lang]:not(html), .tl-rows, option, a')) return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!skip(node)) parts.push(node.textContent);
    return parts.join(' ');
  })()`,
  timelineSize: `(() => {
    const data = JSON.parse(document.getElementById('exhibit-data').textContent);
    return { rows: data.timeline.t.length, findingRows: new Set(data.timeline.findingRows.map((pair) => pair[0])).size };
  })()`,
  navigationTiming: `(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  })()`,
  // Scrolls the table from top to bottom in 240 animation frames and times every frame.
  scrollTable: `(async () => {
    const viewport = document.getElementById('tl-viewport');
    const longTasks = [];
    const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
    observer.observe({ type: 'longtask' });
    const frames = [];
    const steps = 240;
    const distance = viewport.scrollHeight - viewport.clientHeight;
    let last = performance.now();
    for (let i = 1; i <= steps; i += 1) {
      viewport.scrollTop = (distance * i) / steps;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    observer.disconnect();
    frames.sort((a, b) => a - b);
    return {
      longTasks: longTasks.length,
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
      frames: frames.length,
      medianMs: Math.round(frames[Math.floor(frames.length / 2)] * 10) / 10,
      p95Ms: Math.round(frames[Math.floor(frames.length * 0.95)] * 10) / 10,
      maxMs: Math.round(frames[frames.length - 1] * 10) / 10,
      over50ms: frames.filter((f) => f > 50).length,
      domRows: viewport.querySelectorAll('.tl-row:not([hidden])').length,
    };
  })()`,
  // Types a word into the filter and waits for the count to change (the input waits 200 ms first).
  filterTable: `(async () => {
    const input = document.getElementById('tl-q');
    const count = document.getElementById('tl-count');
    const before = count.textContent;
    const start = performance.now();
    input.value = 'example-17';
    input.dispatchEvent(new Event('input'));
    while (count.textContent === before) await new Promise((resolve) => setTimeout(resolve, 5));
    return { ms: performance.now() - start - 200, result: count.textContent };
  })()`,
};

let browser: Browser;
const results = {} as Record<Scenario, string>;

/** The doctype and the opening <html> tag, where the language and direction are. */
function htmlHead(page: string): string {
  return page.slice(0, page.indexOf('>', '<!DOCTYPE html>'.length) + 1);
}

function reportPath(scenario: Scenario, lang: Lang): string {
  return join(results[scenario], `report-${lang}.html`);
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  close(): Promise<void>;
}

/** Opens a report with every request refused and counted, and console errors collected. */
async function open(file: string, viewport = { width: 1200, height: 900 }): Promise<Opened> {
  const context = await browser.newContext({ viewport });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested === url) {
      await route.continue();
      return;
    }
    requests.push(requested);
    await route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.addInitScript({ content: IN_PAGE.reportCspViolations });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests, close: () => context.close() };
}

/** Visible words outside technical values and pieces marked as another language. */
async function proseText(page: Page): Promise<string> {
  return (await page.evaluate(IN_PAGE.proseText)) as string;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const specs: Record<Scenario, Parameters<typeof buildIosBackup>[1]> = {
    clean: cleanBackupSpec(),
    suspicious: suspiciousBackupSpec(),
    infected: pegasusBackupSpec({ safariHistory: true }),
  };
  for (const scenario of Object.keys(specs) as Scenario[]) {
    const backup = buildIosBackup(newDir(), specs[scenario]);
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress', '--lang', CHECK_LANG[scenario]]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(EXPECTED[scenario].exit);
    results[scenario] = out;
    for (const lang of LANGS) {
      const report = runCli(['report', out, '--lang', lang, '--output', reportPath(scenario, lang)]);
      expect(report.status).toBe(0);
    }
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('report.html written by exhibit check', () => {
  it('is in the language asked for, and the same bytes as exhibit report writes', () => {
    for (const scenario of ['clean', 'suspicious', 'infected'] as const) {
      const lang = CHECK_LANG[scenario];
      const written = readFileSync(join(results[scenario], 'report.html'), 'utf8');
      expect(htmlHead(written)).toBe(`<!DOCTYPE html>\n<html lang="${lang}" dir="${PACKS[lang].dir}">`);
      expect(written).toBe(readFileSync(reportPath(scenario, lang), 'utf8'));
    }
  });

  it('follows the system locale when no language is given', () => {
    const out = join(newDir(), 'system.html');
    const run = runCli(['report', results.clean, '--output', out], { env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'ar_MA.UTF-8' } });
    expect(run.status).toBe(0);
    expect(htmlHead(readFileSync(out, 'utf8'))).toBe('<!DOCTYPE html>\n<html lang="ar" dir="rtl">');
    const c = join(newDir(), 'c.html');
    expect(runCli(['report', results.clean, '--output', c], { env: { LC_ALL: 'C', LANG: 'fr_FR.UTF-8' } }).status).toBe(0);
    expect(htmlHead(readFileSync(c, 'utf8'))).toBe('<!DOCTYPE html>\n<html lang="en" dir="ltr">');
  });

  it('is deterministic: rewriting it gives the same bytes', () => {
    const again = join(newDir(), 'again.html');
    expect(runCli(['report', results.suspicious, '--lang', 'ar', '--output', again]).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(reportPath('suspicious', 'ar')))).toBe(true);
  });

  it('holds no reference to anything outside itself', () => {
    const page = readFileSync(reportPath('infected', 'fr'), 'utf8');
    expect(page).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\bsrc=|url\(|@import|@font-face/i);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+&#39;; script-src &#39;sha256-[^"]+&#39;; img-src &#39;none&#39;; connect-src &#39;none&#39;;/);
  });
});

describe.each((['clean', 'suspicious', 'infected'] as const).flatMap((scenario) => LANGS.map((lang) => [scenario, lang] as const)))(
  'the %s report in %s',
  (scenario, lang) => {
    it('shows the verdict, the findings, the right direction, and loads nothing', async () => {
      const expected = EXPECTED[scenario];
      const pack = PACKS[lang];
      const opened = await open(reportPath(scenario, lang));
      const { page } = opened;
      try {
        expect(await page.evaluate(IN_PAGE.direction)).toEqual([lang, pack.dir, pack.dir]);
        expect(await page.locator('#verdict-title').textContent()).toBe(pack.messages[VERDICT_KEY[expected.verdict]]);
        expect(await page.locator('.verdict-card').getAttribute('data-verdict')).toBe(expected.verdict);
        expect(await page.locator('.verdict-counts').getAttribute('data-findings')).toBe(String(expected.signs));
        expect(await page.locator('#found li.finding').count()).toBe(expected.signs + expected.notes);
        expect(await page.locator('#annex-findings article.finding-detail').count()).toBe(expected.signs + expected.notes);
        // The timeline came alive: the chart is drawn and the table shows rows.
        expect(await page.locator('#tl').isVisible()).toBe(true);
        expect(await page.locator('#tl-chart svg').count()).toBe(1);
        expect(await page.locator('#tl-rows .tl-row:not([hidden])').count()).toBeGreaterThan(0);
        if (lang !== 'en') {
          // No English prose left in a French or Arabic page (technical values aside).
          expect(await proseText(page)).not.toMatch(/\b(the|and|which|with|this|that|was|were|from)\b/);
        }
        await page.screenshot({ path: join(SHOTS, `${scenario}-${lang}.png`), fullPage: true });
        await page.screenshot({ path: join(SHOTS, `${scenario}-${lang}-first-screen.png`) });
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([]);
      } finally {
        await opened.close();
      }
    });
  },
);

describe('the report in use', () => {
  it('jumps from a finding to its day in the timeline, and filters the table', async () => {
    const opened = await open(reportPath('infected', 'en'));
    const { page } = opened;
    try {
      await page.locator('#annex-findings button.show-in-timeline').first().click();
      await expect.poll(() => page.locator('#tl-range').textContent()).toBe('14 Jul 2021');
      const focused = page.locator('#tl-rows .tl-row.focus');
      expect(await focused.count()).toBe(1);
      expect(await focused.locator('.c3').textContent()).toContain('process=bh');
      const data = (await page.evaluate(IN_PAGE.timelineSize)) as { rows: number; findingRows: number };
      await page.locator('#tl-period').uncheck();
      await page.locator('#tl-q').fill('baramije');
      await expect.poll(() => page.locator('#tl-count').textContent()).toBe(`1 of ${data.rows} records`);
      await page.locator('#tl-q').fill('');
      await page.locator('#tl-findings').check();
      await expect.poll(() => page.locator('#tl-count').textContent()).toBe(`${data.findingRows} of ${data.rows} records`);
      await page.locator('#tl-all').click();
      await page.locator('#tl-chart .bin').first().click();
      await page.screenshot({ path: join(SHOTS, 'infected-en-timeline-zoomed.png'), fullPage: false });
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('prints without the interactive parts', async () => {
    const opened = await open(reportPath('suspicious', 'fr'));
    const { page } = opened;
    try {
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.tl-table').isVisible()).toBe(false);
      expect(await page.locator('.tl-toolbar').isVisible()).toBe(false);
      expect(await page.locator('p.print-only').isVisible()).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'suspicious-fr-print.png'), fullPage: true });
    } finally {
      await opened.close();
    }
  });

  it('hides personal values in a redacted report but keeps the matched values', async () => {
    const out = join(newDir(), 'redacted.html');
    expect(runCli(['report', results.infected, '--lang', 'en', '--redact', '--output', out]).status).toBe(0);
    const text = readFileSync(out, 'utf8');
    for (const secret of ['+33600000002', '+33 6 00 00 00 01', 'F00DEMO00001', '350000000000001', 'person@example.org', 'Your parcel', '00008030-000DE30000000001']) {
      expect(text).not.toContain(secret);
    }
    for (const evidence of ['https://baramije.net/Qw3rTy', 'bergers.o79@gmail.com', 'free247downloads.com']) expect(text).toContain(evidence);
    const opened = await open(out);
    try {
      expect(await opened.page.locator('.redacted-note').count()).toBe(1);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('keeps the threat notification text, the matched value, in a redacted suspicious report', () => {
    const out = join(newDir(), 'redacted.html');
    expect(runCli(['report', results.suspicious, '--redact', '--lang', 'fr', '--output', out]).status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(SUSPICIOUS_THREAT_TEXT);
    expect(text).not.toContain('Rendez-vous demain');
    expect(text).not.toContain('+212');
  });

  it('writes a PDF with a local Chromium, and says so in one sentence without one', () => {
    const out = join(newDir(), 'shared.html');
    const run = runCli(['report', results.clean, '--lang', 'ar', '--output', out, '--pdf'], { env: { EXHIBIT_CHROMIUM: CHROMIUM } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Report written: ${out}\nPDF written: ${out.replace(/\.html$/, '.pdf')}\n`);
    expect(readFileSync(out.replace(/\.html$/, '.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = runCli(['report', results.clean, '--output', join(newDir(), 'r.html'), '--pdf'], {
      env: { EXHIBIT_CHROMIUM: '/nonexistent/chromium' },
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^exhibit: No local Chromium was found, so no PDF was written; .*r\.html was, so open it/);
  });

  it('refuses a language it does not have, and a folder that is not a results folder', () => {
    const lang = runCli(['report', results.clean, '--lang', 'de']);
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain("'de'");
    const folder = runCli(['report', newDir()]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/^exhibit: .* has no findings\.json; point Exhibit at the results folder of a check\.\n$/);
  });
});

describe('a report of 500,000 timeline records', () => {
  it('opens and scrolls in the browser (figures reported, not asserted)', async () => {
    const dir = newDir();
    const generation = performance.now();
    const { records, rows, findings } = await writeScaleResults(dir, 500_000);
    const generated = performance.now() - generation;
    const build = performance.now();
    const file = await writeReport(dir, { lang: 'en' });
    const built = performance.now() - build;
    expect(rows).toBe(500_000);

    const opened = await open(file, { width: 1280, height: 900 });
    const { page } = opened;
    try {
      const timing = (await page.evaluate(IN_PAGE.navigationTiming)) as { domContentLoaded: number; load: number };
      expect(await page.locator('#tl-count').textContent()).toBe('500,000 of 500,000 records');
      await page.locator('#annex-timeline').scrollIntoViewIfNeeded();
      const scroll = await page.evaluate(IN_PAGE.scrollTable);
      const lastRow = await page.locator('#tl-rows .tl-row:not([hidden])').last().locator('.c0').textContent();
      // Filtering all rows by a word, as a user would type it.
      const filter = (await page.evaluate(IN_PAGE.filterTable)) as { ms: number; result: string };
      const figures = {
        records,
        rows,
        findings,
        htmlBytes: statSync(file).size,
        generateMs: Math.round(generated),
        buildReportMs: Math.round(built),
        domContentLoadedMs: Math.round(timing.domContentLoaded),
        loadMs: Math.round(timing.load),
        scroll,
        lastRowTime: lastRow,
        filterMsAfterDebounce: Math.round(filter.ms),
        filterResult: filter.result,
      };
      writeFileSync(join(SHOTS, 'scale.json'), `${JSON.stringify(figures, null, 2)}\n`);
      process.stdout.write(`report scale figures: ${JSON.stringify(figures)}\n`);
      await page.screenshot({ path: join(SHOTS, 'scale-500k.png') });
      expect(lastRow).toBe('31/12/2023, 23:59:00');
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 300_000);
});
