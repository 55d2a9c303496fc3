import { environment } from '../config/environment';
import type { Logger, QueryRunner } from 'typeorm';

/**
 * Counts the SQL statements a data source sends, so tests can prove that a list of 50
 * costs the same number of statements as a list of 5 (no N+1).
 * Also reports failed and slow queries, which a plain counter would hide.
 */
export class StatementCounter implements Logger {
  private count = 0;

  constructor(private readonly service: string) {}

  get statements(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
  }

  logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    console.error(`[${this.service}] query failed: ${String(error)} -- ${query.slice(0, 200)}`);
  }

  logQuerySlow(time: number, query: string): void {
    console.warn(`[${this.service}] slow query (${time} ms): ${query.slice(0, 200)}`);
  }

  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (environment().logMigrations) console.log(`[${this.service}] ${message}`);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') console.warn(`[${this.service}] ${String(message)}`);
  }
}
