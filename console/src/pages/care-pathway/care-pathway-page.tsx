import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { CarePathwayDocument, type CareGender, type CareNeedInput, type NrmStage, type SupportServiceType } from '../../gql/graphql';
import { humanize } from '../../api/labels';
import { useHubQuery } from '../../api/use-hub-query';
import { Loading, ProblemList } from '../../components/status';
import { Pager } from '../../components/pager';
import { ukDateTime } from '../../format/dates';
import { hasRole, useAccess } from '../../app/access';
import { Link } from '../../app/router';
import { REFERRER_ROLES, referPath } from '../referrals/referral-logic';

const NRM_STAGES: NrmStage[] = ['NONE', 'REFERRED', 'POSITIVE_RG', 'POSITIVE_CG', 'NEGATIVE_CG'];
const NRM_LABELS: Record<NrmStage, string> = {
  NONE: 'Not referred',
  REFERRED: 'Referred, awaiting decision',
  POSITIVE_RG: 'Positive reasonable grounds',
  POSITIVE_CG: 'Positive conclusive grounds',
  NEGATIVE_CG: 'Negative conclusive grounds',
};
const SERVICE_TYPES: SupportServiceType[] = [
  'ACCOMMODATION',
  'CASEWORK',
  'CHILD_ADVOCACY',
  'COMMUNITY_SUPPORT',
  'EMPLOYABILITY',
  'HEALTH',
  'HELPLINE',
  'RECEPTION_CENTRE',
];

interface Form {
  age: string;
  gender: string;
  nrmStage: string;
  languages: string;
  area: string;
  serviceTypes: SupportServiceType[];
}

export type NeedErrors = Partial<Record<'age' | 'gender' | 'nrmStage' | 'area', string>>;

/** The form as a CareNeedInput, or what is wrong with it. No name or subject reference is asked for. */
export function needFromForm(form: Form): { need: CareNeedInput | null; errors: NeedErrors } {
  const errors: NeedErrors = {};
  const age = Number(form.age);
  if (form.age.trim() === '' || !Number.isInteger(age) || age < 0 || age > 120) errors.age = 'Give the age in whole years, 0 to 120.';
  if (form.gender !== 'MALE' && form.gender !== 'FEMALE') errors.gender = 'Choose the gender the services’ criteria use.';
  if (!NRM_STAGES.includes(form.nrmStage as NrmStage)) errors.nrmStage = 'Choose the NRM stage.';
  if (!form.area.trim()) errors.area = 'Give the area the person is in, for example Birmingham.';
  if (Object.keys(errors).length > 0) return { need: null, errors };
  const languages = form.languages
    .split(/[,;]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    need: {
      age,
      gender: form.gender as CareGender,
      nrmStage: form.nrmStage as NrmStage,
      area: form.area.trim(),
      ...(languages.length > 0 ? { languages } : {}),
      ...(form.serviceTypes.length > 0 ? { serviceTypes: form.serviceTypes } : {}),
    },
    errors,
  };
}

