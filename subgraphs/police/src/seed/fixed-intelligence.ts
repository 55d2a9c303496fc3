/**
 * Intelligence about the fixed subjects, with both handling codes, so that the rule on
 * intelligence sharing (rule 3 of docs/agreement.md) has something to allow and something to condition.
 */
export const FIXED_INTELLIGENCE: Record<
  string,
  { uprn: string | null; reportedOn: string; sourceGrade: number; intelGrade: string; handlingCode: 'P' | 'C'; summary: string }[]
> = {
  'SUBJ-000001': [
    {
      uprn: '100070000001',
      reportedOn: '2026-05-20',
      sourceGrade: 2,
      intelGrade: 'B',
      handlingCode: 'P',
      summary: 'Subject seen collected by minibus at 05:00 from 14 Lozells Road with eight other men.',
    },
  ],
  'SUBJ-000002': [
    {
      uprn: '100070000004',
      reportedOn: '2026-09-09',
      sourceGrade: 1,
      intelGrade: 'A',
      handlingCode: 'C',
      summary: 'Child found tending cannabis plants at 52 Alum Rock Road; door locked from outside.',
    },
  ],
  'SUBJ-000003': [],
  'SUBJ-000004': [
    {
      uprn: '100070000001',
      reportedOn: '2026-04-02',
      sourceGrade: 2,
      intelGrade: 'B',
      handlingCode: 'P',
      summary: "Subject lets 14 Lozells Road and collects tenants' wages in cash each Friday.",
    },
    {
      uprn: null,
      reportedOn: '2026-07-15',
      sourceGrade: 1,
      intelGrade: 'B',
      handlingCode: 'C',
      summary: 'Subject holds passports of several workers; condition: not to be shared beyond safeguarding leads.',
    },
  ],
};
