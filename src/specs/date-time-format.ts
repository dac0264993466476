/**
 * RFC 3339 `date-time`, accepting exactly what ajv-formats' full `date-time` accepts (a valid calendar
 * date, a time with a required offset, a leap second only at 23:59 UTC), without allocating.
 *
 * Why it exists: every response is checked against its spec, and a page of 50 labels carries 100
 * timestamps or more. ajv-formats splits each one and runs two regex `exec`s, about 70 KB of garbage
 * per page (a third of all a list request allocates), which under sustained load is what grew the
 * heap. Here one `test` checks the shape and the numbers are read straight from the characters.
 * test/unit/date-time-format.test.ts holds it to ajv-formats' answers.
 */

/** The layout, fixed width up to the seconds; `\s` as separator because ajv-formats splits on /t|\s/i. */
const SHAPE = /^\d{4}-\d\d-\d\d[Tt\s]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)$/;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRfc3339DateTime(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month])) return false;

  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2); // a fraction never changes the comparisons below
  let offset = 19;
  while (value.charCodeAt(offset) === DOT || isDigit(value.charCodeAt(offset))) offset++;
  const zone = value.charCodeAt(offset);
  let sign = 1;
  let offsetHours = 0;
  let offsetMinutes = 0;
  if (zone === PLUS || zone === MINUS) {
    sign = zone === MINUS ? -1 : 1;
    offsetHours = digits(value, offset + 1, 2);
    const rest = value.length - (offset + 3); // 0: "+05", 2: "+0530", 3: "+05:30"
    if (rest > 0) offsetMinutes = digits(value, value.length - 2, 2);
  }
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second <= 59) return true;

  // A leap second (:60) is valid only where it falls at 23:59 UTC.
  const utcMinute = minute - offsetMinutes * sign;
  const utcHour = hour - offsetHours * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second <= 60;
}

const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** The decimal number in `count` characters from `start` (the shape has already checked they are digits). */
function digits(value: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) number = number * 10 + (value.charCodeAt(index) - ZERO);
  return number;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}
