import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/desk';
import { apiAs, MEMBER_PASSWORD, screenshot, signedInAdmin, signedInPage, startBrowserDesk, type BrowserDesk } from '../support/browser';
import { conversationsOf, createChannel, deliverFixture, FIXTURE_CONFIG, post, settled, type TestChannel } from '../support/inbox';

// A step that cannot find its control fails at that step, not at the test's own timeout.
const STEP_MS = 10_000;

/** Opens an Administration section by its address, as a bookmark would. */
async function openSection(page: Page, bd: BrowserDesk, section: string, heading: string): Promise<void> {
  await page.goto(`${bd.desk.url}/#/admin/${section}`);
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
}

describe('administration in the browser desk', () => {
  let bd: BrowserDesk;
  beforeAll(async () => {
    // A public address as a real desk has, so the webhook URLs shown (and the screenshot) look like one.
    bd = await startBrowserDesk({ env: { PUBLIC_URL: 'https://desk.example.com' } });
  }, 90_000);
  afterAll(() => bd?.stop());

  it('creates a Telegram channel through the form, shows its webhook URL once, and never returns its secrets', async () => {
    const { botToken, secretToken } = FIXTURE_CONFIG.telegram as { botToken: string; secretToken: string };
    const { context, page } = await signedInAdmin(bd);
    context.setDefaultTimeout(STEP_MS);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 2, name: 'Channels' }).waitFor();
    await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.getByRole('radio', { name: 'Telegram' }).check();
    // Exactly Telegram's fields, plus the optional API root every type takes.
    const form = page.getByRole('group', { name: 'What Telegram needs' });
    await expect(form.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).type))).resolves.toEqual(['password', 'password', 'url']);
    await page.getByLabel('Name', { exact: true }).fill('Trattoria bot');
    await page.getByLabel('Bot token', { exact: true }).fill(botToken);
    await page.getByLabel('Secret token', { exact: true }).fill(secretToken);
    // The "show" toggle reveals what was typed.
    await page.getByRole('button', { name: 'Show Secret token' }).click();
    await expect(page.getByLabel('Secret token', { exact: true }).getAttribute('type')).resolves.toBe('text');
    await page.getByRole('button', { name: 'Create channel' }).click();

    await page.getByRole('heading', { name: 'Channel “Trattoria bot” created' }).waitFor();
    const webhookUrl = await page.getByRole('textbox', { name: 'Webhook URL' }).inputValue();
    expect(webhookUrl).toMatch(/^https:\/\/desk\.example\.com\/webhooks\/[0-9a-f-]{36}$/);
    await expect(page.getByText('will not be shown again').isVisible()).resolves.toBe(true);
    await expect(page.locator('code.block').textContent()).resolves.toContain(`setWebhook?url=${encodeURIComponent(webhookUrl)}`);
    await screenshot(page, 'admin-channels');
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Trattoria bot' });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('Telegram');
    await expect(row.getByText(webhookUrl).isVisible()).resolves.toBe(true);

    const id = webhookUrl.split('/').pop()!;
    const listed = await apiAs<{ items: Array<{ id: string; type: string; name: string; webhookUrl: string; secretsSet: string[] }> }>(bd, bd.admin, 'get', '/api/channels');
    const channel = listed.items.find((c) => c.id === id);
    expect(channel).toMatchObject({ type: 'telegram', name: 'Trattoria bot', webhookUrl, secretsSet: ['botToken', 'secretToken'] });
    const one = await apiAs(bd, bd.admin, 'get', `/api/channels/${id}`);
    for (const body of [listed, one]) {
      expect(JSON.stringify(body)).not.toContain(secretToken);
      expect(JSON.stringify(body)).not.toContain(botToken.split(':')[1]);
    }

    // The secret typed into the form is the one the webhook checks.
    const test: TestChannel = { id, type: 'telegram', config: { botToken, secretToken, apiBaseUrl: '' } };
    await expect(deliverFixture(bd.desk, test, 'telegram', 'message_private.json').then((r) => r.status)).resolves.toBe(200);
    const wrong = await post(bd.desk, id, Buffer.from('{"update_id":1}'), { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'not-the-secret' });
    expect(wrong.status).toBe(403);
    await context.close();
  }, 90_000);

  it('creates an agent who can then sign in, and deactivates them', async () => {
    const email = `giulia-${Date.now()}@test.example`;
    const { context, page } = await signedInAdmin(bd);
    context.setDefaultTimeout(STEP_MS);
    await openSection(page, bd, 'users', 'Users');
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Giulia Rossi');
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(MEMBER_PASSWORD);
    await page.getByLabel('Access', { exact: true }).selectOption('agent');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'Giulia Rossi can now sign in' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe('Agent');

    const agent = await signedInPage(bd, email, MEMBER_PASSWORD);
    await expect(agent.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).resolves.toEqual(['Inbox']);
    await agent.context.close();

    await row.getByRole('button', { name: 'Edit Giulia Rossi' }).click();
    await page.getByLabel('Active: may sign in to this workspace').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Giulia Rossi saved.' }).waitFor();
    // The list reloads after the note: wait for the row to say so.
    await row.getByRole('cell', { name: 'Deactivated', exact: true }).waitFor();
    const login = await bd.desk.http().post('/api/auth/login').send({ email, password: MEMBER_PASSWORD });
    expect(login.status).toBe(401);
    await context.close();
  }, 90_000);

  it('creates business hours and an SLA policy using them, and the API holds exactly those values', async () => {
    const { context, page } = await signedInAdmin(bd);
    context.setDefaultTimeout(STEP_MS);
    await openSection(page, bd, 'business-hours', 'Business hours');
    await page.getByRole('button', { name: 'Add a calendar' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Office Italy');
    await page.getByLabel('Time zone').selectOption('Europe/Rome');
    await page.getByRole('button', { name: 'Clear the week' }).click();
    // Monday typed by hand (loosely), then copied to the other weekdays.
    await page.getByRole('button', { name: 'Add an interval on Monday' }).click();
    await page.getByLabel('Monday, interval 1, from').fill('9');
    await page.getByLabel('Monday, interval 1, to').fill('18:00');
    await page.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).click();
    await page.getByLabel('Holiday date').fill('2026-12-25');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByRole('button', { name: 'Create calendar' }).click();
    await page.getByRole('status').filter({ hasText: 'Calendar “Office Italy” created.' }).waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'Office Italy' }).getByRole('cell').nth(2).textContent()).resolves.toBe('Mon–Fri 09:00–18:00');

    const calendars = await apiAs<{ items: Array<{ id: string; name: string; timezone: string; weekly: unknown[]; holidays: string[] }> }>(bd, bd.admin, 'get', '/api/business-hours');
    const calendar = calendars.items.find((c) => c.name === 'Office Italy')!;
    expect(calendar).toMatchObject({
      timezone: 'Europe/Rome',
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
      holidays: ['2026-12-25'],
    });

    await openSection(page, bd, 'sla-policies', 'SLA policies');
    await page.getByRole('button', { name: 'Add a policy' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Urgent Facebook');
    await page.getByRole('group', { name: 'Priorities' }).getByLabel('Urgent').check();
    await page.getByRole('group', { name: 'Platforms' }).getByLabel('Facebook').check();
    await page.getByLabel('First response', { exact: true }).fill('30');
    await page.getByLabel('Unit of First response').selectOption('minutes');
    await page.getByLabel('Resolution', { exact: true }).fill('2');
    await page.getByLabel('Unit of Resolution').selectOption('days');
    await page.getByLabel('Business hours', { exact: true }).selectOption({ label: 'Office Italy (Europe/Rome)' });
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Policy “Urgent Facebook” created' }).waitFor();
    const policyRow = page.getByRole('row').filter({ hasText: 'Urgent Facebook' });
    await expect(policyRow.getByRole('cell').allTextContents()).resolves.toEqual(expect.arrayContaining(['1', 'Urgent, Facebook', '30 min', '—', '2 d', 'Office Italy', '80 %', 'Notify']));

    const policies = await apiAs<{ items: Array<Record<string, unknown>> }>(bd, bd.admin, 'get', '/api/sla-policies');
    expect(policies.items).toHaveLength(1);
    expect(policies.items[0]).toMatchObject({
      name: 'Urgent Facebook',
      when: { priorities: ['urgent'], channelTypes: ['facebook'] },
      firstResponseSeconds: 1800,
      nextResponseSeconds: null,
      resolutionSeconds: 172_800,
      businessHoursId: calendar.id,
      warnAtPercent: 80,
      onBreach: 'notify',
    });
    expect(policies.items[0]!.when).toEqual({ priorities: ['urgent'], channelTypes: ['facebook'] });
    await context.close();
  }, 90_000);

  it('edits a channel keeping the secrets left empty, lists its deliveries, and deletes it keeping its conversations', async () => {
    const channel = await createChannel(bd.desk, bd.admin, 'telegram');
    await expect(deliverFixture(bd.desk, channel, 'telegram', 'message_private.json').then((r) => r.status)).resolves.toBe(200);
    await expect(settled(bd.desk, bd.admin, channel.id)).resolves.toEqual([]);
    const { context, page } = await signedInAdmin(bd);
    context.setDefaultTimeout(STEP_MS);
    await openSection(page, bd, 'channels', 'Channels');
    await page.getByRole('button', { name: 'Edit telegram test' }).click();
    await expect(page.getByLabel('Bot token', { exact: true }).getAttribute('placeholder')).resolves.toBe('Set — leave empty to keep it');
    await page.getByLabel('Name', { exact: true }).fill('Support bot');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Channel saved.' }).waitFor();
    const saved = await apiAs(bd, bd.admin, 'get', `/api/channels/${channel.id}`);
    expect(saved).toMatchObject({ name: 'Support bot', secretsSet: ['botToken', 'secretToken'] });
    // The secrets left empty are the ones the webhook still checks.
    await expect(deliverFixture(bd.desk, channel, 'telegram', 'channel_post.json').then((r) => r.status)).resolves.toBe(200);
    const deliveries = page.getByRole('region', { name: 'Deliveries of Support bot' });
    await deliveries.getByRole('button', { name: 'Refresh' }).click();
    await deliveries.getByRole('cell', { name: 'Processed' }).first().waitFor();

    await page.getByRole('button', { name: 'Delete Support bot' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete the channel “Support bot”?' });
    await expect(dialog.textContent()).resolves.toContain('conversations and messages are kept');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'Support bot' }).waitFor({ state: 'detached' });
    await expect(deliverFixture(bd.desk, channel, 'telegram', 'edited_message.json').then((r) => r.status)).resolves.toBe(404);
    await expect(conversationsOf(bd.desk, bd.admin, { channelId: channel.id }).then((items) => items.length)).resolves.toBeGreaterThan(0);
    await context.close();
  }, 90_000);

  it('writes a canned response with a placeholder and the reply policy', async () => {
    const { context, page } = await signedInAdmin(bd);
    context.setDefaultTimeout(STEP_MS);
    await openSection(page, bd, 'canned-responses', 'Canned responses');
    await page.getByRole('button', { name: 'Add a response' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Thanks');
    await page.getByLabel('Shortcut', { exact: true }).fill('thanks');
    await page.getByLabel('Text', { exact: true }).fill('Ciao ');
    await page.getByRole('button', { name: 'Insert the placeholder contact.firstName' }).click();
    await page.getByRole('button', { name: 'Create response' }).click();
    await page.getByRole('status').filter({ hasText: 'Response “Thanks” created.' }).waitFor();
    const canned = await apiAs<{ items: Array<Record<string, unknown>> }>(bd, bd.admin, 'get', '/api/canned-responses');
    expect(canned.items).toEqual([expect.objectContaining({ name: 'Thanks', shortcut: 'thanks', text: 'Ciao {{contact.firstName}}', roleId: null, placeholders: ['contact.firstName'] })]);

    await openSection(page, bd, 'reply-policy', 'Reply policy');
    await page.getByLabel('Block terms', { exact: true }).fill('idiot');
    await page.getByLabel('Warning terms', { exact: true }).fill('guarantee\n\nGuarantee');
    await page.getByRole('button', { name: 'Add a topic' }).click();
    await page.getByLabel('Topic 1 name').fill('Legal');
    await page.getByLabel('Topic 1 terms').fill('lawyer\navvocato');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply policy saved' }).waitFor();
    const policy = await apiAs(bd, bd.admin, 'get', '/api/reply-policy');
    expect(policy).toMatchObject({ blockTerms: ['idiot'], warnTerms: ['guarantee'], approvalTopics: [{ name: 'Legal', terms: ['lawyer', 'avvocato'] }] });
    await expect(page.getByText(/Last changed .* by Administrator\./).isVisible()).resolves.toBe(true);
    await context.close();
  }, 90_000);

  it('shows a supervisor the SLA sections only, and they can edit them', async () => {
    // A tablet held upright: the side menu becomes a row above the section, and nothing spills sideways.
    const { context, page } = await signedInPage(bd, bd.supervisor.email, MEMBER_PASSWORD, { viewport: { width: 820, height: 1180 } });
    context.setDefaultTimeout(STEP_MS);
    await page.getByRole('link', { name: 'Administration' }).click();
    const menu = page.getByRole('navigation', { name: 'Administration' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['SLA policies', 'Business hours', 'Workspace settings']);
    await page.getByRole('heading', { level: 2, name: 'SLA policies' }).waitFor();
    await expect(page.locator('.admin').evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    // A bookmarked admin-only section shows what they may edit instead.
    await page.goto(`${bd.desk.url}/#/admin/channels`);
    await page.getByRole('heading', { level: 2, name: 'SLA policies' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Channels' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Users and workspaces' }).count()).resolves.toBe(0);

    await menu.getByRole('link', { name: 'Workspace settings' }).click();
    await page.getByRole('heading', { level: 2, name: 'Workspace settings' }).waitFor();
    await page.getByLabel('First responses on time (%)').fill('95');
    await page.getByLabel('Consistency period').selectOption('week');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    const settings = await apiAs(bd, bd.supervisor.token, 'get', '/api/workspace/settings');
    expect(settings.consistency).toEqual({ period: 'week', minAttainment: 0.95 });
    await context.close();
  });

  it('shows the server’s validation messages and code next to the form', async () => {
    const { context, page } = await signedInPage(bd, ADMIN_EMAIL, ADMIN_PASSWORD, { locale: 'it-IT' });
    context.setDefaultTimeout(STEP_MS);
    await page.goto(`${bd.desk.url}/#/admin/sla-policies`);
    await page.getByRole('heading', { level: 2, name: 'Policy SLA' }).waitFor();
    await page.getByRole('button', { name: 'Aggiungi una policy' }).click();
    await page.getByRole('button', { name: 'Crea la policy' }).click();
    // Every problem the server found, one per line, with its code, in the form's own place.
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Correggi questi punti e salva di nuovo (VALIDATION_FAILED)');
    await expect(alert.getByRole('listitem').allTextContents()).resolves.toEqual(['name must be a text of 1 to 100 characters', 'firstResponseSeconds is required']);
    await expect(page.getByRole('form', { name: 'Nuova policy SLA' }).getByRole('alert').count()).resolves.toBe(1);
    // Nothing was created, and the form is still there to fix.
    await expect(page.getByLabel('Nome', { exact: true }).isVisible()).resolves.toBe(true);
    const policies = await apiAs<{ items: Array<{ name: string }> }>(bd, bd.admin, 'get', '/api/sla-policies');
    expect(policies.items.map((p) => p.name)).not.toContain('');
    await context.close();
  }, 90_000);
});
