import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';
import { seedOrganisation } from './seed.js';

const enabled = browserTierEnabled();

const LEAD = 'lee@org.example';
const PANELIST = { email: 'pat.panel@example.test', name: 'Pat Panel' };
const OWN_PASSWORD = 'pat’s own long passphrase 2026';

interface Listing {
  email: string;
  name: string | null;
  role: string;
  status: string;
  last_sign_in_at: string | null;
  must_change_password: boolean;
}

/** The account's row on the screen, by its email. */
function rowOf(page: Page, email: string) {
  return page.locator(`tr[data-email="${email}"]`);
}

/** The screen's "2 Dec 2026, 01:40 UTC" for an instant of the API. */
function shown(iso: string): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return `${format.format(new Date(iso))} UTC`;
}

/**
 * Leadership's people and accounts (issue 17): leadership creates a panelist's account (a builder at L5)
 * with a temporary password, the new person signs in with it and must first set their own, leadership
 * changes their role and disables the account, and the person's next sign-in is refused with a message
 * that says why.
 */
describe.skipIf(!enabled)('people and accounts in the browser', () => {
  let h: BrowserHarness;
  let lead: ApiSession;
  const accountOf = async (email: string): Promise<Listing> => {
    const { accounts } = await lead.get<{ accounts: Listing[] }>('/api/accounts');
    const found = accounts.find((a) => a.email === email);
    if (found === undefined) throw new Error(`no account ${email}`);
    return found;
  };

  beforeAll(async () => {
    h = await startBrowserHarness({ accounts: [{ email: LEAD, role: 'leadership' }] });
    lead = await h.api(LEAD);
    await seedOrganisation(lead, [{ ...PANELIST, level: 'L5', since: '2024-01-01' }]);
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  });

  it('creates a panelist account, the person sets their own password, leadership changes the role and disables it', async () => {
    const { page, context } = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(page, LEAD);
    await page.getByRole('link', { name: 'People & accounts', exact: true }).click();
    await page.getByRole('heading', { name: 'People & accounts' }).waitFor();
    // Leadership's own row cannot be disabled from here.
    await expect.poll(() => rowOf(page, LEAD).textContent()).toContain('Your account');
    expect(await rowOf(page, LEAD).getByRole('button').count()).toBe(0);

    // An empty submit says what is missing, in words.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please give the person’s email' }).waitFor();

    // The person is on the roster: the form names them and takes their role from it.
    await page.getByLabel('Person’s email').fill(PANELIST.email);
    await page.getByText(`${PANELIST.name} · Builder on the roster`).waitFor();
    expect(await page.getByLabel('Role').inputValue()).toBe('builder');
    await h.screenshot(page, 'accounts-1-create-form');
    await page.getByRole('button', { name: 'Create account' }).click();
    const secret = page.getByTestId('temporary-password');
    await secret.waitFor();
    const temporary = (await secret.textContent()) ?? '';
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const created = await accountOf(PANELIST.email);
    expect(created).toMatchObject({
      name: PANELIST.name,
      role: 'builder',
      status: 'active',
      last_sign_in_at: null,
      must_change_password: true,
    });
    const row = rowOf(page, PANELIST.email);
    await expect.poll(() => row.textContent()).toContain(PANELIST.name);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual([
      `${PANELIST.name}${PANELIST.email}`,
      'Builder',
      // Until they set their own, the row says the password is temporary (as the API's flag does).
      'Activetemporary password',
      'never',
      '0',
    ]);
    await h.screenshot(page, 'accounts-2-created-temporary-password');

    // The new person signs in with the temporary password: the only screen is "set your own", the
    // server refuses everything else (the session says so), and after the change the home opens.
    const panelist = await h.newPage({ width: 1366, height: 900 });
    await h.signIn(panelist.page, PANELIST.email, temporary);
    await panelist.page.getByRole('heading', { name: 'Set your own password' }).waitFor();
    const pat = await panelist.page.evaluate(async () => {
      const session = await fetch('/api/auth/session');
      return ((await session.json()) as { must_change_password: boolean }).must_change_password;
    });
    expect(pat).toBe(true);
    await h.screenshot(panelist.page, 'accounts-3-panelist-must-set-password');
    await panelist.page.getByLabel('Temporary password').fill(temporary);
    await panelist.page.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
    await panelist.page.getByLabel('New password again').fill(OWN_PASSWORD);
    await panelist.page.getByRole('button', { name: 'Set my password' }).click();
    await panelist.page.getByRole('heading', { name: 'Your home' }).waitFor();
    expect((await accountOf(PANELIST.email)).must_change_password).toBe(false);
    await h.screenshot(panelist.page, 'accounts-3-panelist-signed-in');

    // Leadership sees the sign-in, as the API says it.
    await page.reload();
    const signedIn = await accountOf(PANELIST.email);
    expect(signedIn.last_sign_in_at).not.toBeNull();
    await expect
      .poll(() => rowOf(page, PANELIST.email).locator('td').nth(3).textContent())
      .toBe(shown(signedIn.last_sign_in_at!));

    // Change the role, after a confirmation: the list and the API agree.
    await page.getByRole('button', { name: `Change role of ${PANELIST.name}` }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Change the role of ${PANELIST.name}?` })
      .waitFor();
    await page.getByLabel('New role').selectOption('leadership');
    await h.screenshot(page, 'accounts-4-change-role');
    await page.getByRole('button', { name: 'Change role', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${PANELIST.name} is now Leadership.` })
      .waitFor();
    expect((await accountOf(PANELIST.email)).role).toBe('leadership');
    await expect
      .poll(() => rowOf(page, PANELIST.email).locator('td').nth(1).textContent())
      .toBe('Leadership');
    // Nobody changes their own role: their row has no button.
    expect(await rowOf(page, LEAD).getByRole('button').count()).toBe(0);

    // Disable, after a confirmation that says what it does.
    await page.getByRole('button', { name: `Disable ${PANELIST.name}` }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Disable ${PANELIST.name}?` })
      .waitFor();
    await h.screenshot(page, 'accounts-4-confirm-disable');
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${PANELIST.name} is disabled.` })
      .waitFor();
    expect((await accountOf(PANELIST.email)).status).toBe('disabled');
    await expect
      .poll(() => rowOf(page, PANELIST.email).locator('td').nth(2).textContent())
      .toMatch(/^Disabled/);
    await page.getByRole('button', { name: `Enable ${PANELIST.name}` }).waitFor();
    await h.screenshot(page, 'accounts-5-disabled');
    // On a phone the table scrolls in its own region; the form stacks.
    await page.setViewportSize({ width: 375, height: 800 });
    await h.screenshot(page, 'accounts-5-disabled-phone');

    // The person's next sign-in is refused, saying the account is disabled and whom to ask.
    await panelist.context.close();
    const again = await h.newPage({ width: 1366, height: 900 });
    await h.expectProblems([/^POST \/api\/auth\/sign-in → 403/], async () => {
      await again.page.goto('/sign-in');
      await again.page.getByLabel('Email').fill(PANELIST.email);
      await again.page.getByLabel('Password').fill(OWN_PASSWORD);
      await again.page.getByRole('button', { name: 'Sign in' }).click();
      await again.page.getByRole('alert').filter({ hasText: 'This account has been disabled' }).waitFor();
    });
    expect(await again.page.getByRole('alert').textContent()).toBe(
      'This account has been disabled. Ask leadership in your organisation to enable it again.',
    );
    await h.screenshot(again.page, 'accounts-6-sign-in-refused');
    await again.context.close();
    await context.close();
  });
});
