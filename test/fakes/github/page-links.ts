import type { FakeRequest, FakeResponse } from './route-handler.js';

/** GitHub's default and largest `per_page`. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/**
 * Slices a list like GitHub's `page`/`per_page` (30 by default, at most 100: a larger value is
 * served as 100, as GitHub does) and says whether more pages follow.
 */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
): { page: T[]; hasNext: boolean; pageNumber: number; perPage: number; lastPage: number } {
  const asked = Number(query.get('per_page') ?? DEFAULT_PER_PAGE);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number.isFinite(asked) ? asked : DEFAULT_PER_PAGE));
  const pageNumber = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const start = (pageNumber - 1) * perPage;
  return {
    page: items.slice(start, start + perPage),
    hasNext: start + perPage < items.length,
    pageNumber,
    perPage,
    lastPage: Math.max(1, Math.ceil(items.length / perPage)),
  };
}

/**
 * GitHub's `link` header of one page: `prev`, `next`, `last` and `first`, each an absolute URL
 * of the request's own base URL (`https://api.github.com`, or the base a served fake answers
 * on) with the request's query and its `page` set. Undefined when everything fits one page.
 */
export function pageLinks(
  request: Pick<FakeRequest, 'baseUrl' | 'query'>,
  path: string,
  pageNumber: number,
  lastPage: number,
): string | undefined {
  if (lastPage <= 1) return undefined;
  const url = (page: number) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(page));
    return `${request.baseUrl}${path}?${query.toString()}`;
  };
  const links: string[] = [];
  if (pageNumber > 1) links.push(`<${url(Math.min(pageNumber - 1, lastPage))}>; rel="prev"`);
  if (pageNumber < lastPage)
    links.push(`<${url(pageNumber + 1)}>; rel="next"`, `<${url(lastPage)}>; rel="last"`);
  if (pageNumber > 1) links.push(`<${url(1)}>; rel="first"`);
  return links.join(', ');
}

/** One page of `items` as GitHub answers a list: the page (rendered) and its `link` header. */
export function pagedAnswer<T>(
  request: Pick<FakeRequest, 'baseUrl' | 'query'>,
  path: string,
  items: T[],
  render: (page: T[]) => unknown,
): FakeResponse {
  const { page, pageNumber, lastPage } = paginate(items, request.query);
  const link = pageLinks(request, path, pageNumber, lastPage);
  return { status: 200, body: render(page), ...(link ? { link } : {}) };
}
