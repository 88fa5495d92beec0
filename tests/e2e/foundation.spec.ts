import type { Frame } from '@playwright/test';
import { AuditEvent } from '../../electron/core/db/entities';
import { attach, expect, test } from './harness/fixtures';
import { CLERK, SUPERVISOR, invoke, seedStaff, shot } from './harness/support';

test.describe('first start and sign-in', () => {
  test('a new workstation asks for the first supervisor, in Russian', async ({ app }) => {
    await expect(app.getByRole('heading', { name: 'Первый запуск' })).toBeVisible();
    await expect(app.getByLabel('Логин')).toBeVisible();
    await expect(app.getByText('Паролей по умолчанию нет.')).toBeVisible();
  });

  test('the clerk sign-in screen is in Russian and signs a clerk in', async ({ app, core }) => {
    test.skip(!core, 'needs the in-process core to seed staff');
    await seedStaff(core!);
    await app.reload();
    await expect(app.getByRole('heading', { name: 'Вход для сотрудника' })).toBeVisible();
    await expect(app.locator('html')).toHaveAttribute('lang', 'ru');
    await shot(app, 'signin');
    await app.getByLabel('Логин').fill(CLERK.login);
    await app.getByLabel('Пароль').fill(CLERK.password);
    await app.getByLabel('Пароль').press('Enter');
    await expect(app.getByText(`${CLERK.fullName} (Специалист)`)).toBeVisible();
  });

  test('a wrong password is refused with the same words as an unknown login', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'needs the in-process core to seed staff');
    await seedStaff(core!);
    await app.reload();
    for (const login of [CLERK.login, 'nobody-here']) {
      await app.getByLabel('Логин').fill(login);
      await app.getByLabel('Пароль').fill('wrong-password-1');
      await app.getByRole('button', { name: 'Войти' }).click();
      await expect(app.getByRole('alert')).toHaveText('Неверный логин или пароль.');
    }
  });
});

test.describe('the IPC wrapper', () => {
  test('input that does not match the schema gets BAD_INPUT and reaches no handler', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'counts audit rows through the in-process core');
    await seedStaff(core!);
    const before = await core!.ctx.store.run((m) => m.count(AuditEvent));
    const res = await invoke(app, 'session.signIn', { login: 42, password: ['x'] });
    expect(res).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // A handler that ran would have counted a failed sign-in in the audit log.
    expect(await core!.ctx.store.run((m) => m.count(AuditEvent))).toBe(before);
  });

  test('a channel the role lacks answers NOT_ALLOWED; the supervisor gets through', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'needs the in-process core to seed staff');
    await seedStaff(core!);
    expect(await invoke(app, 'staff.list', {})).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(
      await invoke(app, 'session.signIn', { login: CLERK.login, password: CLERK.password }),
    ).toMatchObject({ ok: true });
    expect(await invoke(app, 'staff.list', {})).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(
      await invoke(app, 'session.signIn', {
        login: SUPERVISOR.login,
        password: SUPERVISOR.password,
      }),
    ).toMatchObject({ ok: true });
    const res = await invoke(app, 'staff.list', {});
    expect(res.ok).toBe(true);
    expect(JSON.stringify(res.data)).not.toContain('argon2');
  });

  test('an unknown channel is refused', async ({ app }) => {
    expect(await invoke(app, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CHANNEL',
    });
  });
});

test.describe('the sender check', () => {
  test('a frame inside the window is refused, even one from the same origin', async ({
    harnessBrowser,
    core,
  }) => {
    test.skip(!harnessBrowser || !core, 'builds its own page around the in-process core');
    // The app's CSP forbids frames; this context ignores it, to reach the check behind it
    // (GHSA-mq8j-3h7h-p8g7: a subframe must not get the top frame's privileges).
    const context = await harnessBrowser!.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const attached = await attach(page, core!);
    try {
      type Api = { invoke(c: string, i: unknown): Promise<{ ok: boolean; code?: string }> };
      const invokeIn = (f: Frame) =>
        f.evaluate(() => (window as unknown as { api: Api }).api.invoke('app.info', {}));
      // The app's own origin, minus its headers (which would forbid being framed at all).
      const frameUrl = new URL('/frame.html', attached.url).href;
      await page.route(frameUrl, (r) => r.fulfill({ contentType: 'text/html', body: '<p>x</p>' }));
      await page.evaluate(async (appUrl) => {
        const add = (setup: (f: HTMLIFrameElement) => void) => {
          const f = document.createElement('iframe');
          setup(f);
          const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
          document.body.append(f);
          return loaded;
        };
        await add((f) => (f.srcdoc = '<p>frame</p>'));
        await add((f) => (f.src = appUrl));
      }, frameUrl);
      const [srcdoc, sameOrigin] = page.frames().filter((f) => f !== page.mainFrame());
      expect(sameOrigin?.url()).toBe(frameUrl);
      const answers = {
        top: await invokeIn(page.mainFrame()),
        srcdoc: await invokeIn(srcdoc!),
        sameOrigin: await invokeIn(sameOrigin!),
      };
      expect(answers.top.ok).toBe(true);
      expect(answers.srcdoc).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(answers.sameOrigin).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    } finally {
      await context.close();
      await attached.close();
    }
  });
});

test.describe('window security', () => {
  test('the page gets one function and no Node', async ({ app }) => {
    const surface = await app.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api),
      frozen: Object.isFrozen((window as unknown as { api: object }).api),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
    }));
    expect(surface).toEqual({
      api: ['invoke'],
      frozen: true,
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  test('eval and new Function are blocked by the CSP', async ({ app }) => {
    // Playwright's evaluate() itself runs with DevTools' permission to eval, so the probe
    // runs in a later task of the page's own, where the CSP applies as it does to app code.
    await app.evaluate(() => {
      const w = window as unknown as { __probe?: Record<string, string> };
      setTimeout(() => {
        const tryIt = (f: () => unknown): string => {
          try {
            f();
            return 'ran';
          } catch (e) {
            return (e as Error).name;
          }
        };
        w.__probe = {
          eval: tryIt(() => eval('1 + 1')),
          // eslint-disable-next-line @typescript-eslint/no-implied-eval
          fn: tryIt(() => new Function('return 1')),
        };
      }, 0);
    });
    await expect
      .poll(() => app.evaluate(() => (window as unknown as { __probe?: unknown }).__probe))
      .toEqual({ eval: 'EvalError', fn: 'EvalError' });
  });

  test('window.open opens nothing', async ({ app }) => {
    const popups: unknown[] = [];
    app.context().on('page', (p) => popups.push(p));
    const handle = await app.evaluate(() => window.open('https://example.org/', '_blank') === null);
    expect(handle).toBe(true);
    expect(popups).toHaveLength(0);
  });

  test('navigation away from the app is refused', async ({ app, appOrigin }) => {
    const before = app.url();
    await app.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await app.waitForTimeout(500);
    expect(app.url()).toBe(before);
    expect(new URL(app.url()).host).toBe(appOrigin.host || new URL(before).host);
    await expect(app.getByRole('heading', { name: 'Первый запуск' })).toBeVisible();
  });
});
