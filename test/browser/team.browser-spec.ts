import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, screenshot, sendComment, signedInPage, startBrowserDesk, type BrowserDesk } from '../support/browser';

/*
 * The lead's Team page against the real desk: roles and members edited in the form reach the API; the map edited in
 * the editor decides the dry run beside it; an agent's presence and load change live; a lead moves an agent's
 * conversations to another agent from the workload view.
 */
describe('the Team page (leads)', () => {
  let bd: BrowserDesk;
  let lead: { context: BrowserContext; page: Page };
  let agentContext: BrowserContext | undefined;
  let careId: string;
  const GIULIA = 'Giulia Bianchi';
  const MARCO = 'Marco Verdi';

  beforeAll(async () => {
    bd = await startBrowserDesk();
    // The harness names both agents "Test agent"; tell them apart.
    await apiAs(bd, bd.admin, 'patch', `/api/users/${bd.agent.id}`, { name: GIULIA });
    await apiAs(bd, bd.admin, 'patch', `/api/users/${bd.agent2.id}`, { name: MARCO });
    careId = (await apiAs(bd, bd.lead.token, 'post', '/api/roles', { name: 'Customer care' })).id;
    await apiAs(bd, bd.lead.token, 'put', '/api/responsibility-map', { defaultRoleId: careId, rules: [] });
    lead = await signedInPage(bd, bd.lead.email);
  }, 90_000);
  afterAll(async () => {
    await agentContext?.close();
    await lead?.context.close();
    await bd?.stop();
  });

  const agentRow = (name: string) => lead.page.locator(`tr[data-agent="${name}"]`);
  const meter = (name: string, role: string) => agentRow(name).getByRole('meter', { name: new RegExp(`^${role}:`) });

  it('creates a role and sets its members with capacities, and the API has them', async () => {
    const { page } = lead;
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('navigation', { name: 'Team sections' }).getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('link', { name: 'New role' }).click();
    const form = page.getByRole('form', { name: 'New role' });
    // A name is required: the form says so beside the field, before asking the server.
    await form.getByRole('button', { name: 'Create role' }).click();
    await expect(form.getByText('Give the role a name.').isVisible()).resolves.toBe(true);
    await form.getByLabel('Name', { exact: true }).fill('Refunds desk');
    await form.getByLabel('Assignment strategy').selectOption('least_busy');
    await form.getByLabel('Escalation role').selectOption({ label: 'Customer care' });
    await form.getByLabel('Acceptance timer', { exact: true }).fill('15');
    await form.getByLabel('Acceptance timer unit').selectOption('minutes');
    await form.getByRole('button', { name: 'Create role' }).click();

    const members = page.getByRole('form', { name: 'Members of Refunds desk' });
    await members.getByLabel(`${GIULIA} is a member`).check();
    await members.getByLabel(`Capacity of ${GIULIA}`).fill('2');
    await members.getByLabel(`${MARCO} is a member`).check();
    // Supervisors do not answer customers: they are not offered.
    await expect(members.getByLabel('Test supervisor is a member').count()).resolves.toBe(0);
    await members.getByRole('button', { name: 'Save members (2)' }).click();
    await members.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const roles = await apiAs<{ items: Array<{ id: string; name: string; assignment: string; acceptanceSeconds: number; escalationRoleId: string; members: Array<{ userId: string; capacity: number | null }> }> }>(
      bd,
      bd.lead.token,
      'get',
      '/api/roles',
    );
    const refunds = roles.items.find((r) => r.name === 'Refunds desk')!;
    expect(refunds).toMatchObject({ assignment: 'least_busy', acceptanceSeconds: 900, escalationRoleId: careId });
    expect(refunds.members.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [
        { userId: bd.agent.id, name: GIULIA, capacity: 2 },
        { userId: bd.agent2.id, name: MARCO, capacity: null },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    );
    // The list beside the form shows the new role with its two members.
    await expect(page.getByRole('row', { name: /Refunds desk/ }).getByRole('cell').nth(1).textContent()).resolves.toBe('2');

    // Another lead edits the role meanwhile: saving does not overwrite their change, it shows it.
    await apiAs(bd, bd.admin, 'patch', `/api/roles/${refunds.id}`, { description: 'Refunds and chargebacks' });
    const edit = page.getByRole('form', { name: 'Role: Refunds desk' });
    const timer = edit.getByLabel('Acceptance timer', { exact: true });
    await timer.fill('20');
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    await edit.getByRole('alert').filter({ hasText: 'Another lead changed this role' }).waitFor();
    await expect(edit.getByLabel('Description').inputValue()).resolves.toBe('Refunds and chargebacks');
    await expect(timer.inputValue()).resolves.toBe('15');
    await timer.fill('20');
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    await edit.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expect(apiAs(bd, bd.lead.token, 'get', `/api/roles/${refunds.id}`)).resolves.toMatchObject({ description: 'Refunds and chargebacks', acceptanceSeconds: 1200 });
  }, 60_000);

  it('edits the map with a keyword rule for that role, and the dry run beside it answers the new role', async () => {
    const { page } = lead;
    await page.getByRole('navigation', { name: 'Team sections' }).getByRole('link', { name: 'Responsibility map' }).click();
    const dryRun = page.getByRole('region', { name: 'Dry run' });
    await expect(dryRun.getByTestId('dry-run-scope').textContent()).resolves.toContain('version 1');
    // Under the saved map (no rules) a refund goes to the default role.
    await dryRun.getByLabel('Message text').fill('I want a refund for my order, please');
    await dryRun.getByRole('button', { name: 'Test' }).click();
    await expect(dryRun.locator('.dry-role').textContent()).resolves.toBe('Customer care');
    await expect(dryRun.locator('.dry-rule').textContent()).resolves.toBe('Default role');

    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByRole('group', { name: /^Rule 1/ });
    await rule.getByLabel('Rule name').fill('Refunds');
    await rule.getByLabel('Keywords').fill('refund, rimborso , money back');
    await rule.getByLabel('Priority').selectOption('high');
    await expect(dryRun.getByTestId('dry-run-unsaved').isVisible()).resolves.toBe(true);
    // Saved without a role: the server's message appears beside the role field.
    await page.getByRole('button', { name: 'Save the map' }).click();
    await page.getByText('The map was not saved: 1 problem(s), shown beside the fields.').waitFor();
    const roleSelect = rule.getByLabel('Role');
    await expect(roleSelect.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(rule.locator('#' + (await roleSelect.getAttribute('aria-describedby'))!).textContent()).resolves.toBe('roleId must be a UUID');

    await roleSelect.selectOption({ label: 'Refunds desk' });
    await page.getByRole('button', { name: 'Save the map' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await expect(dryRun.getByTestId('dry-run-scope').textContent()).resolves.toContain('version 2');
    await expect(dryRun.getByTestId('dry-run-unsaved').count()).resolves.toBe(0);
    const versions = page.getByRole('region', { name: 'Versions' }).getByRole('listitem');
    await versions.filter({ hasText: 'Version 2' }).waitFor();
    await expect(versions.allTextContents()).resolves.toEqual([expect.stringMatching(/^Version 2current.*rules: 1/), expect.stringMatching(/^Version 1.*rules: 0/)]);

    await dryRun.getByRole('button', { name: 'Test' }).click();
    await dryRun.locator('.dry-rule', { hasText: 'Refunds' }).waitFor();
    await expect(dryRun.locator('.dry-role').textContent()).resolves.toBe('Refunds desk');
    await expect(dryRun.getByText('High', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(dryRun.getByText('refund', { exact: true }).isVisible()).resolves.toBe(true);

    // Beside the editor at 1280 px; under it on a tablet.
    const editor = page.getByRole('form', { name: 'Responsibility map' });
    const besides = [await editor.boundingBox(), await dryRun.boundingBox()];
    expect(besides[1]!.x).toBeGreaterThan(besides[0]!.x + besides[0]!.width - 1);
    await page.setViewportSize({ width: 900, height: 1000 });
    const stacked = [await editor.boundingBox(), await dryRun.boundingBox()];
    expect(stacked[1]!.y).toBeGreaterThan(stacked[0]!.y + stacked[0]!.height - 1);
    await page.setViewportSize({ width: 1280, height: 720 });

    const map = await apiAs(bd, bd.lead.token, 'get', '/api/responsibility-map');
    expect(map).toMatchObject({ version: 2, defaultRoleId: careId, rules: [{ name: 'Refunds', when: { keywords: ['refund', 'rimborso', 'money back'] }, then: { priority: 'high' } }] });
  }, 60_000);

  it('shows an agent’s presence and load against capacity change live', async () => {
    const { page } = lead;
    await page.getByRole('navigation', { name: 'Team sections' }).getByRole('link', { name: 'Workload' }).click();
    await expect(agentRow(GIULIA).locator('[data-presence]').textContent()).resolves.toBe('Offline');
    await expect(meter(GIULIA, 'Refunds desk').getAttribute('aria-valuetext')).resolves.toBe('Refunds desk: 0/2 open');

    // Giulia signs in in another browser: she is online on the lead's page without a reload.
    agentContext = (await signedInPage(bd, bd.agent.email)).context;
    await agentRow(GIULIA).locator('[data-presence="online"]').waitFor();
    await expect(agentRow(GIULIA).locator('[data-presence]').textContent()).resolves.toBe('Online');

    // Refunds are routed to her role and, as its only member online, to her: her bar fills live, then turns red.
    await sendComment(bd, 'Where is my refund? I have waited two weeks', { author: { id: 'c-1', name: 'Anna Neri', followers: 10 } });
    await meter(GIULIA, 'Refunds desk').and(page.locator('[aria-valuenow="1"]')).waitFor();
    await expect(agentRow(GIULIA).locator('[data-load-tone]').getAttribute('data-load-tone')).resolves.toBe('free');
    await sendComment(bd, 'I would like a refund for the broken chair', { author: { id: 'c-2', name: 'Luca Gialli', followers: 20 } });
    await meter(GIULIA, 'Refunds desk').and(page.locator('[aria-valuenow="2"]')).waitFor();
    await expect(meter(GIULIA, 'Refunds desk').getAttribute('aria-valuetext')).resolves.toBe('Refunds desk: 2/2 open (at capacity)');
    await expect(agentRow(GIULIA).locator('[data-load-tone="full"]').count()).resolves.toBe(1);
    await expect(agentRow(GIULIA).locator('.open-count').textContent()).resolves.toBe('2');

    // A third waits in the queue: Giulia is full and Marco offline.
    await sendComment(bd, 'Refund please, the soup was cold', { author: { id: 'c-3', name: 'Sara Blu', followers: 5 } });
    const queue = page.locator('[data-queue="Refunds desk"]');
    await queue.getByTestId('queue-waiting').filter({ hasText: /^1$/ }).waitFor();
  }, 60_000);

  it('reassigns an agent’s conversations to another agent, and the numbers update live', async () => {
    const { page } = lead;
    await agentRow(GIULIA).getByRole('button', { name: `Conversations of ${GIULIA}` }).click();
    const list = page.getByRole('table', { name: `Open conversations of ${GIULIA}` });
    await list.getByRole('row').nth(2).waitFor();
    await expect(list.getByRole('row').count()).resolves.toBe(3); // a header and her two
    await list.getByLabel('Select all').check();
    const panel = agentRow(GIULIA).locator('xpath=following-sibling::tr[1]');
    await expect(panel.getByRole('status').filter({ hasText: 'Selected: 2' }).count()).resolves.toBe(1);
    await panel.getByLabel('Reason').fill('Giulia is off sick');
    // The picker shows each agent's load beside their name.
    await expect(panel.getByLabel('Agent', { exact: true }).locator(`option[value="${bd.agent.id}"]`).textContent()).resolves.toBe(`${GIULIA} (2/2)`);
    await panel.getByLabel('Agent', { exact: true }).selectOption(bd.agent2.id);
    await screenshot(page, 'team');
    await panel.getByRole('button', { name: 'Reassign' }).click();
    await panel.getByText('Conversations reassigned: 2.').waitFor();

    await meter(MARCO, 'Refunds desk').and(page.locator('[aria-valuenow="2"]')).waitFor();
    await expect(meter(MARCO, 'Refunds desk').getAttribute('aria-valuetext')).resolves.toBe('Refunds desk: 2/∞ open (no capacity limit)');
    // Giulia freed capacity: the queued refund was handed to her at once, and the lead sees it live.
    await meter(GIULIA, 'Refunds desk').and(page.locator('[aria-valuenow="1"]')).waitFor();
    await page.locator('[data-queue="Refunds desk"]').getByTestId('queue-waiting').filter({ hasText: /^0$/ }).waitFor();

    const marco = await apiAs<{ items: Array<{ id: string; roleId: string }> }>(bd, bd.lead.token, 'get', `/api/conversations?assigneeId=${bd.agent2.id}`);
    expect(marco.items).toHaveLength(2);
    const history = await apiAs<{ items: Array<{ type: string; reason: string; actor: { name: string }; to: { assigneeId: string } }> }>(bd, bd.lead.token, 'get', `/api/conversations/${marco.items[0]!.id}/history`);
    expect(history.items.at(-1)).toMatchObject({ actor: { name: 'Test lead' }, reason: 'Giulia is off sick', to: { assigneeId: bd.agent2.id } });
  }, 60_000);
});
