/**
 * report.pdf from report.html with a local Chromium, when one is installed: the page is
 * printed with its print stylesheet, every request refused (the page needs none). No
 * browser is downloaded: EXHIBIT_CHROMIUM names one, else the usual install places.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../../errors.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** Flags for a quiet, sandboxed-by-flags headless run that makes no connection of its own. */
export const CHROMIUM_ARGS: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const named = env['EXHIBIT_CHROMIUM'];
  if (named !== undefined && named !== '') return existsSync(named) ? named : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

type PlaywrightCore = typeof import('playwright-core');

async function loadPlaywright(): Promise<PlaywrightCore | null> {
  try {
    // Optional at run time: a development dependency, present where PDFs are wanted.
    return await import('playwright-core');
  } catch {
    return null;
  }
}

export async function writePdf(htmlPath: string, pdfPath: string): Promise<void> {
  const executable = findChromium();
  const playwright = executable === null ? null : await loadPlaywright();
  if (executable === null || playwright === null) {
    throw new UsageError(
      'PDF_UNAVAILABLE',
      `No local Chromium${executable === null ? '' : ' driver (playwright-core)'} was found, so no PDF was written; ${htmlPath} was, so open it in a browser and print it to PDF, or set EXHIBIT_CHROMIUM to a Chrome or Chromium executable.`,
    );
  }
  // Playwright starts the browser with a fresh temporary profile of its own.
  const browser = await playwright.chromium.launch({ executablePath: executable, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const target = pathToFileURL(htmlPath).href;
    await context.route('**/*', async (route) => {
      if (route.request().url() === target) await route.continue();
      else await route.abort();
    });
    const page = await context.newPage();
    await page.goto(target, { waitUntil: 'load' });
    await page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
