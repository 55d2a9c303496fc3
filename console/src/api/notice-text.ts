import type { PolicyNotice } from './hub-result';

/**
 * A rule decided on record data, in words (docs/policy.md §5–6). The words say what the rule is,
 * never what it did: the hub sends a notice for every asked-for field whose verdict depends on
 * record data, whatever the record holds, and a value the rule left out looks exactly like one
 * that is not held. So the console says "Not shown unless: …", which is true of the rule whether
 * the value is there or not, and never "withheld" for a notice.
 */

interface Phrase {
  /** Who or what the condition is about: consecutive conditions about the same thing are joined. */
  about: string;
  verb: string;
  rest: string;
  /** Decided on each entry of a list (a support episode, an intelligence report, a linked person). */
  perItem?: boolean;
}

/** One phrase per condition module in gateway/src/policy/conditions/. */
const CONDITIONS: Record<string, Phrase> = {
  subjectIsChild: { about: 'the subject', verb: 'is', rest: 'a child' },
  subjectUnderSection47Enquiry: { about: 'the subject', verb: 'is', rest: 'under a s47 enquiry' },
  subjectConsentNamesRecipient: { about: 'the subject’s recorded consent', verb: 'names', rest: 'your organisation' },
  episodeConsentNamesRecipient: { about: 'the episode’s recorded consent', verb: 'names', rest: 'your organisation', perItem: true },
  recipientIsProvider: { about: 'your organisation', verb: 'provides', rest: 'the support episode', perItem: true },
  handlingCodePermitsSharing: {
    about: 'the report’s handling code',
    verb: 'permits',
    rest: 'sharing (P, or C with conditions)',
    perItem: true,
  },
  addressRestricted: { about: 'the address', verb: 'is', rest: 'restricted (a safe house)' },
  addressNotRestricted: { about: 'the address', verb: 'is', rest: 'not restricted' },
  residentAddressRestricted: { about: 'the person', verb: 'lives', rest: 'there at a restricted address', perItem: true },
  locationIsRestrictedAddress: { about: 'someone', verb: 'lives', rest: 'at the property at a restricted address' },
};

/** `subjectHasFoo` → "subject has foo": a condition the console does not know yet still reads. */
function unknownPhrase(name: string): Phrase {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return { about: '', verb: '', rest: words };
}

/** ["subjectIsChild", "subjectUnderSection47Enquiry"] → "the subject is a child and under a s47 enquiry". */
export function conditionsText(conditions: readonly string[]): string {
  if (conditions.length === 0) return 'its conditions hold';
  const phrases = conditions.map((c) => CONDITIONS[c] ?? unknownPhrase(c));
  const parts: string[] = [];
  phrases.forEach((p, i) => {
    const previous = phrases[i - 1];
    const sameStart = previous !== undefined && p.about !== '' && previous.about === p.about && previous.verb === p.verb;
    parts.push(sameStart ? p.rest : [p.about, p.verb, p.rest].filter(Boolean).join(' '));
  });
  return parts.join(' and ');
}

/** Whether the rule is decided entry by entry: then entries of the list may be left out, not the list. */
export function decidedPerEntry(notice: Pick<PolicyNotice, 'conditions'>): boolean {
  return notice.conditions.some((c) => CONDITIONS[c]?.perItem === true);
}

/**
 * The rule in one line, the same whatever the record holds:
 * allow → "Not shown unless: the subject is a child and under a s47 enquiry";
 * deny → "Not shown if: the address is restricted (a safe house)".
 */
export function noticeText(notice: Pick<PolicyNotice, 'effect' | 'conditions'>): string {
  const what = decidedPerEntry(notice) ? 'An entry is not shown' : 'Not shown';
  return `${what} ${notice.effect === 'deny' ? 'if' : 'unless'}: ${conditionsText(notice.conditions)}`;
}
