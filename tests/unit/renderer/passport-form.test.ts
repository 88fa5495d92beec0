// The passport form's verdict is about what the form shows (issue 13, item 1): the form is
// sent as the shared schema cleans it (trimmed, pasted oddities repaired), so a stray space
// at the end of a field must not make the core's answer look like it was about another form.
import { describe, expect, it } from 'vitest';
import { emptyForm, sentForm } from '../../../renderer/src/features/visit/passportForm';

const filled = () => {
  const f = emptyForm(null);
  f.person = { surname: 'Андреева', givenName: 'Елена', patronymic: '', birthDate: '10.08.1991' };
  f.passport = {
    series: '4511',
    number: '000777',
    issueDate: '20.09.2011',
    departmentCode: '770-001',
    issuedBy: 'ГУ МВД России по г. Москве',
  };
  return f;
};

describe('the form a verdict is about', () => {
  it('is the same form with a stray space or a pasted no-break space', () => {
    const a = filled();
    const b = filled();
    b.passport.issuedBy = 'ГУ МВД России по г. Москве ';
    b.person.surname = ' Андреева';
    expect(sentForm(b)).toBe(sentForm(a));
    b.passport.issuedBy = 'ГУ МВД России по\u00a0г. Москве';
    expect(sentForm(b)).toBe(sentForm(a));
  });

  it('is another form when anything the rules read has changed', () => {
    const a = filled();
    const b = filled();
    b.passport.number = '000778';
    expect(sentForm(b)).not.toBe(sentForm(a));
  });
});
