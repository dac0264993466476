/** RFC 3339 UTC with second precision, as every vendor example shows: `2026-04-16T18:00:00Z`. */
export function nowTimestamp(date?: Date): string {
  if (date) return formatSecond(date);
  // A busy gateway stamps thousands of writes within one second: formatted once per second.
  const second = Math.floor(Date.now() / 1000);
  if (second !== stamped.second) {
    stamped.second = second;
    stamped.text = formatSecond(new Date(second * 1000));
  }
  return stamped.text;
}

const stamped = { second: Number.NaN, text: '' };

const formatSecond = (date: Date): string => date.toISOString().slice(0, 19) + 'Z';
