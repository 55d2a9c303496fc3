import * as crypto from 'node:crypto';
import { pgArray, pgTimestamp, SEPARATOR, type DisclosureRecord, type DraftDisclosure } from './disclosure-record';

/** The columns every record of one response shares, in canonical order (occurred_at … purpose). */
type RequestColumns = Pick<
  DraftDisclosure,
  'occurredAt' | 'requestId' | 'operationName' | 'operationHash' | 'requesterId' | 'requesterOrg' | 'requesterRoles' | 'purpose'
>;

/**
 * Hashes drafts onto a writer's chain, producing exactly `hashRecord`'s canonical text
 * (disclosure-record.ts; chain-hasher.test.ts compares them), at a cost that barely grows with
 * the columns a response's records share. A dashboard response has about 100 records whose
 * request columns (time, request, operation, requester, roles, purpose) are the same: their part
 * of the text is built and checked for the separator once per run of equal values, and the text
 * arrays (`lawful_bases`, `agreements`, `rule_ids`) are printed once per run of equal arrays.
 * Each record still has its own sha256 over every column and the previous hash, so the verifier
 * (CANONICAL_SELECT) and every guarantee of docs/disclosure-log.md are unchanged.
 */
export class ChainHasher {
  private request: RequestColumns | undefined;
  private requestText = '';
  private readonly arrays = new Map<'bases' | 'agreements' | 'rules', { values: readonly string[]; text: string }>();

  /** The drafts as records on the chain after `seq` / `head`, each with its hash. */
  chain(drafts: readonly DraftDisclosure[], writerId: string, seq: number, head: string): DisclosureRecord[] {
    checked(writerId);
    const records: DisclosureRecord[] = new Array<DisclosureRecord>(drafts.length);
    for (let i = 0; i < drafts.length; i++) {
      const draft = drafts[i]!;
      // Spelled out: a spread of the draft plus four columns left V8 copying property by property.
      const record: DisclosureRecord = {
        writerId,
        seq: ++seq,
        occurredAt: draft.occurredAt,
        requestId: draft.requestId,
        operationName: draft.operationName,
        operationHash: draft.operationHash,
        requesterId: draft.requesterId,
        requesterOrg: draft.requesterOrg,
        requesterRoles: draft.requesterRoles,
        purpose: draft.purpose,
        lawfulBases: draft.lawfulBases,
        caseRef: draft.caseRef,
        agreements: draft.agreements,
        ruleIds: draft.ruleIds,
        owner: draft.owner,
        subjectType: draft.subjectType,
        subjectId: draft.subjectId,
        fieldsDisclosed: draft.fieldsDisclosed,
        withheldJson: draft.withheldJson,
        prevHash: head,
        initiatorId: draft.initiatorId,
        initiatorOrg: draft.initiatorOrg,
        controllerOrg: draft.controllerOrg,
        hash: '',
      };
      head = sha256Hex(this.canonical(record));
      record.hash = head;
      records[i] = record;
    }
    return records;
  }

  /** canonicalRecord(record), with the shared parts reused. */
  canonical(record: Omit<DisclosureRecord, 'hash'>): string {
    const nullMask =
      (record.operationName === null ? 1 : 0) |
      (record.purpose === null ? 2 : 0) |
      (record.caseRef === null ? 4 : 0) |
      (record.subjectType === null ? 8 : 0) |
      (record.subjectId === null ? 16 : 0);
    return (
      `${checked(record.writerId)}${SEPARATOR}${record.seq}${SEPARATOR}${nullMask}${SEPARATOR}${this.requestPart(record)}${SEPARATOR}` +
      `${this.array('bases', record.lawfulBases)}${SEPARATOR}${checked(record.caseRef ?? '')}${SEPARATOR}` +
      `${this.array('agreements', record.agreements)}${SEPARATOR}${this.array('rules', record.ruleIds)}${SEPARATOR}` +
      `${checked(record.owner)}${SEPARATOR}${checked(record.subjectType ?? '')}${SEPARATOR}${checked(record.subjectId ?? '')}${SEPARATOR}` +
      `${checked(pgArray(record.fieldsDisclosed))}${SEPARATOR}${checked(record.withheldJson)}${SEPARATOR}${checked(record.prevHash)}` +
      optionalTail(record)
    );
  }

  private requestPart(record: RequestColumns): string {
    const last = this.request;
    if (
      last === undefined ||
      last.occurredAt !== record.occurredAt ||
      last.requestId !== record.requestId ||
      last.operationName !== record.operationName ||
      last.operationHash !== record.operationHash ||
      last.requesterId !== record.requesterId ||
      last.requesterOrg !== record.requesterOrg ||
      !sameValues(last.requesterRoles, record.requesterRoles) ||
      last.purpose !== record.purpose
    ) {
      this.requestText = [
        pgTimestamp(record.occurredAt),
        record.requestId,
        record.operationName ?? '',
        record.operationHash,
        record.requesterId,
        record.requesterOrg,
        pgArray(record.requesterRoles),
        record.purpose ?? '',
      ]
        .map(checked)
        .join(SEPARATOR);
      // A copy of the roles: the next record is compared with what was hashed, not with an array that may since have changed.
      this.request = { ...record, requesterRoles: [...record.requesterRoles] };
    }
    return this.requestText;
  }

  private array(slot: 'bases' | 'agreements' | 'rules', values: readonly string[]): string {
    const last = this.arrays.get(slot);
    if (last && sameValues(last.values, values)) return last.text;
    const text = checked(pgArray(values));
    this.arrays.set(slot, { values: [...values], text });
    return text;
  }
}

/**
 * The columns canonicalRecord hashes after the previous hash only when present (the initiator,
 * both or neither; then the controller), so that records written before they existed keep their hashes.
 */
function optionalTail(record: Pick<DisclosureRecord, 'initiatorId' | 'initiatorOrg' | 'controllerOrg'>): string {
  if ((record.initiatorId === null) !== (record.initiatorOrg === null))
    throw new Error('a disclosure record names an initiator user without an organisation, or the reverse');
  let tail = '';
  if (record.initiatorId !== null) tail += `${SEPARATOR}${checked(record.initiatorId)}${SEPARATOR}${checked(record.initiatorOrg!)}`;
  if (record.controllerOrg !== null) tail += `${SEPARATOR}${checked(record.controllerOrg)}`;
  return tail;
}

/**
 * One-shot sha256 (`crypto.hash`, Node 20.12 and later) where there is one: about half the cost
 * of a Hash object per record for texts this short. The same digest either way.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** No value may contain the column separator (canonicalRecord refuses it the same way). */
function checked(part: string): string {
  if (part.includes(SEPARATOR)) throw new Error('a disclosure record value contains the column separator');
  return part;
}
