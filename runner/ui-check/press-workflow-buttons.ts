import type { StepRecorder } from './step-recorder.js';
import type { UserSession } from './browser-session.js';
import { closeDialogs } from './error-dialog-message.js';

const HEADER_BUTTONS = '.o_form_view .o_statusbar_buttons button[type="object"]:visible';

/**
 * Presses each header button of type object of the open form once, in a state where it is shown:
 * the first not yet pressed, then again whatever the new state shows, until none is left. With
 * `mayWrite` false, an access error is the expected answer.
 */
export async function pressWorkflowButtons(
  recorder: StepRecorder,
  session: UserSession,
  user: string,
  page: string,
  mayWrite: boolean,
): Promise<void> {
  const pressed = new Set<string>();
  for (let round = 0; round < 12; round += 1) {
    if ((await session.page.locator('.o_form_view').count()) === 0) return;
    const shown = await session.page.locator(HEADER_BUTTONS).evaluateAll((nodes) =>
      nodes.map((node) => ({
        name: node.getAttribute('name') ?? '',
        label: node.textContent?.trim() ?? '',
      })),
    );
    const next = shown.find((button) => button.name !== '' && !pressed.has(button.name));
    if (!next) return;
    pressed.add(next.name);
    await recorder.step(
      session,
      user,
      page,
      `button ${next.label || next.name}`,
      async () => {
        await session.page.locator(`${HEADER_BUTTONS}[name="${next.name}"]`).first().click();
      },
      !mayWrite,
    );
    // A button may open a wizard (a dialog that is no error): close it, the next button follows.
    await closeDialogs(session.page);
  }
}
