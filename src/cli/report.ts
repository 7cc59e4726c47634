/** `exhibit report RESULTS`: rewrite the HTML report of a results folder (and a PDF of it). */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { systemLanguage } from '../report/i18n/locale.js';
import { LANGUAGES } from '../report/i18n/types.js';

interface ReportFlags {
  lang?: string;
  redact?: boolean;
  output?: string;
  pdf?: boolean;
}

/** The --lang option, shared with `exhibit check`. */
export function languageOption(): Option {
  return new Option('--lang <code>', 'language of report.html (default: the system locale, else English)').choices([...LANGUAGES]);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the HTML report of a results folder again, in a language, optionally redacted for sharing')
    .argument('<results>', 'the results folder of a check')
    .addOption(languageOption())
    .option('--redact', 'hide phone numbers, e-mail addresses, serial numbers, IMEI/ICCID/UDID and message text (default file: report-redacted.html)')
    .option('-o, --output <file>', 'where to write the report (default: report.html in the results folder)')
    .option('--pdf', 'also write a PDF next to it, printed by a local Chromium')
    .action(async (results: string, flags: ReportFlags) => {
      const { writeReport } = await import('../report/html/write-report.js');
      const { writePdf } = await import('../report/html/pdf.js');
      const path = await writeReport(resolve(results), {
        lang: systemLanguage(flags.lang),
        redact: flags.redact ?? false,
        ...(flags.output !== undefined ? { output: resolve(flags.output) } : {}),
      });
      process.stdout.write(`Report written: ${path}\n`);
      if (flags.pdf) {
        const pdfPath = path.replace(/\.html?$/i, '') + '.pdf';
        await writePdf(path, pdfPath);
        process.stdout.write(`PDF written: ${pdfPath}\n`);
      }
    });
}
