/**
 * Parse the first JSON value of a body. The manager can write two JSON objects back to back
 * (manager-api.md §5, a rate-limiter 422 that does not abort), which `JSON.parse` rejects.
 * Returns undefined when the text does not start with a JSON value.
 */
export function parseFirstJson(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    const end = firstValueEnd(trimmed);
    if (end === null) return undefined;
    try {
      return JSON.parse(trimmed.slice(0, end));
    } catch {
      return undefined;
    }
  }
}

/** Index just past the first top-level object or array, honouring strings and escapes. */
function firstValueEnd(text: string): number | null {
  const open = text[0];
  if (open !== '{' && open !== '[') return null;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return null;
}
