import { addNamespace } from '../../i18n';
import bg from '../../i18n/locales/bg/clerk.json';
import en from '../../i18n/locales/en/clerk.json';
import ru from '../../i18n/locales/ru/clerk.json';

// The clerk's texts travel with the workspace chunk, not with the sign-in screen.
addNamespace('clerk', { ru, en, bg });
