import { addNamespace } from '../../i18n';
import bg from '../../i18n/locales/bg/supervisor.json';
import en from '../../i18n/locales/en/supervisor.json';
import ru from '../../i18n/locales/ru/supervisor.json';

// The supervisor's texts travel with the supervisor chunk.
addNamespace('supervisor', { ru, en, bg });
