/**
 * Clinic details of the directory services the trust runs (`operator: 'nhs'` in the shared
 * support directory). Capacity comes from the directory; these are what only the NHS knows.
 */
export const HEALTH_SERVICE_DETAILS: Record<
  string,
  { clinicType: string; acceptsUnregisteredPatients: boolean; interpreterAvailable: boolean }
> = {
  'bsol-safeguarding-clinic': {
    clinicType: 'Safeguarding health assessment',
    acceptsUnregisteredPatients: true,
    interpreterAvailable: true,
  },
};
