import type { Rule } from '../model/agreement';
import type { RequestContext } from '../model/request';
import { ageOn, isNode, type Node } from '../model/resolve';
import type { World } from '../model/world';

/**
 * docs/policy.md §6: each record condition, decided from raw rows. Every condition answers
 * true, false or unknown; unknown decides against sharing (an allow condition that cannot be
 * established does not hold, a deny condition that cannot be ruled out holds).
 */

export type Tri = true | false | 'unknown';

export interface ConditionContext {
  world: World;
  request: RequestContext;
  rule: Rule;
  /** The subject of the scope the field is in. */
  subject: Node;
  /** The record holding the field (its parent object). */
  holder: Node;
  /** The item decided on: a list item, or the field's own value when it is not a list. */
  item: Node | null;
}

/** Conditions decided item by item (§6): a rule on a list field with any of these is decided per item. */
const PER_ITEM_CONDITIONS = new Set([
  'episodeConsentNamesRecipient',
  'recipientIsProvider',
  'handlingCodePermitsSharing',
  'residentAddressRestricted',
]);

/** A disclosure on request by a charity is decided on each episode (semantics/grants.ts). */
export function decidedPerItem(name: string): boolean {
  return PER_ITEM_CONDITIONS.has(name) || name.startsWith('providedBy:');
}

export function condition(name: string, ctx: ConditionContext): Tri {
  // A disclosure on request's own conditions (semantics/grants.ts), named with their argument.
  if (name.startsWith('subjectIs:')) {
    if (ctx.subject.type !== 'Person') return false;
    return ctx.subject.row.id === name.slice('subjectIs:'.length);
  }
  if (name.startsWith('providedBy:')) {
    // The episode: the item decided on, or the episode holding the field.
    const episode = ctx.item?.type === 'SupportEpisode' ? ctx.item : ctx.holder.type === 'SupportEpisode' ? ctx.holder : null;
    if (!episode || typeof episode.row.provider_org !== 'string') return 'unknown';
    return episode.row.provider_org === name.slice('providedBy:'.length);
  }
  switch (name) {
    case 'subjectIsChild':
      return subjectIsChild(ctx);
    case 'subjectUnderSection47Enquiry':
      return subjectUnderSection47Enquiry(ctx);
    case 'subjectConsentNamesRecipient': {
      if (ctx.subject.type !== 'Person') return 'unknown';
      const episodes = ctx.world.episodesBySubject.get(ctx.subject.row.id) ?? [];
      return episodes.some((e) => consentNames(ctx, e.id));
    }
    case 'episodeConsentNamesRecipient':
      return ctx.item?.type === 'SupportEpisode' ? consentNames(ctx, ctx.item.row.id) : 'unknown';
    case 'recipientIsProvider':
      return ctx.item?.type === 'SupportEpisode' ? ctx.item.row.provider_org === ctx.request.requester.org : 'unknown';
    case 'handlingCodePermitsSharing':
      return ctx.item?.type === 'IntelligenceReport' ? ['P', 'C'].includes(ctx.item.row.handling_code) : 'unknown';
    case 'addressRestricted': {
      const flag = holderAddressRestricted(ctx);
      return flag === 'unknown' ? 'unknown' : flag;
    }
    case 'addressNotRestricted': {
      const flag = holderAddressRestricted(ctx);
      return flag === 'unknown' ? 'unknown' : !flag;
    }
    case 'locationIsRestrictedAddress': {
      // "a nominal whose current address is this property has addressRestricted: true"
      const holder = ctx.holder;
      if (!isNode(holder) || holder.type !== 'Location') return 'unknown';
      const residents = ctx.world.nominalsByUprn.get(holder.row.uprn as string) ?? [];
      if (residents.some((n) => n.address_restricted === true)) return true;
      return residents.every((n) => typeof n.address_restricted === 'boolean') ? false : 'unknown';
    }
    case 'residentAddressRestricted': {
      // "the police record of that person does not say addressRestricted: false"
      if (ctx.item?.type !== 'Person') return 'unknown';
      const nominal = ctx.world.nominalBySubject.get(ctx.item.row.id);
      if (!nominal || typeof nominal.address_restricted !== 'boolean') return 'unknown';
      return nominal.address_restricted;
    }
  }
  return 'unknown';
}

/** All of a rule's conditions, with unknown read against sharing for the rule's effect. */
export function conditionsHold(ctx: ConditionContext): boolean {
  return ctx.rule.when.every((name) => {
    const value = condition(name, ctx);
    if (value === 'unknown') return ctx.rule.effect === 'deny';
    return value;
  });
}

/** The rule owner's record says the subject is under 18; charities rely on the police record. */
function subjectIsChild(ctx: ConditionContext): Tri {
  if (ctx.subject.type !== 'Person') return 'unknown';
  const id = ctx.subject.row.id;
  const w = ctx.world;
  let dob: string | null | undefined;
  switch (ctx.rule.owner) {
    case 'police':
    case 'ngo':
      dob = w.nominalBySubject.get(id)?.date_of_birth;
      break;
    case 'nhs':
      dob = w.patientBySubject.get(id)?.date_of_birth;
      break;
    case 'local-authority':
      dob = w.councilPersonBySubject.get(id)?.date_of_birth;
      break;
    default:
      return 'unknown';
  }
  if (!dob) return 'unknown';
  return ageOn(dob, ctx.request.utcToday) < 18;
}

/**
 * The council's children's social care case has a s47 enquiry and is not CLOSED. No council
 * record at all is unknown; a council record without a children's case rules it out.
 */
function subjectUnderSection47Enquiry(ctx: ConditionContext): Tri {
  if (ctx.subject.type !== 'Person') return 'unknown';
  const person = ctx.world.councilPersonBySubject.get(ctx.subject.row.id);
  if (!person) return 'unknown';
  const care = ctx.world.childrenCareByPerson.get(person.id);
  if (!care) return false;
  return care.section47_enquiry === true && care.status !== 'CLOSED';
}

function consentNames(ctx: ConditionContext, episodeId: number): boolean {
  const consent = ctx.world.consentByEpisode.get(episodeId);
  return !!consent && (consent.recipients as string[]).includes(ctx.request.requester.org);
}

/** `addressRestricted` of the record holding the field: a PoliceRecord or a HousingRecord. */
function holderAddressRestricted(ctx: ConditionContext): boolean | 'unknown' {
  const holder = ctx.holder;
  if (!isNode(holder) || (holder.type !== 'PoliceRecord' && holder.type !== 'HousingRecord')) return 'unknown';
  const flag = holder.row.address_restricted;
  return typeof flag === 'boolean' ? flag : 'unknown';
}
