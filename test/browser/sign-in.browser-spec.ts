import { ADMIN_EMAIL } from '../support/desk';
import { MEMBER_PASSWORD, signedInPage, startBrowserDesk, type BrowserDesk } from '../support/browser';

describe('signing in to the browser desk', () => {
  let bd: BrowserDesk;
  beforeAll(async () => {
    bd = await startBrowserDesk();
  }, 60_000);
  afterAll(() => bd?.stop());

  it('refuses a wrong password with a message and no stack, then signs in', async () => {
    const context = await bd.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(bd.desk.url);
    await page.getByLabel('E-mail').fill(bd.agent.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong e-mail or password.');
    await page.getByLabel('Password').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    // An agent's navigation holds the inbox only.
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual(['Inbox']);
    await context.close();
  });

  it('speaks Italian to an Italian browser, switches to English and keeps the choice after a reload', async () => {
    const { context, page } = await signedInPage(bd, bd.supervisor.email, MEMBER_PASSWORD, { locale: 'it-IT' });
    const nav = page.getByRole('navigation', { name: 'Navigazione principale' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Posta in arrivo', 'Bacheca SLA', 'Report', 'Amministrazione']);
    await page.getByLabel('Lingua').selectOption('en');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').first().textContent()).resolves.toBe('Inbox');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await context.close();
  });

  it('switches workspace from the header', async () => {
    const created = await bd.desk.http().post('/api/workspaces').set('Authorization', `Bearer ${bd.admin}`).send({ name: 'Second brand', timezone: 'Europe/Rome' });
    expect(created.status).toBe(201);
    const { context, page } = await signedInPage(bd, ADMIN_EMAIL, 'admin-password-1');
    const switcher = page.getByLabel('Workspace');
    await switcher.selectOption({ label: 'Second brand' });
    await page.waitForFunction((id) => (document.querySelector('[data-testid=workspace]') as HTMLSelectElement | null)?.value === id, created.body.id);
    const token = await page.evaluate(() => sessionStorage.getItem('desk.token'));
    const me = await bd.desk.http().get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(me.body.workspaceId).toBe(created.body.id);
    await context.close();
  });
});
