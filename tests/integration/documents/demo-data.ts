// Demo data only: invented people, a demo password. Used by the document tests, the sample
// renders in docs/samples and the benchmark.
import { createHash } from 'node:crypto';
import type { ConsentFormData, DocLanguage, InfoSheetData } from '../../../electron/core/documents';
import type {
  ActDocument,
  ExtractDocument,
  SubjectReportDocument,
} from '../../../electron/core/documents/records';

export const DEMO_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export function demoSheet(language: DocLanguage = 'ru', paper: 'A4' | 'A5' = 'A4'): InfoSheetData {
  return {
    language,
    paper,
    serial: 'MSK012-2026-000123',
    portalUrl: 'https://lk.example.ru',
    login: '7712345678',
    password: 'k7m4q-x9t2w',
    passwordAlphabet: DEMO_ALPHABET,
    expiresAt: '2026-04-13T12:05:00Z',
    activationMinutes: 15,
    meterDeadlineDay: 25,
    dataDelayDays: 3,
    district: 'Москва, Юго-Восточный административный округ',
    office: {
      name: 'Расчётный центр «Текстильщики» (демо)',
      address: 'Москва, ул. Примерная, д. 12, корп. 2',
      phone: '+7 495 000-00-00',
    },
    clerkName: 'Петрова Анна Сергеевна',
    issuedAt: '2026-03-14T12:05:00Z',
  };
}

export function demoConsent(
  language: DocLanguage = 'ru',
  withRepresentative = false,
): ConsentFormData {
  return {
    language,
    serial: 'MSK012-2026-C000123',
    subject: {
      fullName: 'Иванов Пётр Сергеевич',
      birthDate: '1980-05-17',
      address: 'г. Москва, ул. Примерная, д. 12, корп. 2, кв. 45',
      document: {
        series: '4509',
        number: '123456',
        issueDate: '2009-06-01',
        issuedBy: 'Отделением по району Текстильщики ОУФМС России по гор. Москве в ЮВАО',
        departmentCode: '770-095',
      },
    },
    representative: withRepresentative
      ? {
          fullName: 'Сидорова Ольга Викторовна',
          address: 'г. Москва, Волгоградский пр-т, д. 100, кв. 7',
          document: {
            series: '4512',
            number: '654321',
            issueDate: '2012-03-15',
            issuedBy: 'ОУФМС России по гор. Москве по району Кузьминки',
            departmentCode: '770-096',
          },
          powerOfAttorney: {
            number: '77 АБ 1234567',
            date: '2025-11-20',
            issuedBy: 'нотариус г. Москвы Смирнова Е. А.',
          },
        }
      : null,
    operator: {
      name: 'ГБУ «Расчётный центр» (демо)',
      address: '125009, г. Москва, ул. Примерная, д. 1',
    },
    processors: [
      {
        name: 'ООО «Пример Обработки» (демо)',
        address: '115088, г. Москва, ул. Примерная, д. 3',
        role: 'хранение и резервное копирование базы данных лицевых счетов',
      },
    ],
    payerCode: '7712345678',
    office: {
      name: 'Расчётный центр «Текстильщики» (демо)',
      address: 'г. Москва, ул. Примерная, д. 12',
    },
    clerkName: 'Петрова Анна Сергеевна',
    date: '2026-03-14',
  };
}

// What the layout must survive without cutting anything (issue 4, "Bad input").
// Exactly 200 characters (consent-form.test.ts checks it, and that it is printed whole).
const ADDRESS_200 =
  'г. Москва, поселение Внуковское, квартал № 15А, улица Лётчика-испытателя Ивана Ивановича Ёлкина-Щедрина, дом 123, корпус 4, строение 2А, подъезд 3, этаж 17, квартира 1234Б (вход со стороны двора, к.1)';
