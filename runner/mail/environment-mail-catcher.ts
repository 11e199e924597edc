import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerDriver } from '../containers/container-driver.js';
import { stackLabels } from '../containers/forge-labels.js';
import { EnvironmentMail, mailCatcherName } from '../environments/environment-stack.js';
import { volumeMountpoint } from '../environments/volume-mountpoint.js';
import type { Logger } from '../logger.js';
import { OdooPaths } from '../stack/odoo-container-command.js';
import type { OdooStack } from '../stack/odoo-stack.js';
import type { CaughtMail } from './caught-mail.js';
import { describeMail } from './describe-mail.js';

/** Where the catcher keeps mail: in Odoo's data dir on the environment's volume (Odoo's user may write there). */
const MAIL_FOLDER = 'forge-mails';

/**
 * The catcher that runs in the environment's own container (so it outlives the runner job, as
 * the environment does): Python's standard SMTP server in the Odoo image, which delivers
 * nothing and keeps each message as `<id>.eml` with its envelope in `<id>.json` (written to a
 * temporary name and renamed). Parsing is left to the host (`listEnvironmentMails`).
 */
const CATCHER_PY = String.raw`
import warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
import asyncore, datetime, json, os, secrets, smtpd, sys
root, port = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
class Catcher(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        seq = len([n for n in os.listdir(root) if n.endswith(".json")]) + 1
        mid = "%04d-%s" % (seq, secrets.token_hex(3))
        with open(os.path.join(root, mid + ".eml"), "wb") as out:
            out.write(data)
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
        meta = {"id": mid, "file": mid + ".eml", "receivedAt": now.replace("+00:00", "Z"),
                "envelopeFrom": mailfrom, "envelopeTo": rcpttos}
        with open(os.path.join(root, "." + mid + ".tmp"), "w") as out:
            json.dump(meta, out)
        os.rename(os.path.join(root, "." + mid + ".tmp"), os.path.join(root, mid + ".json"))
        print("kept %s from %s for %s" % (mid, mailfrom, ",".join(rcpttos)), flush=True)
Catcher(("0.0.0.0", port), None, decode_data=False)
print("mail catcher listening on port %d, keeping mail in %s" % (port, root), flush=True)
asyncore.loop()
`;

/**
 * Starts the environment's mail catcher (`<stack>-mail`, DNS name `mail` on the stack network,
 * nothing published on the host), or starts it again when it stopped. Odoo processes of the
 * environment send to it once it exists (see `environmentOdooSpec`).
 */
export async function ensureEnvironmentMailCatcher(
  driver: ContainerDriver,
  stack: OdooStack,
  logger: Logger,
): Promise<void> {
  const name = mailCatcherName(stack);
  const found = await driver.inspectContainer(name);
  if (found?.state === 'running') return;
  if (found) {
    logger.info(`environment stack ${stack.id}: starting its mail catcher again (${found.state})`);
    await driver.startContainer(name);
    return;
  }
  const odoo = stack.settings.odoo;
  const image = odoo?.kind === 'image' ? odoo.image : odoo?.runtimeImage;
  if (!image) return;
  logger.info(
    `environment stack ${stack.id}: mail catcher ${name} on ${EnvironmentMail.host}:${EnvironmentMail.port}`,
  );
  await driver.createContainer({
    name,
    image,
    entrypoint: ['python3'],
    cmd: ['-c', CATCHER_PY, `${OdooPaths.dataDir}/${MAIL_FOLDER}`, String(EnvironmentMail.port)],
    labels: stackLabels(stack.labels, 'mail'),
    network: { name: stack.names.network, aliases: [EnvironmentMail.host] },
    mounts: [{ type: 'volume', source: stack.dataVolumeName, target: OdooPaths.dataVolume }],
    memoryBytes: 128 * 1024 * 1024,
  });
  await driver.startContainer(name);
}

/** Stops and removes the environment's mail catcher; what it caught stays on the volume. */
export async function stopEnvironmentMailCatcher(driver: ContainerDriver, stack: OdooStack): Promise<void> {
  await driver.stopContainer(mailCatcherName(stack), 5);
  await driver.removeContainer(mailCatcherName(stack));
}

/** The host folder of the environment's caught mail (on its data volume). */
export async function environmentMailFolder(driver: ContainerDriver, stack: OdooStack): Promise<string> {
  const mountpoint = await volumeMountpoint(driver.endpoint, stack.dataVolumeName);
  return join(mountpoint, 'odoo', MAIL_FOLDER);
}

/** The mails the environment's catcher kept, in order of arrival (none when it caught nothing). */
export async function listEnvironmentMails(folder: string): Promise<CaughtMail[]> {
  if (!existsSync(folder)) return [];
  const mails: CaughtMail[] = [];
  for (const entry of readdirSync(folder)
    .filter((n) => /^\d{4}-[0-9a-f]+\.json$/.test(n))
    .sort()) {
    const kept = JSON.parse(readFileSync(join(folder, entry), 'utf8')) as Parameters<typeof describeMail>[1];
    mails.push(await describeMail(readFileSync(join(folder, kept.file)), kept));
  }
  return mails;
}

/** How many mails the catcher kept in `folder` (without parsing them). */
export function countEnvironmentMails(folder: string): number {
  return existsSync(folder) ? readdirSync(folder).filter((n) => /^\d{4}-[0-9a-f]+\.json$/.test(n)).length : 0;
}
