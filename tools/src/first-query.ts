/** The query the README and `npm start` show first: one subject across all four partners. */
export const FIRST_QUERY = `{
  person(id: "SUBJ-000001") {
    id
    police { names { fullName } pvotMarker }
    localAuthority { housing { address { uprn } } }
    health { attendances { attendedOn site } }
    support { provider }
  }
}`;
