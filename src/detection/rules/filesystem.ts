import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const CITIZEN_LAB_PREDATOR =
  'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';
const MVT_CHECK_FS = 'https://docs.mvt.re/en/latest/ios/filesystem/';

export const filesystemRules: Rule[] = [
  {
    id: 'ios.filesystem.file-path',
    version: 1,
    type: 'indicator',
    artifacts: ['filesystem'],
    // The file-path check also compares the last component with file-name indicators, so
    // one rule covers both: a second rule on `name` would repeat every file-name finding.
    // Paths are absolute on purpose: MVT compares relative ones and so misses
    // `/private/var/tmp/…` indicators.
    fields: ['path'],
    check: 'file-path',
    severity: 'high',
    confidence: 'high',
    title: 'The dump holds a file named in a spyware indicator',
    explanation:
      'The file-system dump lists the {record.type} {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'A generic file name can also be written by legitimate software; check the folder it sits in and its times.',
      'An indicator that names a folder matches every entry inside it, so one planted folder gives one finding per file it holds.',
    ],
    references: [CITIZEN_LAB_PREDATOR, MVT_CHECK_FS],
  },
  {
    id: 'ios.filesystem.process-in-path',
    version: 1,
    type: 'indicator',
    artifacts: ['filesystem'],
    // Every folder of the dump is an entry of its own, so checking each entry's own name
    // finds every path component once, instead of once per file under a matching folder.
    fields: ['name'],
    check: 'process-in-path',
    severity: 'high',
    confidence: 'medium',
    title: 'A file or folder of the dump bears a spyware process name',
    explanation:
      'The file-system dump lists {record.path}, whose name "{value}" is the {malware} process indicator "{indicator}" ({bundle}): implants keep their binaries under their process name, for instance in com.apple.xpc.roleaccountd.staging.',
    harmless: [
      'Short or generic process names can be the name of an ordinary file or folder; check where it sits and what it holds.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_CHECK_FS],
  },
];