export const LONG = {
  fullName: 'Ёлкина-Щедрина Анна-Мария Константиновна-Фёдоровна оглы Салтыкова-Щедрина',
  address: ADDRESS_200,
  office:
    'Государственное бюджетное учреждение города Москвы «Многофункциональный расчётный центр района Нагатинский Затон» (демо)',
  issuedBy:
    'Отделом УФМС России по гор. Москве по району Восточное Дегунино, Западное Дегунино, Бескудниковский и Лианозово',
};

export function longSheet(language: DocLanguage, paper: 'A4' | 'A5'): InfoSheetData {
  return {
    ...demoSheet(language, paper),
    district:
      'Москва, Новомосковский административный округ, поселение Внуковское, квартал Рассказовка',
    office: { name: LONG.office, address: LONG.address, phone: '+7 495 000-00-00 доб. 12345' },
    clerkName: LONG.fullName,
    portalUrl: 'https://lichnyj-kabinet-platelshchika.raschetnyj-centr.example.ru',
    meterDeadlineDay: 21,
    activationMinutes: 121,
    dataDelayDays: 21,
  };
}

export function longConsent(language: DocLanguage, withRepresentative: boolean): ConsentFormData {
  const base = demoConsent(language, withRepresentative);
  return {
    ...base,
    subject: {
      ...base.subject,
      fullName: LONG.fullName,
      address: LONG.address,
      document: { ...base.subject.document, issuedBy: LONG.issuedBy },
    },
    representative: base.representative && {
      ...base.representative,
      fullName: 'Щёголев-Ёжиков Фёдор-Иоанн Святославович',
      address: LONG.address,
    },
    // The office's and operator's names come from settings: long, but their addresses are not
    // a resident's to make long. The overflow test covers a form that cannot fit one page.
    office: { ...base.office, name: LONG.office },
    operator: { ...base.operator, name: LONG.office },
  };
}

/** Fields the renderer derives, as the tests expect to read them back. */
export const EXPECTED_DATES: Record<
  DocLanguage,
  { issued: string; expires: string; activeBy: string }
> = {
  ru: {
    issued: '14 марта 2026 г. в 15:05',
    expires: '13 апреля 2026 г. в 15:05',
    activeBy: '14 марта 2026 г. в 15:20',
  },
  en: {
    issued: '14 March 2026 at 15:05',
    expires: '13 April 2026 at 15:05',
    activeBy: '14 March 2026 at 15:20',
  },
  bg: {
    issued: '14 март 2026 г. в 15:05',
    expires: '13 април 2026 г. в 15:05',
    activeBy: '14 март 2026 г. в 15:20',
  },
};

const DEMO_OPERATOR = {
  name: 'ГБУ «Расчётный центр» (демо)',
  address: '125009, г. Москва, ул. Примерная, д. 1',
};

/** An act of destruction after a withdrawal, signed by a supervisor and the responsible person. */
export function demoAct(language: DocLanguage = 'ru'): ActDocument {
  return {
    language,
    serial: 'MSK012-2026-D000007',
    createdAt: '2026-04-13T09:30:00Z',
    operator: DEMO_OPERATOR,
    subject: { fullName: 'Иванов Пётр Сергеевич', payerCode: '7712345678' },
    categories: ['passport', 'representative'],
    records: [
      {
        kind: 'consent',
        signedAt: '2026-02-10T08:15:00Z',
        textVersion: 'v1',
        withdrawnAt: '2026-03-14T12:05:00Z',
      },
      { kind: 'check', checkedAt: '2026-02-10T08:12:00Z', passport: '45** ****56' },
      { kind: 'check', checkedAt: '2026-03-14T12:01:00Z', passport: '45** ****56' },
    ],
    system: { name: 'Access Desk', office: 'MSK012', workstation: 'ws-2f1c9a70' },
    reason: 'withdrawn',
    retentionDays: 1826,
    trigger: 'supervisor',
    persons: [
      { name: 'Петрова Анна Сергеевна', position: null, role: 'supervisor' },
      {
        name: 'Соколова Ирина Викторовна',
        position: 'Начальник отдела защиты информации',
        role: 'responsible',
      },
    ],
  };
}

