// A module-resolution hook: 'electron' is the recording stand-in, everything else as usual.
const STANDIN = new URL('./electron.cjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: STANDIN, shortCircuit: true };
  return next(specifier, context);
}
