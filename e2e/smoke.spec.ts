import { expect, test } from '@playwright/test';

test('the page loads and traces the sample request', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'RouteLab' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trace' })).toContainText('Service default/web does not exist');
});
