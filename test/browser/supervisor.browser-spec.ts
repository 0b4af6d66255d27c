import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { apiAs, screenshot, sendComment, signedInPage, startBrowserDesk, type BrowserDesk } from '../support/browser';

/** The red of base.css (--breached), as the browser computes it. */
const RED = 'rgb(179, 38, 30)';
// "urgent" comments go to PR, urgent, under an 8 s first-response target (amber at 4 s): the breach the supervisor
// watches. "refund" comments go to Care, high, amber after 2 s of 200 s. The rest: Care, an hour.
const URGENT_SECONDS = 8;
/** The sentiment report's columns, and their English names in the chart. */
const SENTIMENTS = ['negative', 'neutral', 'positive', 'unknown'];
const SENTIMENT_NAMES = ['Negative', 'Neutral', 'Positive', 'Not classified'];

// One story, in order: a breach happens live, the report shows it, then more traffic fills the board and the charts.
describe('the supervisor’s SLA board and reports', () => {
  let bd: BrowserDesk;
  let care: string;
  let pr: string;

  beforeAll(async () => {
    bd = await startBrowserDesk();
    const role = async (name: string) => (await apiAs(bd, bd.lead.token, 'post', '/api/roles', { name, assignment: 'manual' })).id as string;
    care = await role('Care');
    pr = await role('PR');
    await apiAs(bd, bd.lead.token, 'put', '/api/responsibility-map', {
      defaultRoleId: care,
      rules: [
        { name: 'Urgent', when: { keywords: ['urgent'] }, then: { roleId: pr, priority: 'urgent' } },
        { name: 'Refunds', when: { keywords: ['refund'] }, then: { roleId: care, priority: 'high' } },
      ],
    });
    await apiAs(bd, bd.admin, 'post', '/api/sla-policies', { name: 'Urgent', when: { priorities: ['urgent'] }, firstResponseSeconds: URGENT_SECONDS, warnAtPercent: 50 });
    await apiAs(bd, bd.admin, 'post', '/api/sla-policies', { name: 'High', when: { priorities: ['high'] }, firstResponseSeconds: 200, warnAtPercent: 1 });
    await apiAs(bd, bd.admin, 'post', '/api/sla-policies', { name: 'Default', firstResponseSeconds: 3600, resolutionSeconds: 86_400 });
  }, 60_000);
  afterAll(() => bd?.stop());

  const boardRow = (page: Page, contact: string, target = 'First response') => page.getByRole('row').filter({ hasText: contact }).filter({ hasText: target });
  const toneOf = (page: Page, contact: string) => boardRow(page, contact).getByRole('timer').getAttribute('data-sla-tone');
  const waitForTone = (page: Page, contact: string, tone: string, timeout = 15_000) =>
    boardRow(page, contact).locator(`[data-sla-tone="${tone}"]`).waitFor({ timeout });

  it('shows a new conversation’s clock live, turns it amber, then red at the breach, and counts the server’s breach', async () => {
    const { context, page } = await signedInPage(bd, bd.supervisor.email);
    await page.getByRole('link', { name: 'SLA board' }).click();
    await page.getByRole('heading', { name: 'SLA board' }).waitFor();
    await page.getByText('No clock is running').waitFor();

    await sendComment(bd, 'This is urgent: my order never arrived', { author: { id: 'giulia', name: 'Giulia Bianchi', username: 'giulia.b', followers: 80 } });
    // It arrives without a reload, in PR, counting down.
    await boardRow(page, 'Giulia Bianchi').waitFor({ timeout: 5000 });
    const row = boardRow(page, 'Giulia Bianchi');
    await expect(row.getByRole('cell').nth(4).textContent()).resolves.toBe('PR');
    expect(await toneOf(page, 'Giulia Bianchi')).not.toBe('breached');
    await expect(row.getByRole('timer').textContent()).resolves.toMatch(/^due in \d+s$/);
    await expect(page.getByTestId('board-running').textContent()).resolves.toBe('1');

    // Amber at half the target: only the server's sla.warning (refetched) can say so.
    await waitForTone(page, 'Giulia Bianchi', 'warning');
    await expect(page.getByTestId('board-at-risk').textContent()).resolves.toBe('1');
    await expect(row.getByRole('timer').evaluate((el) => window.getComputedStyle(el).color)).resolves.toBe('rgb(138, 90, 0)');

    // Red at the due instant, overdue counting up, and the server's sla.breached arrives (the row's state).
    await waitForTone(page, 'Giulia Bianchi', 'breached');
    await expect(row.getByRole('timer').evaluate((el) => window.getComputedStyle(el).color)).resolves.toBe(RED);
    await row.and(page.locator('[data-sla-state="breached"]')).waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('board-breached').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('board-at-risk').textContent()).resolves.toBe('0');
    await expect(row.getByRole('timer').textContent()).resolves.toMatch(/^overdue by \d+s$/);

    // A click on the row opens the conversation.
    const conversations = await apiAs(bd, bd.supervisor.token, 'get', '/api/conversations?roleId=' + pr);
    await row.getByRole('cell').nth(1).click();
    await page.waitForFunction((id) => window.location.hash === `#/inbox/${id}`, conversations.items[0].id);
    await context.close();
  }, 60_000);

  it('reports today’s breach in red, by role and by day, and exports it as CSV', async () => {
    const { context, page } = await signedInPage(bd, bd.supervisor.email);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'SLA reports' }).waitFor();
    await expect(page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).resolves.toBe('true');

    await expect(page.getByTestId('report-breached').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('report-breached').evaluate((el) => window.getComputedStyle(el).color)).resolves.toBe(RED);
    await expect(page.getByTestId('report-attainment').textContent()).resolves.toBe('0%');

    // By role: PR's one first response breached, attainment 0 %, in red, in the chart and in its table.
    const attainment = page.getByRole('figure', { name: 'First-response attainment and consistency' });
    await expect(attainment.getByRole('img').getAttribute('aria-label')).resolves.toContain('PR 0%, 1 breached');
    await expect(attainment.locator('.value-breached').first().evaluate((el) => window.getComputedStyle(el).fill)).resolves.toBe(RED);
    await attainment.getByRole('button', { name: 'Show the data table' }).click();
    const prRow = attainment.getByRole('row', { name: /^PR/ });
    await expect(prRow.getByRole('cell').allTextContents()).resolves.toEqual(['0', '1', '0%', expect.stringMatching(/^0%/)]);
    await expect(prRow.getByRole('cell').nth(1).evaluate((el) => window.getComputedStyle(el).color)).resolves.toBe(RED);

    // By day: today's row holds the breach, in red.
    const byDay = page.getByRole('figure', { name: 'First response time by day' });
    await byDay.getByRole('button', { name: 'Show the data table' }).click();
    const dayRows = byDay.getByRole('row').filter({ has: page.locator('td.num-breached') });
    await expect(dayRows.count()).resolves.toBe(1);
    await expect(dayRows.getByRole('cell').last().textContent()).resolves.toBe('1');

    // CSV: the desk's own export of the same rows, saved under a name with the grouping and the dates.
    const [download] = await Promise.all([page.waitForEvent('download'), attainment.getByRole('button', { name: 'Download CSV by Role' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sla-report-role-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['key', 'label', 'conversations', 'first_response_count']);
    const pr = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v]))).find((r) => r.label === 'PR')!;
    expect(pr).toMatchObject({ key: expect.any(String), conversations: '1', first_response_breached: '1', first_response_met: '0', first_response_attainment: '0' });
    await context.close();
  }, 60_000);

  it('shows ok, amber and red rows together, filters them, and charts met and breached outcomes', async () => {
    const customers = ['Luca Verdi', 'Sara Neri', 'Paolo Gallo', 'Anna Russo', 'Marco Conti'];
    await sendComment(bd, 'I would like a refund for the broken chair', { author: { id: 'sara', name: 'Sara Neri' } });
    await sendComment(bd, 'Do you deliver on Sundays?', { author: { id: 'luca', name: 'Luca Verdi' } });
    await sendComment(bd, 'Lovely service, thank you!', { author: { id: 'paolo', name: 'Paolo Gallo' } });
    await sendComment(bd, 'Where can I find the size guide?', { author: { id: 'anna', name: 'Anna Russo' } });
    await sendComment(bd, 'Refund still missing after two weeks', { author: { id: 'marco', name: 'Marco Conti' } });
    // Met outcomes for the report: the lead answers two of them at once; the agent holds another.
    // The webhook answers once the events are stored; the conversations follow a moment later.
    let items: Array<{ id: string; contact: { name: string } }> = [];
    for (let tries = 0; tries < 50 && !customers.every((c) => items.some((i) => i.contact.name === c)); tries++) {
      if (tries) await new Promise((resolve) => setTimeout(resolve, 200));
      items = (await apiAs(bd, bd.supervisor.token, 'get', '/api/conversations?limit=100')).items;
    }
    const id = (name: string) => items.find((c) => c.contact.name === name)!.id;
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${id('Paolo Gallo')}/replies`, { text: 'Thank you, Paolo!' });
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${id('Anna Russo')}/replies`, { text: 'Here it is: brand.example/sizes' });
    await apiAs(bd, bd.lead.token, 'post', `/api/conversations/${id('Luca Verdi')}/assignment`, { assigneeId: bd.agent.id });

    const { context, page } = await signedInPage(bd, bd.supervisor.email, undefined, { viewport: { width: 1280, height: 720 } });
    await page.getByRole('link', { name: 'SLA board' }).click();
    await waitForTone(page, 'Sara Neri', 'warning');
    await waitForTone(page, 'Luca Verdi', 'ok');
    await waitForTone(page, 'Giulia Bianchi', 'breached');
    // Soonest first: the breach, then the refunds (200 s), then the hour-long ones, then the resolutions.
    const order = await page.locator('tbody tr[data-key]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key!.split(':')[1]));
    expect(order[0]).toBe('first_response');
    expect(order.at(-1)).toBe('resolution');
    await expect(boardRow(page, 'Luca Verdi').getByRole('cell').nth(5).textContent()).resolves.toBe('Test agent');
    // Answered conversations keep only their resolution clock.
    await expect(boardRow(page, 'Paolo Gallo').count()).resolves.toBe(0);
    await expect(boardRow(page, 'Paolo Gallo', 'Resolution').count()).resolves.toBe(1);
    await screenshot(page, 'sla-board');

    await page.getByLabel('Role').selectOption({ label: 'PR' });
    await expect(page.locator('tbody tr[data-key]').count()).resolves.toBe(1);
    await page.getByLabel('Role').selectOption({ label: 'Care' });
    await page.getByLabel('Target').selectOption({ label: 'Resolution' });
    await expect(page.locator('tbody tr[data-key]').count()).resolves.toBe(3);
    await expect(page.getByTestId('board-breached').textContent()).resolves.toBe('0');
    await page.getByRole('button', { name: 'Clear the filters' }).click();

    // The sentiment chart counts the conversations created in the range, by the sentiment the desk gave them: one
    // of them is moved ten days back, out of the last 7 days and into the last 30.
    const all: Array<{ id: string; contact: { name: string }; sentiment: string | null; roleId: string | null }> = (await apiAs(bd, bd.supervisor.token, 'get', '/api/conversations?limit=100')).items;
    expect(all).toHaveLength(6);
    const moved = all.find((c) => c.contact.name === 'Paolo Gallo')!;
    await bd.sql.query(`UPDATE conversations SET created_at = created_at - interval '10 days' WHERE id = $1`, [moved.id]);
    const tally = (list: typeof all) => SENTIMENTS.map((s) => list.filter((c) => (c.sentiment ?? 'unknown') === s).length);
    const recent = tally(all.filter((c) => c !== moved));

    await page.getByRole('link', { name: 'Reports' }).click();
    const attainment = page.getByRole('figure', { name: 'First-response attainment and consistency' });
    await expect(attainment.getByRole('img').getAttribute('aria-label')).resolves.toMatch(/Care 100%, 0 breached; PR 0%, 1 breached/);
    await page.getByRole('figure', { name: 'Conversations by hour' }).getByRole('img').waitFor();
    const sentiment = page.getByRole('figure', { name: 'Sentiment of new conversations' });
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
    const parts = (counts: number[]) => counts.map((n, i) => `${SENTIMENT_NAMES[i]} ${percent.format(n / counts.reduce((a, b) => a + b))} (${n})`).join(', ');
    await expect(sentiment.getByRole('img').first().getAttribute('aria-label')).resolves.toBe(`Conversations created in the range: 5. Sentiment: ${parts(recent)}.`);
    await sentiment.getByRole('button', { name: 'Show the data table' }).click();
    // Counts per sentiment, then conversations per day: today's five, the other days of the week empty.
    const numbers = (row: Locator) => row.getByRole('cell').allTextContents().then((cells) => cells.map((c) => parseInt(c, 10)));
    const total = sentiment.getByRole('row', { name: /^Total/ });
    await expect(numbers(total)).resolves.toEqual([5, ...recent]);
    const perDay = async () => (await Promise.all((await sentiment.locator('tbody tr').all()).map(numbers))).map((cells) => cells[0]);
    await expect(perDay()).resolves.toEqual([0, 0, 0, 0, 0, 0, 5]);
    await screenshot(page, 'reports');

    // The last 30 days take the moved one in, on its own day.
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    const month = tally(all);
    await sentiment.getByRole('row', { name: /^Total 6 / }).waitFor();
    await expect(numbers(total)).resolves.toEqual([6, ...month]);
    const days = await perDay();
    expect(days).toHaveLength(30);
    expect([days[19], days[29], days.reduce((a, b) => a + b)]).toEqual([1, 5, 6]);

    // By role: the same conversations, per role, as the desk routed them; and the CSV of those rows.
    await sentiment.getByLabel('Group the sentiment by').selectOption({ label: 'Role' });
    const roleRow = (name: string) => sentiment.getByRole('row', { name: new RegExp(`^${name}`) });
    await roleRow('PR').waitFor();
    await expect(numbers(roleRow('PR'))).resolves.toEqual([1, ...tally(all.filter((c) => c.roleId === pr))]);
    await expect(numbers(roleRow('Care'))).resolves.toEqual([5, ...tally(all.filter((c) => c.roleId === care))]);
    await expect(sentiment.getByRole('img').nth(1).getAttribute('aria-label')).resolves.toMatch(/^By role: Care, 5 conversations: .*; PR, 1 conversation: /);
    const [download] = await Promise.all([page.waitForEvent('download'), sentiment.getByRole('button', { name: 'Download the sentiment CSV by Role' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sentiment-report-role-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('key,label,conversations,negative,neutral,positive,unknown');
    expect(csv[1]).toBe(`${care},Care,5,${tally(all.filter((c) => c.roleId === care)).join(',')}`);
    expect(csv[2]).toBe(`${pr},PR,1,${tally(all.filter((c) => c.roleId === pr)).join(',')}`);

    // Italian throughout, numbers and dates included.
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('heading', { name: 'Report SLA' }).waitFor();
    await expect(page.getByRole('figure', { name: 'Raggiungimento e costanza della prima risposta' }).getByRole('img').getAttribute('aria-label')).resolves.toMatch(/PR 0%, violati: 1/);

    // On a tablet the charts stack, one under the other.
    await page.setViewportSize({ width: 800, height: 1024 });
    const boxes = await page.getByRole('figure').evaluateAll((figures) => figures.map((f) => (f as HTMLElement).getBoundingClientRect()));
    expect(boxes.length).toBe(4);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
    await context.close();
  }, 90_000);

  it('keeps the reader’s place on the board when a new clock lands above what they are reading', async () => {
    const askers = ['Elena Fabbri', 'Diego Marino', 'Chiara Greco', 'Franco Costa', 'Rita Galli'];
    for (const name of askers) await sendComment(bd, `A question from ${name}`, { author: { id: name, name } });
    const { context, page } = await signedInPage(bd, bd.supervisor.email, undefined, { viewport: { width: 1280, height: 480 } });
    await page.getByRole('link', { name: 'SLA board' }).click();
    const rows = page.locator('tbody tr[data-key]');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-key]').length === 17);
    // Scrolled to the end: only resolution clocks (due in a day) are in view.
    const list = page.getByRole('region', { name: 'Running SLA clocks, soonest due first' });
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const watched = boardRow(page, 'Rita Galli', 'Resolution');
    await page.waitForTimeout(100);
    const before = (await watched.boundingBox())!.y;

    // A new first-response clock (due in an hour) sorts above every resolution clock.
    await sendComment(bd, 'One more question', { author: { id: 'ivo', name: 'Ivo Longo' } });
    await boardRow(page, 'Ivo Longo').waitFor();
    await expect(rows.count()).resolves.toBe(19);
    expect((await watched.boundingBox())!.y).toBeCloseTo(before, 0);
    await context.close();
  }, 60_000);
});
