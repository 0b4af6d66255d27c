import type { Page } from 'playwright-core';
import { CHANNEL_TYPES, type ChannelType } from '../../libs/channels/src/types/channel-type';
import { demoAdapterConfig, demoChannelConfigs } from '../../apps/simulator/src/demo-accounts';
import { createTraffic } from '../../apps/simulator/src/traffic/traffic-mix';
import { apiAs, openAs, screenshot, sendComment, startBrowserDesk, type BrowserDesk } from '../support/browser';
import { deliver, settled, type TestChannel } from '../support/inbox';

// The SLA here: direct messages answered within 5 minutes, everything else within 30; amber from half of it.
const FIRST_RESPONSE_S = 1800;
const WARN_AT_PERCENT = 50;

const rows = (page: Page) => page.locator('li.inbox-row');
const rowOf = (page: Page, contact: string) => rows(page).filter({ has: page.getByRole('link', { name: new RegExp(`^${contact},`) }) });
const author = (name: string, followers = 240) => ({ id: `c-${name.replace(/\W/g, '-').toLowerCase()}`, name, username: name.split(' ')[0]!.toLowerCase(), followers });

describe('the inbox in the browser', () => {
  let bd: BrowserDesk;
  let care: string;

  beforeAll(async () => {
    bd = await startBrowserDesk();
    const admin = bd.admin;
    await apiAs(bd, admin, 'patch', `/api/users/${bd.agent.id}`, { name: 'Marco Verdi' });
    await apiAs(bd, admin, 'patch', `/api/users/${bd.agent2.id}`, { name: 'Giulia Bianchi' });
    await apiAs(bd, admin, 'patch', `/api/users/${bd.lead.id}`, { name: 'Laura Neri' });
    await apiAs(bd, admin, 'patch', `/api/channels/${bd.channel.id}`, { name: 'Website & app' });
    // Customer care answers everything (the map's default role) and Marco is its member; Giulia is in Bookings, so
    // nothing reaches her unless a lead hands it over.
    care = (await apiAs(bd, admin, 'post', '/api/roles', { name: 'Customer care' })).id;
    const bookings = (await apiAs(bd, admin, 'post', '/api/roles', { name: 'Bookings' })).id;
    await apiAs(bd, admin, 'put', `/api/roles/${care}/members`, { members: [{ userId: bd.agent.id }] });
    await apiAs(bd, admin, 'put', `/api/roles/${bookings}/members`, { members: [{ userId: bd.agent2.id }] });
    await apiAs(bd, admin, 'put', '/api/responsibility-map', {
      defaultRoleId: care,
      rules: [{ name: 'Refunds', when: { keywords: ['rimborso', 'refund'] }, then: { roleId: care, priority: 'high' } }],
    });
    await apiAs(bd, admin, 'post', '/api/sla-policies', { name: 'Direct messages within 5 minutes', when: { kinds: ['message'] }, firstResponseSeconds: 300, warnAtPercent: WARN_AT_PERCENT });
    await apiAs(bd, admin, 'post', '/api/sla-policies', { name: 'Everything else within 30 minutes', firstResponseSeconds: FIRST_RESPONSE_S, warnAtPercent: WARN_AT_PERCENT });
  }, 90_000);
  afterAll(() => bd?.stop());

  it('shows a realistic list: channels, contacts, priorities, and SLA clocks amber at warning and red at breach', async () => {
    // Platform traffic as the simulator forges it, stamped minutes ago so some clocks are already at risk or late.
    const configs = demoChannelConfigs(bd.fake.baseUrls);
    const channels = new Map<ChannelType, TestChannel>();
    const names: Partial<Record<ChannelType, string>> = { instagram: 'Instagram', facebook: 'Facebook Page', whatsapp: 'WhatsApp', x: 'X', telegram: 'Telegram bot' };
    for (const type of CHANNEL_TYPES.filter((t) => names[t])) {
      const created = await apiAs(bd, bd.admin, 'post', '/api/channels', { type, name: names[type], config: configs[type] });
      channels.set(type, { id: created.id, type, config: demoAdapterConfig(type, bd.fake.baseUrls) });
    }
    channels.set('api', bd.channel);
    // Seed 3 forges, in this order: a WhatsApp DM, an Instagram comment, a Telegram DM, a WhatsApp DM, an X mention,
    // an Instagram comment, a WhatsApp DM, a Messenger DM and an Instagram comment. Stamped so that the top of the
    // list holds a DM at risk (amber) and one late (red), as a busy desk looks.
    const traffic = createTraffic({ seed: 3, weights: { instagramDm: 0, api: 3 } });
    // The two newest DMs stay on time for over two minutes (amber at 2.5): room for a loaded machine.
    const minutesAgo = [0.2, 25, 0.1, 12, 6, 2.5, 5.5, 3, 7];
    for (const minutes of minutesAgo) {
      const delivery = traffic.next(new Date(Date.now() - minutes * 60_000));
      const answer = await deliver(bd.desk, channels.get(delivery.channelType)!, delivery.body, delivery.contentType);
      expect(answer.status).toBe(200);
    }
    for (const channel of channels.values()) expect(await settled(bd.desk, bd.admin, channel.id)).toEqual([]);
    const listed = (await apiAs(bd, bd.admin, 'get', '/api/conversations?limit=100')).items as Array<{ id: string }>;
    expect(listed).toHaveLength(minutesAgo.length);
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${listed[4]!.id}/priority`, { priority: 'urgent' });
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${listed[2]!.id}/priority`, { priority: 'high' });
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${listed[1]!.id}/priority`, { priority: 'low' });

    // Marco comes online: Customer care's queue is handed to him, live.
    const { context, page } = await openAs(bd, bd.agent);
    await page.getByRole('tab', { name: 'Mine', selected: true }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('li.inbox-row').length >= n, listed.length);
    await page.locator('li.inbox-row [data-sla-tone=warning]').first().waitFor();
    await page.locator('li.inbox-row [data-sla-tone=breached]').first().waitFor();
    const tones = await page.locator('li.inbox-row [data-sla-tone]').evaluateAll((els) => els.map((e: HTMLElement) => e.getAttribute('data-sla-tone')));
    // Newest first: three on time, the Messenger DM 3 of its 5 minutes in (amber), the WhatsApp DM past them (red).
    expect(tones.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'warning', 'breached']);
    await expect(rows(page).nth(4).locator('.sla-breached').textContent()).resolves.toMatch(/^overdue by /);
    expect(new Set(await page.locator('li.inbox-row .channel-mark').allTextContents()).size).toBeGreaterThanOrEqual(3);
    await expect(page.locator('li.inbox-row .priority-urgent').count()).resolves.toBe(1);
    // Newest activity first, as the server lists it.
    const times = await page.locator('li.inbox-row time').evaluateAll((els) => els.map((e: HTMLElement) => Date.parse(e.getAttribute('datetime')!)));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    await rows(page).nth(1).getByRole('link').click();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('.inbox-row.is-new')); // the arrival highlight has faded
    await screenshot(page, 'inbox');
    await context.close();
  }, 120_000);

  it('an agent sees a new comment appear live, with its contact, first line and SLA clock, without a reload', async () => {
    const { context, page } = await openAs(bd, bd.agent);
    await rows(page).first().waitFor();
    await page.evaluate(() => (window.stayedOnPage = true));

    await sendComment(bd, 'Ciao! Il tiramisù di ieri era fantastico, complimenti allo chef', { author: author('Chiara Esposito', 15_230) });
    const row = rowOf(page, 'Chiara Esposito');
    await row.waitFor();
    await expect(row.getByRole('link').getAttribute('aria-label')).resolves.toBe('Chiara Esposito, API comment: Ciao! Il tiramisù di ieri era fantastico, complimenti allo chef');
    await expect(row.textContent()).resolves.toContain('15,230 followers');
    await expect(row.getByRole('timer').getAttribute('data-sla-tone')).resolves.toBe('ok');
    await expect(row.getByRole('timer').textContent()).resolves.toMatch(/^due in (29m|30m)/);
    await expect(row.textContent()).resolves.toContain('Customer care · Marco Verdi');
    // On top, the page never reloaded.
    await expect(rows(page).first().getAttribute('data-conversation-id')).resolves.toBe(await row.getAttribute('data-conversation-id'));
    await expect(page.evaluate(() => window.stayedOnPage)).resolves.toBe(true);
    await context.close();
  }, 60_000);

  it('a lead reassigns two conversations at once: they leave the agent’s list and reach the other agent’s, live', async () => {
    const marco = await openAs(bd, bd.agent);
    await sendComment(bd, 'I would like a refund for my order, it arrived cold', { author: author('Luca Ferrari') });
    await sendComment(bd, 'Do you have gluten-free pizza?', { author: author('Sara Colombo') });
    await rowOf(marco.page, 'Luca Ferrari').waitFor();
    await rowOf(marco.page, 'Sara Colombo').waitFor();

    const giulia = await openAs(bd, bd.agent2);
    await giulia.page.getByRole('tab', { name: 'Mine', selected: true }).waitFor();
    await giulia.page.getByText('No conversations here.').waitFor();

    const lead = await openAs(bd, bd.lead);
    const page = lead.page;
    await page.getByRole('tab', { name: 'Everything', selected: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Select the conversation with Luca Ferrari' }).check();
    await page.getByRole('checkbox', { name: 'Select the conversation with Sara Colombo' }).check();
    const bulk = page.getByRole('region', { name: 'Reassign the selected conversations' });
    await expect(page.getByRole('status').filter({ hasText: '2 selected' }).count()).resolves.toBe(1);
    // Each agent's load against capacity beside their name (Customer care has no cap).
    const agentSelect = bulk.getByLabel('Agent');
    await page.waitForFunction(() => [...document.querySelectorAll('option')].some((o: HTMLElement) => /^Marco Verdi \(\d+\/∞\)$/.test(o.textContent)));
    await agentSelect.selectOption(bd.agent2.id);
    await bulk.getByLabel('Reason (optional)').fill('Marco is at lunch');
    await bulk.getByRole('button', { name: 'Reassign' }).click();
    await page.getByText('Reassigned: 2 of 2 conversations changed.').waitFor();
    // The lead's own rows change in place through the live events.
    await page.waitForFunction(() => [...document.querySelectorAll('li.inbox-row')].filter((r: HTMLElement) => /· Giulia Bianchi/.test(r.textContent)).length === 2);

    await rowOf(marco.page, 'Luca Ferrari').waitFor({ state: 'detached' });
    await rowOf(marco.page, 'Sara Colombo').waitFor({ state: 'detached' });
    await rowOf(giulia.page, 'Luca Ferrari').waitFor();
    await rowOf(giulia.page, 'Sara Colombo').waitFor();
    await expect(rowOf(giulia.page, 'Sara Colombo').textContent()).resolves.toContain('Customer care · Giulia Bianchi');
    await Promise.all([marco.context.close(), giulia.context.close(), lead.context.close()]);
  }, 90_000);

  it('filters and search narrow the list, and stay in the address for a reload', async () => {
    const { context, page } = await openAs(bd, bd.agent);
    await sendComment(bd, 'Vorremmo festeggiare una laurea da voi sabato sera', { kind: 'message', author: author('Paolo Gallo') });
    await sendComment(bd, '@trattoria la consegna di ieri è arrivata in ritardo', { kind: 'mention', author: author('Elena Fontana') });
    await sendComment(bd, 'Si può festeggiare un compleanno in giardino?', { kind: 'comment', author: author('Anna Ricci') });
    for (const who of ['Paolo Gallo', 'Elena Fontana', 'Anna Ricci']) await rowOf(page, who).waitFor();

    await page.getByLabel('Kind').selectOption('message');
    await rowOf(page, 'Elena Fontana').waitFor({ state: 'detached' });
    await rowOf(page, 'Paolo Gallo').waitFor();
    const kinds = await page.locator('li.inbox-row .inbox-row-channel').allTextContents();
    expect(kinds.every((k) => k.endsWith('Message'))).toBe(true);

    await page.getByLabel('Kind').selectOption('');
    await rowOf(page, 'Elena Fontana').waitFor();
    // Full-text with Italian stemming: "festeggiamenti" finds "festeggiare".
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('festeggiamenti');
    await rowOf(page, 'Elena Fontana').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('li.inbox-row').length === 2);
    await page.getByLabel('Kind').selectOption('comment');
    await page.waitForFunction(() => document.querySelectorAll('li.inbox-row').length === 1);
    await rowOf(page, 'Anna Ricci').waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?queue=mine&status=open&kind=comment&q=festeggiamenti');

    await page.reload();
    await rowOf(page, 'Anna Ricci').waitFor();
    await expect(rows(page).count()).resolves.toBe(1);
    await expect(page.getByRole('searchbox', { name: 'Search conversations' }).inputValue()).resolves.toBe('festeggiamenti');
    await expect(page.getByLabel('Kind').inputValue()).resolves.toBe('comment');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowOf(page, 'Elena Fontana').waitFor();
    await context.close();
  }, 60_000);

  it('never jumps under the reader: scrolled down, a new conversation waits behind a bar', async () => {
    for (let i = 1; i <= 10; i++) await sendComment(bd, `Question number ${i} about the opening hours`, { author: author(`Regular Customer ${i}`) });
    expect(await settled(bd.desk, bd.admin, bd.channel.id)).toEqual([]);
    const { context, page } = await openAs(bd, bd.lead);
    await rowOf(page, 'Regular Customer 10').waitFor();
    const scroller = page.locator('.inbox-scroller');
    await scroller.evaluate((el: HTMLElement) => el.scrollTo({ top: 500 }));
    await page.mouse.move(1000, 400); // over the conversation pane: only the scroll position holds the list
    const before = await scroller.evaluate((el: HTMLElement) => {
      const top = el.getBoundingClientRect().top;
      const first = [...el.querySelectorAll('li.inbox-row')].find((r: HTMLElement) => r.getBoundingClientRect().bottom > top + 1) as HTMLElement;
      return { scrollTop: el.scrollTop, id: first.dataset.conversationId, y: first.getBoundingClientRect().top };
    });
    expect(before.scrollTop).toBeGreaterThan(400);

    await sendComment(bd, 'Is the terrace open tonight?', { author: author('Nuovo Cliente') });
    const bar = page.getByRole('button', { name: '1 new conversation: show it' });
    await bar.waitFor();
    const after = await scroller.evaluate((el: HTMLElement, id: string) => {
      const row = el.querySelector(`li[data-conversation-id="${id}"]`) as HTMLElement;
      return { scrollTop: el.scrollTop, y: row.getBoundingClientRect().top };
    }, before.id!);
    expect(after).toEqual({ scrollTop: before.scrollTop, y: before.y });
    await expect(rowOf(page, 'Nuovo Cliente').count()).resolves.toBe(0);

    await bar.click();
    await rowOf(page, 'Nuovo Cliente').waitFor();
    await expect(rows(page).first().getByRole('link').getAttribute('aria-label')).resolves.toMatch(/^Nuovo Cliente,/);
    await expect(scroller.evaluate((el: HTMLElement) => el.scrollTop)).resolves.toBe(0);
    await expect(bar.count()).resolves.toBe(0);

    // Scrolling back to the top shows what waited, too (the pointer is still over the list).
    await scroller.evaluate((el: HTMLElement) => el.scrollTo({ top: 500 }));
    await sendComment(bd, 'Can I bring my dog?', { author: author('Second Newcomer') });
    await bar.waitFor();
    await expect(rowOf(page, 'Second Newcomer').count()).resolves.toBe(0);
    await scroller.evaluate((el: HTMLElement) => el.scrollTo({ top: 0 }));
    await rowOf(page, 'Second Newcomer').waitFor();
    await expect(bar.count()).resolves.toBe(0);
    await context.close();
  }, 90_000);

  it('works from the keyboard, and on a tablet shows the list or the conversation', async () => {
    const { context, page } = await openAs(bd, bd.lead, { viewport: { width: 820, height: 1180 } });
    await rowOf(page, 'Paolo Gallo').waitFor();
    const list = page.getByRole('list', { name: 'Conversations' });
    const focusedId = () => page.evaluate(() => document.activeElement?.closest('li')?.dataset.conversationId ?? null);
    const ids = await rows(page).evaluateAll((els) => els.map((e: HTMLElement) => e.dataset.conversationId));

    // With no conversation open, Esc is left to the shell: it closes the shortcuts help.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Search conversations');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await expect(focusedId()).resolves.toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect(focusedId()).resolves.toBe(ids[1]);
    await page.keyboard.press('x');
    await expect(rows(page).nth(1).getByRole('checkbox').isChecked()).resolves.toBe(true);
    await page.getByRole('region', { name: 'Reassign the selected conversations' }).waitFor();
    await page.keyboard.press('x');
    await expect(rows(page).nth(1).getByRole('checkbox').isChecked()).resolves.toBe(false);

    // Tablet width: opening a conversation shows it alone, with a way back that keeps the filters.
    await page.getByLabel('Priority').selectOption('normal');
    await page.waitForFunction(() => window.location.hash.includes('priority=normal'));
    await rows(page).first().waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await page.waitForFunction(() => /^#\/inbox\/[0-9a-f-]{36}\?/.test(window.location.hash));
    await expect(list.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await list.waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe('#/inbox?queue=all&status=open&priority=normal');

    // Esc closes the open conversation.
    await rows(page).first().getByRole('link').press('Enter');
    await page.getByRole('button', { name: 'Back to the list' }).waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe('#/inbox?queue=all&status=open&priority=normal');
    await context.close();
  }, 60_000);
});
