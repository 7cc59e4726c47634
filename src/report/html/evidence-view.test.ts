import { describe, expect, it } from 'vitest';
import { evidenceView } from './evidence-view.js';
import { createRedactor, MASK, NO_REDACTION } from './redact.js';

const statement = {
  _type: 'https://in-toto.io/Statement/v1',
  predicate: { operator: 'analyst', acquisition: { kind: 'ios-backup', name: '00008030-000DE30000000001' }, files: { count: 2 } },
  subject: [],
};
const envelope = {
  payloadType: 'application/vnd.in-toto+json',
  payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
  signatures: [{ keyid: 'fc26de22', sig: 'WUH6f2==' }],
};

describe('the seal and attestation as the page shows them', () => {
  it('finds a DSSE envelope one level down, decodes its statement and keeps the rest', () => {
    const view = evidenceView({ present: true, readable: true, value: { format: 'exhibit-signed/1', envelope } }, NO_REDACTION);
    expect(view).toEqual({
      state: 'present',
      envelopes: [
        {
          at: 'envelope',
          payloadType: 'application/vnd.in-toto+json',
          signatures: [{ keyid: 'fc26de22', sig: 'WUH6f2==' }],
          statement: [
            ['_type', 'https://in-toto.io/Statement/v1'],
            ['predicate.operator', 'analyst'],
            ['predicate.acquisition.kind', 'ios-backup'],
            ['predicate.acquisition.name', '00008030-000DE30000000001'],
            ['predicate.files.count', '2'],
            ['subject', '[]'],
          ],
        },
      ],
      other: [['format', 'exhibit-signed/1']],
    });
  });

  it('reads an envelope at the top of the file, redacting identifiers in its statement', () => {
    const redactor = createRedactor({ known: ['00008030-000DE30000000001'], keep: [] });
    const view = evidenceView({ present: true, readable: true, value: envelope }, redactor);
    expect(view.state === 'present' ? view.envelopes[0]?.statement[3] : null).toEqual(['predicate.acquisition.name', MASK]);
  });

  it('says when the file is absent or not JSON', () => {
    expect(evidenceView({ present: false }, NO_REDACTION)).toEqual({ state: 'absent' });
    expect(evidenceView({ present: true, readable: false }, NO_REDACTION)).toEqual({ state: 'unreadable' });
  });
});
