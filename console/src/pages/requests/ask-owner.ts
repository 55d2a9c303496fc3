/**
 * "Ask <owner> for this" on a withheld part (kept apart from the request pages: the one-view
 * loads only this): who may ask (rule W1's roles) and the link to the prefilled request form.
 */

/** The roles of rule W1 (a request) and W2 (a decision). */
export const REQUESTER_ROLES: readonly string[] = ['ANALYST', 'INVESTIGATOR', 'SAFEGUARDING_LEAD', 'HOUSING_OFFICER', 'CASEWORKER'];
export const DECIDER_ROLES: readonly string[] = ['DISCLOSURE_OFFICER'];

/** The link behind "Ask <owner> for this": the request form with the subject, owner and fields filled in. */
export function askOwnerPath(subjectId: string, owner: string, coordinates: readonly string[]): string {
  const query = new URLSearchParams({ subject: subjectId, owner, fields: coordinates.join(',') });
  return `/requests/new?${query.toString()}`;
}
