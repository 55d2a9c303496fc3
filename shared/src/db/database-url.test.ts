import { databaseUrlFor, withDatabaseName } from './database-url';

describe('databaseUrlFor', () => {
  it('gives each owner its own database on the DATABASE_URL server', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/partnerhub' };
    expect(databaseUrlFor('police', env)).toBe('postgres://postgres@127.0.0.1:5432/partnerhub_police');
    expect(databaseUrlFor('local-authority', env)).toBe('postgres://postgres@127.0.0.1:5432/partnerhub_local_authority');
  });

  it('prefers the per-service URL', () => {
    const env = { DATABASE_URL: 'postgres://a@h/x', NHS_DATABASE_URL: 'postgres://b@h/health' };
    expect(databaseUrlFor('nhs', env)).toBe('postgres://b@h/health');
  });

  it('is undefined when nothing is configured, so the caller embeds PostgreSQL', () => {
    expect(databaseUrlFor('ngo', {})).toBeUndefined();
  });

  it('keeps credentials and query when renaming the database', () => {
    expect(withDatabaseName('postgres://u:p@h:5433/a?sslmode=disable', 'b')).toBe('postgres://u:p@h:5433/b?sslmode=disable');
  });
});
