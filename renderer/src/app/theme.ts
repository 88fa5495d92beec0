import { createTheme } from '@mui/material/styles';

/** People who asked their system for less motion get none (dialogs, ripples, steppers). */
const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

// Readable at a counter: generous type, strong contrast (WCAG AA), calm colours.
export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1f4e8c' },
    secondary: { main: '#5b3a8e' },
    error: { main: '#b3261e' },
    warning: { main: '#8a5300' },
    success: { main: '#1e6b34' },
    info: { main: '#1f5f8c' },
    background: { default: '#f4f5f7', paper: '#ffffff' },
  },
  typography: {
    fontFamily: '"PT Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 15,
    h1: { fontSize: '1.9rem', fontWeight: 700 },
    h2: { fontSize: '1.5rem', fontWeight: 700 },
    h3: { fontSize: '1.25rem', fontWeight: 700 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  shape: { borderRadius: 8 },
  ...(reducedMotion
    ? {
        transitions: {
          duration: {
            shortest: 0,
            shorter: 0,
            short: 0,
            standard: 0,
            complex: 0,
            enteringScreen: 0,
            leavingScreen: 0,
          },
        },
      }
    : {}),
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiButtonBase: { defaultProps: { disableRipple: reducedMotion } },
    MuiTextField: { defaultProps: { fullWidth: true } },
  },
});

/** Monospaced, large, unambiguous: how a password is shown to the clerk. */
export const passwordFont = '"DejaVu Sans Mono", "Consolas", "Liberation Mono", monospace';
