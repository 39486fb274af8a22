import type { PageContext } from './context.js';
import { Layout } from './layout.js';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function Schema({ value }: { value: unknown }) {
  return <pre class="relais-pre relais-pre--small">{JSON.stringify(value, null, 2)}</pre>;
}

/**
 * A reader for /api/openapi.json rendered on the server: works without JavaScript, keeps the strict CSP, and
 * reads like the rest of the site. Machines take the JSON document.
 */
export function ApiDocsPage({ ctx, document }: { ctx: PageContext; document: OpenApiDocument }) {
  const { t } = ctx;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'autres'))].sort();
  return (
    <Layout ctx={ctx} title={t('apiDocs.title')} space="public" breadcrumb={[[t('apiDocs.title')]]}>
      <h1>{document.info.title}</h1>
      <p>{document.info.description}</p>
      <p>
        <a class="fr-link fr-icon-download-line fr-link--icon-right" href="/api/openapi.json">
          {t('apiDocs.download')}
        </a>
      </p>
      <nav class="fr-summary fr-mb-4w" aria-labelledby="api-sommaire">
        <p class="fr-summary__title" id="api-sommaire">
          {t('apiDocs.summary')}
        </p>
        <ol class="fr-summary__list">
          {tags.map((tag) => (
            <li key={tag}>
              <a class="fr-summary__link" href={`#tag-${tag}`}>
                {tag}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`} class="fr-mb-6w">
          <h2>{tag}</h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? 'autres') === tag)
            .map(({ path, method, op }) => (
              <article key={`${method} ${path}`} class="fr-mb-4w relais-operation">
                <h3 class="fr-h5">
                  <span class="fr-badge fr-badge--sm fr-badge--blue-ecume fr-mr-1w">{method.toUpperCase()}</span>
                  <code>{path}</code>
                </h3>
                {op.summary ? <p>{op.summary}</p> : null}
                {op.description ? <p class="fr-text--sm">{op.description}</p> : null}
                {op.security?.length ? <p class="fr-text--sm">{t('apiDocs.auth')}</p> : <p class="fr-text--sm">{t('apiDocs.public')}</p>}
                {op.parameters?.length ? (
                  <>
                    <h4 class="fr-h6">{t('apiDocs.parameters')}</h4>
                    <ul>
                      {op.parameters.map((p) => (
                        <li key={`${p.in}-${p.name}`}>
                          <code>{p.name}</code> ({p.in}
                          {p.required ? `, ${t('apiDocs.required')}` : ''}){p.description ? ` — ${p.description}` : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {op.requestBody?.content
                  ? Object.entries(op.requestBody.content).map(([type, body]) => (
                      <details key={type}>
                        <summary>
                          {t('apiDocs.body')} <code>{type}</code>
                        </summary>
                        <Schema value={body.schema} />
                      </details>
                    ))
                  : null}
                {Object.entries(op.responses ?? {}).map(([status, response]) => (
                  <details key={status}>
                    <summary>
                      {t('apiDocs.response', { status })} {response.description ? `— ${response.description}` : ''}
                    </summary>
                    {Object.values(response.content ?? {}).map((c, i) => (
                      <Schema key={i} value={c.schema} />
                    ))}
                  </details>
                ))}
              </article>
            ))}
        </section>
      ))}
    </Layout>
  );
}
