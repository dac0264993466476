/** RFC 3339 UTC with second precision, as every vendor example shows: `2026-04-16T18:00:00Z`. */
export function nowTimestamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19) + 'Z';
}
