const cell = (v: string) => {
  // A cell a spreadsheet would run as a formula is quoted and prefixed with a quote.
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : v;
};

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(head: string[], rows: string[][]): string {
  return `${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
