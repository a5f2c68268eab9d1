import type { ClipboardEvent } from 'react';
import { singleLine } from '@shared/preheat-spec';

/**
 * A text input drops pasted line breaks, gluing the lines together ("404\nsource" → "404source"):
 * paste them as spaces instead.
 */
export function pasteOnOneLine(e: ClipboardEvent<HTMLInputElement>, set: (value: string) => void) {
  const text = e.clipboardData.getData('text');
  if (!/[\r\n]/.test(text)) return;
  e.preventDefault();
  const el = e.currentTarget;
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  set(el.value.slice(0, start) + singleLine(text) + el.value.slice(end));
}
