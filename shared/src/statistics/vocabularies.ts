/**
 * The published groups of statistics whose values are not a closed enum of the subgraph. Every
 * group is listed in every answer, counted or not, so that the list of groups says nothing
 * about the data: a group that appeared only once someone of that nationality was referred
 * would itself disclose the referral. The lists are fixed in advance and changed only as a
 * published change, never drawn from the data; anything outside them is counted in "Other".
 */
export const OTHER_GROUP = 'Other';
export const NOT_RECORDED_GROUP = 'Not recorded';

/**
 * Nationalities counted as their own group: those most often referred to the National Referral
 * Mechanism nationally and those of the region's referrals (docs/sources.md#the-intelligence-profile). Adjectival form, as the
 * partners record nationality.
 */
export const NATIONALITY_GROUPS: readonly string[] = [
  'Afghan',
  'Albanian',
  'Bangladeshi',
  'British',
  'Chinese',
  'Egyptian',
  'Eritrean',
  'Ethiopian',
  'Indian',
  'Iranian',
  'Iraqi',
  'Lithuanian',
  'Nigerian',
  'Pakistani',
  'Polish',
  'Romanian',
  'Slovak',
  'Sudanese',
  'Ukrainian',
  'Vietnamese',
];