export function CarePathwayPage() {
  const [form, setForm] = useState<Form>({ age: '', gender: '', nrmStage: '', languages: '', area: 'Birmingham', serviceTypes: [] });
  const [errors, setErrors] = useState<NeedErrors>({});
  const [need, setNeed] = useState<CareNeedInput | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = needFromForm(form);
    setErrors(result.errors);
    if (result.need) setNeed(result.need);
  };
  const field = (name: keyof NeedErrors, label: string, control: (describedBy: string | undefined) => ReactElement, hint?: string) => (
    <div className={`field ${errors[name] ? 'field-error' : ''}`}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p className="error-message" id={`${id}-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
      {control([hint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') || undefined)}
    </div>
  );
  return (
    <>
      <h1>Care pathways</h1>
      <p>
        Who can take this person now? The hub checks every service in the charities’ directory, the council’s reception centre and the NHS
        clinic against the need, names every reason a service cannot, and asks each partner for its live capacity. No name or subject
        reference is asked for, and nothing is recorded as a disclosure.
      </p>
      <form className="need-form" onSubmit={submit} noValidate aria-label="The person’s need">
        <div className="form-grid">
          {field('age', 'Age', (d) => (
            <input
              id={`${id}-age`}
              inputMode="numeric"
              value={form.age}
              onChange={(e) => setForm({ ...form, age: e.target.value })}
              aria-describedby={d}
              aria-invalid={errors.age ? true : undefined}
            />
          ))}
          {field('gender', 'Gender', (d) => (
            <select
              id={`${id}-gender`}
              value={form.gender}
              onChange={(e) => setForm({ ...form, gender: e.target.value })}
              aria-describedby={d}
              aria-invalid={errors.gender ? true : undefined}
            >
              <option value="">Choose</option>
              <option value="FEMALE">Female</option>
              <option value="MALE">Male</option>
            </select>
          ))}
          {field('nrmStage', 'NRM stage', (d) => (
            <select
              id={`${id}-nrmStage`}
              value={form.nrmStage}
              onChange={(e) => setForm({ ...form, nrmStage: e.target.value })}
              aria-describedby={d}
              aria-invalid={errors.nrmStage ? true : undefined}
            >
              <option value="">Choose</option>
              {NRM_STAGES.map((s) => (
                <option key={s} value={s}>
                  {NRM_LABELS[s]}
                </option>
              ))}
            </select>
          ))}
          {field('area', 'Area', (d) => (
            <input
              id={`${id}-area`}
              value={form.area}
              onChange={(e) => setForm({ ...form, area: e.target.value })}
              aria-describedby={d}
              aria-invalid={errors.area ? true : undefined}
            />
          ))}
          <div className="field">
            <label htmlFor={`${id}-languages`}>Languages (optional)</label>
            <p className="hint" id={`${id}-languages-hint`}>
              Separate with commas, for example Polish, English.
            </p>
            <input
              id={`${id}-languages`}
              value={form.languages}
              onChange={(e) => setForm({ ...form, languages: e.target.value })}
              aria-describedby={`${id}-languages-hint`}
            />
          </div>
        </div>
        <fieldset>
          <legend>Kinds of service (all when none is ticked)</legend>
          <div className="checkboxes">
            {SERVICE_TYPES.map((t) => (
              <label key={t} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.serviceTypes.includes(t)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      serviceTypes: e.target.checked ? [...form.serviceTypes, t] : form.serviceTypes.filter((x) => x !== t),
                    })
                  }
                />{' '}
                {humanize(t)}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="primary">
          Find services
        </button>
      </form>
      {need ? <Pathway need={need} key={JSON.stringify(need)} /> : null}
    </>
  );
}

const PAGE = 10;

function Pathway({ need }: { need: CareNeedInput }) {
  const { data, fetching, hub, reexecute } = useHubQuery(CarePathwayDocument, { need });
  const [page, setPage] = useState(0);
  const canRefer = hasRole(useAccess(), ...REFERRER_ROLES);
  const options = data?.carePathway.options ?? [];
  const now = options.filter((o) => o.canTakeNow).length;
  return (
    <section aria-labelledby="pathway-title" className="pathway">
      <h2 id="pathway-title">Services for this need</h2>
      {fetching ? <Loading what="the services and their capacity" /> : null}
      <ProblemList problems={hub.problems} requestId={hub.requestId} onRetry={reexecute} />
      {data ? (
        <>
          <p role="status">
            {now} of {options.length} services can take the person now. Capacity read {ukDateTime(data.carePathway.checkedAt)}.
          </p>
          <ol className="options" start={page * PAGE + 1}>
            {options.slice(page * PAGE, page * PAGE + PAGE).map((o) => (
              <li
                key={o.service.id}
                className={`option ${o.canTakeNow ? 'option-now' : o.eligible ? 'option-full' : 'option-no'}`}
                data-service={o.service.id}
              >
                <h3>
                  {o.service.name} <span className="provider">— {o.service.provider}</span>
                </h3>
                <p>
                  <span className={`badge ${o.canTakeNow ? 'badge-shown' : 'badge-withheld'}`}>
                    {o.canTakeNow ? 'Can take now' : o.eligible ? 'Eligible, no place now' : 'Cannot take'}
                  </span>{' '}
                  {o.service.serviceType ? humanize(o.service.serviceType) : ''}
                  {' · '}
                  {o.placesAvailable === null || o.placesAvailable === undefined
                    ? 'live capacity not known'
                    : `${o.placesAvailable} ${o.placesAvailable === 1 ? 'place' : 'places'} free`}
                </p>
                {o.reasons.length > 0 ? (
                  <ul className="reasons">
                    {o.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
                {o.service.referralRoute ? (
                  <p className="route">
                    <strong>Referral route:</strong> {o.service.referralRoute}
                  </p>
                ) : null}
                {o.service.eligibility ? <p className="hint">{eligibilityText(o.service.eligibility)}</p> : null}
                {o.canTakeNow && canRefer ? (
                  <p>
                    <Link to={referPath(o.service.id, o.service.name ?? o.service.id)} className="button-link">
                      Refer to this service<span className="visually-hidden">: {o.service.name}</span>
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          {options.length > PAGE ? <Pager page={page} pageSize={PAGE} total={options.length} onPage={setPage} label="Services" /> : null}
        </>
      ) : null}
    </section>
  );
}

function eligibilityText(e: {
  minAge?: number | null;
  maxAge?: number | null;
  genders?: string[] | null;
  languages?: string[] | null;
}): string {
  const parts = [];
  if (e.minAge !== null && e.minAge !== undefined && e.maxAge !== null && e.maxAge !== undefined)
    parts.push(`ages ${e.minAge}–${e.maxAge}`);
  else if (e.minAge !== null && e.minAge !== undefined) parts.push(`aged ${e.minAge} or over`);
  else if (e.maxAge !== null && e.maxAge !== undefined) parts.push(`aged ${e.maxAge} or under`);
  if (e.genders && e.genders.length > 0) parts.push(e.genders.map(humanize).join(' or '));
  if (e.languages && e.languages.length > 0) parts.push(`in ${e.languages.join(', ')}`);
  return parts.length > 0 ? `Criteria: ${parts.join('; ')}.` : 'Criteria: none published.';
}
