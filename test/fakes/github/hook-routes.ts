import { renderUser } from './render.js';
import { notFound, type RouteHandler } from './route-handler.js';

/** Routes of the app itself (JWT): `GET /app`, its webhook delivery log and redelivery. */
export const hookRoutes: Record<string, RouteHandler> = {
  'apps/get-authenticated': (request) => ({
    status: 200,
    body: {
      id: 1234,
      slug: request.state.bot.login.replace(/\[bot\]$/, ''),
      node_id: 'A_fake',
      client_id: 'Iv1.fake',
      owner: renderUser({ login: 'acme', id: 1, type: 'User' }),
      name: 'Odoo Forge',
      description: 'fake',
      external_url: 'http://localhost',
      html_url: 'http://localhost/apps/odoo-forge',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      permissions: { issues: 'write', contents: 'write', pull_requests: 'write', metadata: 'read' },
      events: ['issues', 'issue_comment'],
    },
  }),
  'apps/list-webhook-deliveries': (request) => {
    const perPage = Number(request.query.get('per_page') ?? '30');
    const all = request.state.hookDeliveries.newestFirst();
    const start = Number(request.query.get('cursor') ?? '0');
    const page = all.slice(start, start + perPage);
    const next = start + perPage < all.length ? start + perPage : undefined;
    return {
      status: 200,
      body: page.map((d) => ({
        id: d.id,
        guid: d.guid,
        delivered_at: d.deliveredAt,
        redelivery: d.redelivery,
        duration: 0.01,
        status:
          d.statusCode === 200 ? 'OK' : d.statusCode === 0 ? 'failed to connect' : 'Invalid HTTP Response',
        status_code: d.statusCode,
        event: d.event,
        action: d.action,
        installation_id: d.installationId,
        repository_id: d.repositoryId,
      })),
      ...(next !== undefined
        ? {
            link: `<${request.baseUrl}/app/hook/deliveries?per_page=${perPage}&cursor=${next}>; rel="next"`,
          }
        : {}),
    };
  },
  'apps/redeliver-webhook-delivery': (request) => {
    const log = request.state.hookDeliveries;
    const delivery = log.deliveries.find((d) => String(d.id) === request.params.delivery_id);
    if (!delivery) return notFound();
    // GitHub answers 202 and sends the delivery afterwards.
    setImmediate(
      () => void log.send(delivery.guid, delivery.event, delivery.payload, true).catch(() => undefined),
    );
    return { status: 202, body: {} };
  },
};
