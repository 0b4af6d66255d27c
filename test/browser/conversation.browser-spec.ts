import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, screenshot, sendComment, signedInPage, startBrowserDesk, type BrowserDesk } from '../support/browser';
import { eventually } from '../support/inbox';

/**
 * The conversation pane against the real desk: replies that really leave for the fake platform and come back
 * `sent`, notes that go nowhere, a customer's edit, the reply policy's hold and a lead's approval, who else is
 * looking and typing, and the keyboard.
 */
describe('the conversation pane', () => {
  let bd: BrowserDesk;
  let agent: { context: BrowserContext; page: Page };
  let lead: { context: BrowserContext; page: Page } | undefined;
  let customers = 0;

  beforeAll(async () => {
    bd = await startBrowserDesk();
    // Every comment goes to the Care role, whose only member is the agent.
    const care = await apiAs(bd, bd.admin, 'post', '/api/roles', { name: 'Care' });
    await apiAs(bd, bd.admin, 'put', `/api/roles/${care.id}/members`, { members: [{ userId: bd.agent.id }] });
    await apiAs(bd, bd.admin, 'put', '/api/responsibility-map', { defaultRoleId: care.id, rules: [] });
    agent = await signedIn(bd.agent.email);
  }, 90_000);
  afterAll(() => bd?.stop());
  // A test that failed half-way must not leave the platform slow for the next one.
  afterEach(() => bd.fake.behave({ delayMs: undefined }));

  /** A signed-in page whose waits fail with the locator that never showed, before the test's own timeout. */
  async function signedIn(email: string, options?: Parameters<typeof signedInPage>[3]) {
    const opened = await signedInPage(bd, email, undefined, options);
    opened.page.setDefaultTimeout(20_000);
    return opened;
  }

  /** A customer of our own per test, so contacts and conversations do not mix. */
  function customer(name = 'Maria Rossi') {
    customers += 1;
    return { id: `conv-customer-${customers}`, name, username: `${name.toLowerCase().replace(/\s+/g, '.')}${customers}`, followers: 1520 + customers };
  }

  /** The conversation a customer event landed in, once the desk has processed it. */
  function conversationOf(externalId: string): Promise<string> {
    return eventually(async () => {
      const r = await bd.sql.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [externalId]);
      return r.rows[0]?.conversation_id;
    }, 15_000, `the conversation of ${externalId}`);
  }

  async function open(page: Page, conversationId: string, thread = 'Messages'): Promise<void> {
    await page.goto(`${bd.desk.url}/#/inbox/${conversationId}`);
    await page.getByRole('log', { name: thread }).waitFor();
  }

  const messageItem = (page: Page, text: string, thread = 'Messages') => page.getByRole('log', { name: thread }).getByRole('listitem').filter({ hasText: text });
  const apiRequestsWith = (text: string) => bd.fake.requests.filter((r) => r.platform === 'api' && (r.json as { text?: string } | undefined)?.text === text);

  it('shows a new comment, sends a reply with the keyboard and follows it from queued to sent', async () => {
    const { page } = agent;
    const author = customer();
    const commentId = await sendComment(bd, 'Is the autumn menu available for vegans?', { author });
    const conversationId = await conversationOf(commentId);
    await open(page, conversationId);
    await messageItem(page, 'Is the autumn menu available for vegans?').waitFor();
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toContain('Maria Rossi');
    // The post it is about, on the platform.
    const post = page.getByRole('link', { name: 'Autumn menu launch' });
    await expect(post.getAttribute('href')).resolves.toBe('https://brand.example/posts/42');
    await expect(post.getAttribute('target')).resolves.toBe('_blank');

    // r, a canned response's shortcut and Tab (its placeholders filled for this customer), Ctrl+Enter.
    await apiAs(bd, bd.lead.token, 'post', '/api/canned-responses', { name: 'Vegan menu', shortcut: 'vegan', text: 'Ciao {{contact.firstName}}! Yes: three vegan dishes, all autumn long.' });
    const text = 'Ciao Maria! Yes: three vegan dishes, all autumn long.';
    await page.keyboard.press('r');
    const box = page.getByLabel('Reply to the customer');
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('/vegan');
    await page.getByText('Tab inserts “Vegan menu”').waitFor();
    await page.keyboard.press('Tab');
    await page.waitForFunction((expected) => (document.activeElement as HTMLInputElement | null)?.value === expected, text);
    // The platform takes its time, so "queued" is on screen before "sent" arrives live.
    bd.fake.behave({ delayMs: 1500, platform: 'api' });
    await page.keyboard.press('Control+Enter');
    const reply = messageItem(page, text);
    await reply.getByText('Queued', { exact: true }).waitFor();
    await expect(box.inputValue()).resolves.toBe('');
    await reply.getByText('Sent', { exact: true }).waitFor();

    const sent = apiRequestsWith(text);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.json).toMatchObject({ conversationId, inReplyTo: commentId, text });
  }, 60_000);

  it('keeps a note internal: labelled as such, never sent to the platform', async () => {
    const { page } = agent;
    const commentId = await sendComment(bd, 'Do you deliver to Bologna?', { author: customer('Luca Verdi') });
    const conversationId = await conversationOf(commentId);
    await open(page, conversationId);
    await messageItem(page, 'Do you deliver to Bologna?').waitFor();

    const note = 'Check with logistics before answering.';
    await page.keyboard.press('n');
    await page.getByLabel('Internal note (only the team sees it)').fill(note);
    await page.keyboard.press('Control+Enter');
    const item = messageItem(page, note);
    await item.getByText('Internal note', { exact: true }).waitFor();
    await expect(item.locator('[data-delivery]').count()).resolves.toBe(0);

    const stored = await bd.sql.query<{ direction: string; delivery_status: string | null; outbox: string }>(
      `SELECT m.direction, m.delivery_status, (SELECT count(*) FROM outbox o WHERE o.message_id = m.id)::text AS outbox FROM messages m WHERE m.conversation_id = $1 AND m.text = $2`,
      [conversationId, note],
    );
    expect(stored.rows).toEqual([{ direction: 'note', delivery_status: null, outbox: '0' }]);
    expect(apiRequestsWith(note)).toHaveLength(0);
  }, 60_000);

  it("shows the customer's edit live, with the earlier text on demand", async () => {
    const { page } = agent;
    const author = customer('Sara Neri');
    const commentId = await sendComment(bd, 'The pumpkin risotto was cold.', { author });
    const conversationId = await conversationOf(commentId);
    await open(page, conversationId);
    await messageItem(page, 'The pumpkin risotto was cold.').waitFor();

    // The same event id with another text is an edit (CONTRACT.md); the api channel has no deletions to send.
    await sendComment(bd, 'The pumpkin risotto was cold, but the staff fixed it at once.', { id: commentId, author });
    const edited = messageItem(page, 'but the staff fixed it at once');
    const marker = edited.getByRole('button', { name: 'edited' });
    await marker.waitFor();
    await marker.click();
    await edited.getByRole('list', { name: 'Earlier texts' }).getByText('The pumpkin risotto was cold.', { exact: true }).waitFor();
  }, 60_000);

  it("warns and holds a reply on an approval topic until a lead approves it, then sends it", async () => {
    await apiAs(bd, bd.admin, 'put', '/api/reply-policy', { warnTerms: ['guarantee'], approvalTopics: [{ name: 'Legal', terms: ['lawyer'] }] });
    const { page } = agent;
    const commentId = await sendComment(bd, 'I will call my lawyer about the booking.', { author: customer('Paolo Gialli') });
    const conversationId = await conversationOf(commentId);
    await open(page, conversationId);
    await messageItem(page, 'I will call my lawyer').waitFor();

    const text = 'Our lawyer will call you back today, with our guarantee.';
    await page.keyboard.press('r');
    await page.keyboard.type(text);
    // Before anything is sent, the box says what will happen.
    await page.getByText('This reply will be held for a lead’s approval.', { exact: false }).waitFor();
    await page.getByText('The reply policy warns about: guarantee.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Send for approval' }).waitFor();
    await page.keyboard.press('Control+Enter');
    const held = messageItem(page, text);
    await held.getByText('Held for approval', { exact: true }).waitFor();
    await held.getByText('Legal', { exact: false }).waitFor();
    // An agent cannot decide; nothing reached the platform.
    await expect(held.getByRole('button', { name: 'Approve and send' }).count()).resolves.toBe(0);
    expect(apiRequestsWith(text)).toHaveLength(0);

    lead = await signedIn(bd.lead.email);
    await open(lead.page, conversationId);
    await messageItem(lead.page, text).getByRole('button', { name: 'Approve and send' }).click();
    // The agent sees it leave, live.
    await held.getByText('Sent', { exact: true }).waitFor({ timeout: 10_000 });
    await messageItem(lead.page, text).getByText('Approved by Test lead', { exact: false }).waitFor();
    expect(apiRequestsWith(text)).toHaveLength(1);
    await apiAs(bd, bd.admin, 'put', '/api/reply-policy', {});
  }, 90_000);

  it('shows who else is looking at the conversation, and when they type', async () => {
    const { page } = agent;
    const commentId = await sendComment(bd, 'Can I bring my dog?', { author: customer('Anna Blu') });
    const conversationId = await conversationOf(commentId);
    await open(page, conversationId);
    await expect(page.getByText('Also here:').count()).resolves.toBe(0);

    lead ??= await signedIn(bd.lead.email);
    await open(lead.page, conversationId);
    const line = page.getByRole('status').filter({ hasText: 'Also here:' });
    await line.getByText('Test lead', { exact: true }).waitFor();
    await lead.page.getByLabel('Reply to the customer').pressSequentially('Of course, dogs are', { delay: 20 });
    await line.getByText('Test lead (typing…)').waitFor();
    // The lead's own page lists the agent, never the lead.
    const leadLine = lead.page.getByRole('status').filter({ hasText: 'Also here:' });
    await leadLine.getByText('Test agent', { exact: true }).waitFor();
    await expect(leadLine.textContent()).resolves.not.toContain('Test lead');

    // Leaving (another page) takes the lead off the line.
    await lead.page.goto(`${bd.desk.url}/#/inbox`);
    await line.waitFor({ state: 'detached' });
  }, 60_000);

  it('resolves with the e shortcut', async () => {
    const { page } = agent;
    const commentId = await sendComment(bd, 'Thanks, all clear now.', { author: customer('Elena Viola') });
    const conversationId = await conversationOf(commentId);
    await open(page, conversationId);
    await messageItem(page, 'Thanks, all clear now.').waitFor();
    await expect(page.getByTestId('conversation-status').textContent()).resolves.toBe('Open');
    await page.keyboard.press('e');
    await page.getByRole('button', { name: 'Resolve', pressed: true }).waitFor();
    await expect(page.getByTestId('conversation-status').textContent()).resolves.toBe('Resolved');
    const stored = await apiAs(bd, bd.agent.token, 'get', `/api/conversations/${conversationId}`);
    expect(stored.status).toBe('resolved');
  }, 60_000);

  it('on a tablet, in Italian: full width, the contact in a drawer, and a supervisor who leaves notes but does not reply', async () => {
    const commentId = await sendComment(bd, 'Avete posti per domenica?', { author: customer('Chiara Russo') });
    const conversationId = await conversationOf(commentId);
    const { page, context } = await signedIn(bd.supervisor.email, { locale: 'it-IT', viewport: { width: 1024, height: 768 } });
    await open(page, conversationId, 'Messaggi');
    await messageItem(page, 'Avete posti per domenica?', 'Messaggi').waitFor();

    // Under 1200 px the contact opens over the thread, and Escape closes the drawer, not the conversation.
    const panel = page.getByRole('complementary', { name: 'Contatto' });
    await expect(panel.count()).resolves.toBe(0);
    const toggle = page.getByRole('button', { name: 'Contatto', exact: true });
    await toggle.click();
    await panel.getByText('Conversazioni precedenti').waitFor();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await panel.getByRole('button', { name: 'Nascondi il pannello del contatto' }).focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('log', { name: 'Messaggi' }).waitFor();

    // A supervisor: no reply, no status buttons; a note, yes.
    await page.getByText('I supervisori leggono le conversazioni e lasciano note interne').waitFor();
    await expect(page.getByRole('radio', { name: 'Risposta' }).count()).resolves.toBe(0);
    await expect(page.getByRole('group', { name: 'Stato' }).count()).resolves.toBe(0);
    await page.getByLabel('Nota interna (la vede solo la squadra)').fill('Cliente abituale, sentire il locale.');
    await page.keyboard.press('Control+Enter');
    await messageItem(page, 'Cliente abituale', 'Messaggi').getByText('Nota interna', { exact: true }).waitFor();
    await context.close();
  }, 60_000);

  it('shows a rich conversation with the contact panel (README screenshot)', async () => {
    await apiAs(bd, bd.admin, 'post', '/api/sla-policies', { name: 'Standard', when: {}, firstResponseSeconds: 3600, nextResponseSeconds: 1800 });
    const giulia = { id: 'giulia-b', name: 'Giulia Bianchi', username: 'giulia.eats', followers: 12840 };
    // Her earlier conversations, for the panel.
    const earlier = await conversationOf(await sendComment(bd, 'Do you have gluten-free pizza?', { author: giulia }));
    await apiAs(bd, bd.agent.token, 'post', `/api/conversations/${earlier}/status`, { status: 'resolved' });
    await conversationOf(await sendComment(bd, 'Loved the tiramisù last night!', { author: giulia }));

    const root = await sendComment(bd, 'Hi! Is the autumn menu available for a group of 12 on Saturday evening?', { author: giulia });
    const conversationId = await conversationOf(root);
    const first = await apiAs(bd, bd.agent.token, 'post', `/api/conversations/${conversationId}/replies`, {
      text: 'Ciao Giulia! Yes, for groups up to 14 on Saturdays. Shall I hold a table for 20:00?',
    });
    const sent = await eventually(async () => {
      const r = await bd.sql.query<{ delivery_status: string; external_id: string | null }>('SELECT delivery_status, external_id FROM messages WHERE id = $1', [first.id]);
      return r.rows[0]?.delivery_status === 'sent' ? r.rows[0] : undefined;
    });
    // The api channel reports no delivery receipts: set the stage as a platform that does would.
    await bd.sql.query(`UPDATE messages SET delivery_status = 'delivered' WHERE id = $1`, [first.id]);
    await conversationOf(await sendComment(bd, 'Same question for our table on Sunday!', { author: { id: 'marco-r', name: 'Marco Rossi', username: 'marco.r', followers: 310 }, inReplyTo: root }));
    // Giulia answers our reply (by the id the platform gave it), then edits her answer.
    const follow = await sendComment(bd, 'Perfect, 20:00 works. Is there a vegan option?', { author: giulia, inReplyTo: sent.external_id! });
    await conversationOf(follow);
    await sendComment(bd, 'Perfect, 20:00 works. Is there a vegan option for 3 of us?', { id: follow, author: giulia, inReplyTo: sent.external_id! });
    await eventually(async () => (await bd.sql.query('SELECT edited FROM messages WHERE external_id = $1', [follow])).rows[0]?.edited === true);
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${conversationId}/notes`, { text: 'Regular guest: offer the garden room if it is free.' });
    await apiAs(bd, bd.agent.token, 'put', `/api/conversations/${conversationId}/tags`, { tags: ['groups', 'booking'] });
    await apiAs(bd, bd.agent.token, 'post', `/api/conversations/${conversationId}/priority`, { priority: 'high' });

    const { page } = agent;
    await open(page, conversationId);
    const panel = page.getByRole('complementary', { name: 'Contact' });
    await panel.getByRole('link', { name: 'Do you have gluten-free pizza?' }).waitFor();
    await panel.getByRole('link', { name: 'Loved the tiramisù last night!' }).waitFor();
    await messageItem(page, 'Same question for our table on Sunday!').getByText('In reply to Giulia Bianchi:').waitFor();
    await messageItem(page, 'Is there a vegan option for 3 of us?').getByText('In reply to Test agent:').waitFor();
    await messageItem(page, 'Shall I hold a table').getByText('Delivered', { exact: true }).waitFor();
    await messageItem(page, 'Regular guest').getByText('Internal note', { exact: true }).waitFor();
    // The past conversation opens in the pane.
    await expect(panel.getByRole('link', { name: 'Do you have gluten-free pizza?' }).getAttribute('href')).resolves.toBe(`#/inbox/${earlier}`);
    await screenshot(page, 'conversation');
  }, 90_000);
});