/** The extract for demoAct: the consent's record and withdrawal, the checks, the destruction. */
export function demoExtract(language: DocLanguage = 'ru'): ExtractDocument {
  const act = demoAct(language);
  const hash = (n: number) => createHash('sha256').update(`demo ${n}`).digest('hex');
  return {
    language,
    serial: act.serial,
    createdAt: act.createdAt,
    operator: act.operator,
    subject: act.subject,
    systemName: 'Access Desk',
    entries: [
      {
        seq: 41,
        at: '2026-02-10T08:12:00Z',
        action: 'passport.check',
        who: 'Иванов Олег Петрович',
        details: { passport: '45** ****56' },
        hash: hash(41),
      },
      {
        seq: 44,
        at: '2026-02-10T08:15:00Z',
        action: 'consent.record',
        who: 'Иванов Олег Петрович',
        details: { version: 'v1' },
        hash: hash(44),
      },
      {
        seq: 310,
        at: '2026-03-14T12:05:00Z',
        action: 'consent.withdraw',
        who: 'Иванов Олег Петрович',
        details: { reason: 'письменное заявление' },
        hash: hash(310),
      },
      {
        seq: 702,
        at: act.createdAt,
        action: 'personalData.destroy',
        who: 'Петрова Анна Сергеевна',
        details: {
          serial: act.serial,
          destroyed: { reason: act.reason, categories: act.categories, persons: act.persons },
        },
        hash: hash(702),
      },
    ],
  };
}

/** A resident's answer: two consents (one withdrawn and destroyed), credentials, visits, an act. */
export function demoSubjectReport(language: DocLanguage = 'ru'): SubjectReportDocument {
  return {
    language,
    serial: 'MSK012-2026-R000003',
    createdAt: '2026-05-20T10:00:00Z',
    operator: DEMO_OPERATOR,
    office: {
      name: 'Расчётный центр «Текстильщики» (демо)',
      address: 'Москва, ул. Примерная, д. 12',
    },
    clerkName: 'Петрова Анна Сергеевна',
    systemName: 'Access Desk',
    subject: {
      fullName: 'Иванов Пётр Сергеевич',
      birthDate: '1980-05-17',
      payerCode: '7712345678',
      address: 'г. Москва, ул. Примерная, д. 12, корп. 2, кв. 45',
    },
    consents: [
      {
        textVersion: 'v1',
        signedAt: '2026-02-10T08:15:00Z',
        officeId: 'MSK012',
        withdrawnAt: '2026-03-14T12:05:00Z',
        destroyedAt: '2026-04-13T09:30:00Z',
      },
      {
        textVersion: 'v1',
        signedAt: '2026-05-20T09:50:00Z',
        officeId: 'MSK012',
        withdrawnAt: null,
        destroyedAt: null,
      },
    ],
    credentials: [
      {
        version: 1,
        issuedAt: '2026-02-10T08:16:00Z',
        expiresAt: '2026-03-12T08:16:00Z',
        officeId: 'MSK012',
        revokedAt: '2026-03-14T12:05:00Z',
        revokeReason: 'consent-withdrawn',
      },
    ],
    visits: [
      {
        kind: 'issue',
        startedAt: '2026-02-10T08:10:00Z',
        closedAt: '2026-02-10T08:18:00Z',
        officeId: 'MSK012',
      },
      { kind: 'issue', startedAt: '2026-05-20T09:45:00Z', closedAt: null, officeId: 'MSK012' },
    ],
    checks: [
      { checkedAt: '2026-02-10T08:12:00Z', passport: null, passed: true },
      { checkedAt: '2026-05-20T09:48:00Z', passport: '45** ****56', passed: true },
    ],
    acts: [
      { serial: 'MSK012-2026-D000007', createdAt: '2026-04-13T09:30:00Z', reason: 'withdrawn' },
    ],
  };
}
