/**
 * The support episodes of the fixed subjects (README: Demo data). Who provides support and whom the
 * survivor consented to share with come from the population (`subject.support`); these are
 * the facts it does not give: which service, since when, and what the consent covers.
 */
export interface FixedSupport {
  serviceId: string;
  startedOn: string;
  /** Used only when the population records consent for the subject. */
  consent: { recordedOn: string; scope: string } | null;
}

export const FIXED_SUPPORT: Record<string, FixedSupport> = {
  'SUBJ-000001': {
    serviceId: 'adavu-long-term',
    startedOn: '2026-06-20',
    consent: { recordedOn: '2026-06-20', scope: 'Support status and housing needs, to arrange safe accommodation with the council' },
  },
  'SUBJ-000002': {
    serviceId: 'barnardos-icta',
    startedOn: '2026-09-12',
    consent: { recordedOn: '2026-09-12', scope: "Advocacy status and the child's wishes, for the s47 enquiry and care planning" },
  },
  // No consent recorded: Refuge may not share anything about her beyond safeguarding duties.
  'SUBJ-000003': { serviceId: 'refuge-modern-slavery', startedOn: '2026-08-21', consent: null },
};
