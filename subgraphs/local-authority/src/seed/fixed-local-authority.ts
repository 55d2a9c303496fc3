/**
 * Council facts about the fixed subjects and properties (README: Demo data) that the population does not
 * pin down itself, so that tests and the demo's first queries see the same values at any scale.
 */

/** SUBJ-000002: s47 enquiry opened the day after the police found him; no plan yet (no conference held). */
export const FIXED_CHILDREN_CARE: Record<string, { status: string; openedOn: string; childProtectionPlan: boolean }> = {
  'SUBJ-000002': { status: 'OPEN', openedOn: '2026-09-10', childProtectionPlan: false },
};

/** SUBJ-000001 rents a room in the unlicensed HMO at 14 Lozells Road. */
export const FIXED_HOUSING: Record<string, { tenure: string; homelessness: boolean }> = {
  'SUBJ-000001': { tenure: 'PRIVATE_RENTED', homelessness: false },
};

/** Two visits to 14 Lozells Road: the occupants counted rose between them. */
export const FIXED_INSPECTIONS: Record<string, { inspectedOn: string; occupantsCounted: number }[]> = {
  '100070000001': [
    { inspectedOn: '2025-11-03', occupantsCounted: 6 },
    { inspectedOn: '2026-05-12', occupantsCounted: 9 },
  ],
};

/** The fixed nail bar holds a current licence; the fixed car wash's licence has lapsed. */
export const FIXED_PREMISES_LICENCES: Record<string, { kind: string; licensee: string; validUntil: string }[]> = {
  '100070000005': [{ kind: 'NAIL_BAR', licensee: 'Soho Nails Ltd', validUntil: '2027-03-31' }],
  '100070000006': [{ kind: 'CAR_WASH', licensee: 'Dudley Road Hand Car Wash Ltd', validUntil: '2026-06-30' }],
};
