import { environment } from '../config/environment';
import type { Logger, QueryRunner } from 'typeorm';
import { logger, type Logger as PinoLogger } from '../telemetry/logger';
import { scrubText, statementSummary } from '../telemetry/redaction';
import { currentRequest } from '../telemetry/request-telemetry';

/**
 * Counts the SQL statements a data source sends, so tests can prove that a list of 50
 * costs the same number of statements as a list of 5 (no N+1).
 * Also reports failed and slow queries, which a plain counter would hide — as log lines that
 * name the statement by its first word and tables (`SELECT patients`), never its text or
 * parameters, with the request id when a request sent it.
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
    this.out().error({ statement: statementSummary(query), err: typeof error === 'string' ? new Error(error) : error }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.out().warn({ statement: statementSummary(query), durationMs: time }, 'slow query');
  }

  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (environment().logMigrations) this.out().info({ migration: message.slice(0, 200) }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out().warn({ reason: scrubText(String(message)) }, 'database warning');
  }

  private out(): PinoLogger {
    return currentRequest()?.log ?? logger(this.service);
  }
}
