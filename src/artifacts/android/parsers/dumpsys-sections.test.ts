import { describe, expect, it } from 'vitest';
import { dumpstateBanner, isTruncated, sectionLines, sectionsNamed, splitDumpsysSections, systemPropertiesLines, truncationMessage } from './dumpsys-sections.js';

const SEP = '-'.repeat(79);

describe('dumpsys section framing', () => {
  it('cuts sections between their header and the next separator, with line numbers', () => {
    const text = [
      'some preamble',
      SEP,
      'DUMP OF SERVICE package:',
      'Packages:',
      '  Package [a.b] (1):',
      '--------- 2.929s was the duration of dumpsys package, ending at: 2022-01-28 17:37:43',
      SEP,
      'DUMP OF SERVICE CRITICAL appops:',
      '  Uid 0:',
      SEP,
    ].join('\n');
    const sections = splitDumpsysSections(text);
    expect(sections.map((s) => [s.name, s.priority, s.headerLine, s.end])).toEqual([
      ['package', null, 3, 'separator'],
      ['appops', 'CRITICAL', 8, 'separator'],
    ]);
    const [pkg] = sectionsNamed(sections, 'package');
    expect(pkg?.durationLine).toBe('--------- 2.929s was the duration of dumpsys package, ending at: 2022-01-28 17:37:43');
    expect(sectionLines(text, pkg!)).toEqual([
      { line: 4, text: 'Packages:' },
      { line: 5, text: '  Package [a.b] (1):' },
    ]);
  });

  it('keeps a section cut short and says where it stops', () => {
    const text = `${SEP}\nDUMP OF SERVICE dbinfo:\nline\nDUMP OF SERVICE adb:\nx\n------ 0.1s was the duration of 'DUMPSYS' ------\nDUMP OF SERVICE accessibility:\ny`;
    const sections = splitDumpsysSections(text);
    expect(sections.map((s) => [s.name, s.end, isTruncated(s)])).toEqual([
      ['dbinfo', 'next-section', false],
      ['adb', 'dumpstate-block', true],
      ['accessibility', 'end-of-file', true],
    ]);
    expect(truncationMessage(sections[2]!)).toBe(
      'the dumpsys accessibility section (line 7) stops at the end of the file without its closing line; what it holds was read',
    );
    expect(sectionLines(text, sections[2]!)).toEqual([{ line: 8, text: 'y' }]);
  });

  it('ignores header-like lines that are not headers', () => {
    expect(splitDumpsysSections('DUMP OF SERVICE with spaces in name:\nDUMP OF SERVICE x\n')).toEqual([]);
  });

  it('finds the SYSTEM PROPERTIES block and the dumpstate banner of a bugreport', () => {
    const text = '== dumpstate: 2024-04-30 11:05:00\n\n------ SYSTEM PROPERTIES (getprop) ------\n[a]: [1]\n[b]: [2]\n------ 0.04s was the duration of \'SYSTEM PROPERTIES\' ------\n';
    expect(systemPropertiesLines(text)).toEqual([
      { line: 4, text: '[a]: [1]' },
      { line: 5, text: '[b]: [2]' },
    ]);
    expect(dumpstateBanner(text)).toEqual({ local: '2024-04-30 11:05:00', line: 1 });
    expect(systemPropertiesLines('nothing')).toBeNull();
    expect(dumpstateBanner('nothing')).toBeNull();
  });
});
