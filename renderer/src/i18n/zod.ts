import i18next from 'i18next';
import { z } from 'zod';
import { LOGIN_PATTERN } from '../../../shared/schemas/session';

// The shared schemas validate forms here as they do at the IPC boundary; this makes their
// messages come out in the clerk's language at the moment they are produced.
z.config({
  customError: (iss) => {
    switch (iss.code) {
      case 'too_small':
        if (iss.origin === 'number') {
          return i18next.t('validation.tooSmallNumber', { min: Number(iss.minimum) });
        }
        if (iss.origin === 'string' && iss.minimum === 1) return i18next.t('validation.required');
        return i18next.t('validation.tooShort', { min: Number(iss.minimum) });
      case 'too_big':
        if (iss.origin === 'number') {
          return i18next.t('validation.tooBigNumber', { max: Number(iss.maximum) });
        }
        return i18next.t('validation.tooLong', { max: Number(iss.maximum) });
      case 'invalid_type':
        return i18next.t('validation.required');
      case 'invalid_format':
        if (iss.format === 'regex' && iss.pattern === String(LOGIN_PATTERN)) {
          return i18next.t('validation.login');
        }
        return iss.format === 'url' ? i18next.t('validation.url') : i18next.t('validation.format');
      case 'custom': {
        // The shared schemas' own refusals (shared/schemas/text.ts, common.ts IsoDate).
        const p = (iss.params ?? {}) as { text?: string; date?: string };
        if (p.text === 'control') return i18next.t('validation.control');
        if (p.text === 'malformed') return i18next.t('validation.malformed');
        if (p.date === 'no-such-day') return i18next.t('validation.noSuchDay');
        return i18next.t('validation.format');
      }
      default:
        return i18next.t('validation.format');
    }
  },
});
