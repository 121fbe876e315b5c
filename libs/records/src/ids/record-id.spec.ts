import {
  assignRecordIds,
  deriveRecordId,
  isRecordId,
  pinsAfterContentChange,
  recordContentKey,
  type RrsetKey,
} from './record-id';

const ZONE_ID = '5b0f6c1e-8d6a-4f0e-9a57-3f1c2d4e5a6b';
const www: RrsetKey = { zoneId: ZONE_ID, fqdn: 'www.example.com.', type: 'A' };

describe('record ids', () => {
  it('are UUIDs (version 8, RFC 9562 variant)', () => {
    const id = deriveRecordId(www, '192.0.2.1');
    expect(isRecordId(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(isRecordId('not-an-id')).toBe(false);
  });

  it('are stable: the same record always gets the same id', () => {
    expect(deriveRecordId(www, '192.0.2.1')).toBe(deriveRecordId(www, '192.0.2.1'));
    expect(deriveRecordId(www, '192.0.2.1')).toBe(
      deriveRecordId({ zoneId: ZONE_ID, fqdn: 'WWW.example.com', type: 'a' }, '192.0.2.1'),
    );
    // A fixed value: changing the derivation would change every id clients hold.
    expect(deriveRecordId(www, '192.0.2.1')).toMatchInlineSnapshot(
      `"9aba9ae6-7276-8fa9-8bde-d9550854f12e"`,
    );
  });

  it('differ by zone, name, type and content', () => {
    const id = deriveRecordId(www, '192.0.2.1');
    const others = [
      deriveRecordId({ ...www, zoneId: 'another-zone' }, '192.0.2.1'),
      deriveRecordId({ ...www, fqdn: 'api.example.com.' }, '192.0.2.1'),
      deriveRecordId({ ...www, type: 'AAAA' }, '192.0.2.1'),
      deriveRecordId(www, '192.0.2.2'),
      deriveRecordId(www, '192.0.2.1', 1),
    ];
    expect(new Set([id, ...others]).size).toBe(6);
  });

  it('are derived from canonical content, so spellings PowerDNS accepts agree', () => {
    expect(recordContentKey('MX', '10 MAIL.Example.com.', 'example.com')).toBe(
      '10 mail.example.com.',
    );
    expect(recordContentKey('AAAA', '2001:DB8:0::1', 'example.com')).toBe('2001:db8::1');
    // Content ScaiDNS can't parse keeps its own text rather than failing the read.
    expect(recordContentKey('A', ' not an address ', 'example.com')).toBe('not an address');
  });

  describe('assignRecordIds', () => {
    it('derives ids when nothing is pinned', () => {
      expect(assignRecordIds(www, ['192.0.2.1', '192.0.2.2'], [])).toEqual({
        ids: [deriveRecordId(www, '192.0.2.1'), deriveRecordId(www, '192.0.2.2')],
        toPin: [],
        stale: [],
      });
    });

    it('keeps a record its id across a content PATCH', () => {
      const id = deriveRecordId(www, '192.0.2.1');
      const pins = pinsAfterContentChange(www, [], { id, from: '192.0.2.1', to: '192.0.2.9' });
      expect(pins).toEqual([{ content: '192.0.2.9', id }]);
      const read = assignRecordIds(www, ['192.0.2.2', '192.0.2.9'], pins);
      expect(read.ids).toEqual([deriveRecordId(www, '192.0.2.2'), id]);
      expect(read.toPin).toEqual([]);
      expect(read.stale).toEqual([]);
    });

    it('keeps the id across several PATCHes and drops the pin when content returns', () => {
      const id = deriveRecordId(www, '192.0.2.1');
      let pins = pinsAfterContentChange(www, [], { id, from: '192.0.2.1', to: '192.0.2.2' });
      pins = pinsAfterContentChange(www, pins, { id, from: '192.0.2.2', to: '192.0.2.3' });
      expect(pins).toEqual([{ content: '192.0.2.3', id }]);
      expect(assignRecordIds(www, ['192.0.2.3'], pins).ids).toEqual([id]);
      pins = pinsAfterContentChange(www, pins, { id, from: '192.0.2.3', to: '192.0.2.1' });
      expect(pins).toEqual([]);
      expect(assignRecordIds(www, ['192.0.2.1'], pins).ids).toEqual([id]);
    });

    it('gives a re-created content a fresh id when its derived id now belongs to another record', () => {
      const id = deriveRecordId(www, '192.0.2.1');
      const pins = pinsAfterContentChange(www, [], { id, from: '192.0.2.1', to: '192.0.2.9' });
      const read = assignRecordIds(www, ['192.0.2.1', '192.0.2.9'], pins);
      expect(read.ids[1]).toBe(id);
      expect(read.ids[0]).toBe(deriveRecordId(www, '192.0.2.1', 1));
      expect(read.toPin).toEqual([{ content: '192.0.2.1', id: read.ids[0] }]);
      // Once pinned, the choice holds even after the other record is gone.
      const later = assignRecordIds(www, ['192.0.2.1'], [...pins, ...read.toPin]);
      expect(later.ids).toEqual([read.ids[0]]);
      expect(later.stale).toEqual(pins);
    });

    it('gives content edited behind our back the id of its new content and reports stale pins', () => {
      const id = deriveRecordId(www, '192.0.2.1');
      const pins = pinsAfterContentChange(www, [], { id, from: '192.0.2.1', to: '192.0.2.9' });
      const read = assignRecordIds(www, ['192.0.2.77'], pins);
      expect(read.ids).toEqual([deriveRecordId(www, '192.0.2.77')]);
      expect(read.stale).toEqual(pins);
    });

    it('never hands out one id twice in an rrset', () => {
      const a = deriveRecordId(www, '192.0.2.1');
      const pins = [
        { content: '192.0.2.2', id: a },
        { content: '192.0.2.3', id: a },
      ];
      const { ids } = assignRecordIds(www, ['192.0.2.1', '192.0.2.2', '192.0.2.3'], pins);
      expect(new Set(ids).size).toBe(3);
    });
  });
});
