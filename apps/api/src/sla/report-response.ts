import type { Request, Response } from 'express';

/** How a report goes out as CSV: its text and the attachment's name. */
export interface CsvForm<T> {
  csv(report: T): string;
  /** Only digits, letters, - and . (the report services' filename): safe to quote as is. */
  filename(report: T): string;
}

/**
 * Content negotiation on Accept, the same for every report: JSON unless the client prefers CSV (a browser accepting anything
 * gets JSON); CSV as an attachment. Errors were thrown before this, so a CSV client gets the JSON error.
 */
export function reportResponse<T>(req: Request, res: Response, report: T, form: CsvForm<T>): T | string {
  res.vary('Accept');
  if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
  res.setHeader('Content-Disposition', `attachment; filename="${form.filename(report)}"`);
  res.type('text/csv; charset=utf-8');
  return form.csv(report);
}
