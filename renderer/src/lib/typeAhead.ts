// Keys typed while one screen gives way to the next. «Готово» closes the visit in the core
// before the search screen exists; a clerk who starts typing the next resident's name at
// once would otherwise type into the «Готово» button, and lose it. From the moment the close
// is asked for until the search field takes over, printable keys are kept here; Enter is held
// back so it cannot press the button a second time.

let buffer: string | null = null;

function onKey(e: KeyboardEvent): void {
  if (buffer === null || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key.length === 1) buffer += e.key;
  else if (e.key === 'Backspace') buffer = buffer.slice(0, -1);
  else if (e.key !== 'Enter') return;
  e.preventDefault();
  e.stopPropagation();
}

/** Starts keeping what is typed; a second call while keeping changes nothing. */
export function startTypeAhead(): void {
  if (buffer !== null) return;
  buffer = '';
  window.addEventListener('keydown', onKey, true);
}

/** Stops keeping, and gives what was typed ('' when nothing was kept). */
export function takeTypeAhead(): string {
  const typed = buffer ?? '';
  buffer = null;
  window.removeEventListener('keydown', onKey, true);
  return typed;
}
