import { generateEphemeralKeyPair } from '../identity/key-store';
import { openTestLog, sampleDrafts } from '../testing/audit-test-log';
import { isoFromUtcTimestamp } from './canonical-rows';
import { DisclosureLog } from './disclosure-log';
import { verifyDisclosureLog } from './verify-log';

describe('the verifier reads records exactly as the writer hashed them', () => {
  it('as PostgreSQL prints them: quotes, backslashes, controls, NULL-like and empty elements, nulls, unicode', async () => {
    const log = await openTestLog();
    try {
      const [base] = sampleDrafts(1, 'odd');
      const odd = [
        { requestId: 'quote " and backslash \\' },
        { operationName: null, purpose: null, caseRef: null, subjectType: null, subjectId: null },
        { requesterRoles: [], lawfulBases: [], ruleIds: [], fieldsDisclosed: [] },
        { fieldsDisclosed: ['NULL', 'null', '', 'a,b', 'with space', '{brace}'] },
        { subjectId: 'tab\tnewline\nunit\x02stx' },
        { requesterRoles: ['back\\slash', 'quo"te', 'sp ace', 'vt\vff\f'] },
        { caseRef: 'é ü — 東京 😀 \u2028' },
        { withheldJson: '[]' },
        { withheldJson: '[{"field":"A.b","rule":"R \\"q\\"","reason":"é — 東京 {x} \\\\"}]' },
        // A referral's initiator, hashed after the previous hash only when present.
        { initiatorId: 'ngo.caseworker', initiatorOrg: 'adavu' },
        { initiatorId: 'quo"te sp ace', initiatorOrg: 'é — 東京' },
        // The data controller, hashed last and only when present: records without one (all those
        // written before the column existed) hash as they always did.
        { controllerOrg: null },
        { controllerOrg: 'hope-at-home', initiatorId: null, initiatorOrg: null },
        { controllerOrg: 'quo"te — 東京', initiatorId: 'ngo.caseworker', initiatorOrg: 'adavu' },
        {},
      ].map((change) => ({ ...base!, ...change }));
      const writer = new DisclosureLog(log.pool);
      for (const draft of odd) await writer.append([draft]);
      // And all of them in one batch: one INSERT, the lists sent once each, each previous hash derived from the record before.
      await writer.append(odd.map((draft) => ({ ...draft, requestId: 'one batch' })));
      const report = await verifyDisclosureLog(log.pool, { publicKey: (await generateEphemeralKeyPair()).publicKey });
      expect(report).toMatchObject({ ok: true, records: 2 * odd.length });
      // The column separator inside a value would make two different records hash alike: refused.
      await expect(writer.append([{ ...base!, subjectId: 'unit\x1fsep' }])).rejects.toThrow(/separator/);
      // An initiator user without an organisation (or the reverse) would be ambiguous in the hashed text: refused.
      await expect(writer.append([{ ...base!, initiatorId: 'someone', initiatorOrg: null }])).rejects.toThrow(/initiator/);
    } finally {
      await log.close();
    }
  });

  it('finds a data controller added to, changed on or removed from a record', async () => {
    const log = await openTestLog();
    try {
      const [before, owned, after] = sampleDrafts(3, 'controller');
      const writer = new DisclosureLog(log.pool);
      await writer.append([
        { ...before!, controllerOrg: null },
        { ...owned!, controllerOrg: 'adavu' },
        { ...after!, controllerOrg: null },
      ]);
      const verify = async () => verifyDisclosureLog(log.pool, { publicKey: (await generateEphemeralKeyPair()).publicKey });
      expect(await verify()).toMatchObject({ ok: true, records: 3 });
      const cases = [
        { seq: 2, to: 'hope-at-home', back: 'adavu' },
        { seq: 2, to: null, back: 'adavu' },
        { seq: 1, to: 'adavu', back: null },
      ];
      for (const { seq, to, back } of cases) {
        await log.pool.query('UPDATE disclosure_records SET controller_org = $1 WHERE seq = $2', [to, seq]);
        expect((await verify()).firstProblem).toMatchObject({ kind: 'modified', seq });
        await log.pool.query('UPDATE disclosure_records SET controller_org = $1 WHERE seq = $2', [back, seq]);
        expect((await verify()).ok).toBe(true);
      }
    } finally {
      await log.close();
    }
  });

  it.each([
    ['2026-01-05 10:11:12+00', '2026-01-05T10:11:12.000Z'],
    ['2026-01-05 10:11:12.3+00', '2026-01-05T10:11:12.300Z'],
    ['2026-01-05 10:11:12.345+00', '2026-01-05T10:11:12.345Z'],
    ['2026-01-05 10:11:12.345999+00', '2026-01-05T10:11:12.345Z'],
  ])('prints %s as toISOString does', (text, iso) => {
    expect(isoFromUtcTimestamp(text)).toBe(iso);
  });
});
