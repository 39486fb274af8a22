import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../../support/app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d1c1b30000000049454e44ae426082',
  'hex',
);

function multipart(
  fields: Record<string, string>,
  file: { name: string; filename: string; type: string; content: Buffer },
) {
  const boundary = '----relais-essai';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('library: workflow, versions, French search, attachments checked by their bytes', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
  });
  after(() => ctx.close());

  const resource = (over: Record<string, string | string[]> = {}) => ({
    kind: 'fiche_reflexe',
    title: 'Repérer un mineur victime exploitée',
    summary: 'Les signes qui doivent alerter et qui prévenir.',
    body: 'Un **mineur** contraint à commettre des délits est une victime.\n\n<script>alert(1)</script>',
    audiences: ['police_gendarmerie', 'travailleurs_sociaux'],
    exploitation: 'delits',
    languages: ['fr', 'ro'],
    tags: 'mineurs, repérage',
    ...over,
  });

  test('draft → review → published (dated version 1) → edited → published again (version 2) → archived; the public sees only what is published', async () => {
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const bad = await editor.postForm('/pro/outils', resource({ kind: 'poème', title: '' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choisissez un type de la liste/);
    assert.match(bad.body, /Donnez un titre/);

    const created = await editor.postForm('/pro/outils', resource());
    assert.equal(created.statusCode, 303);
    const page = created.headers.location as string;
    const id = page.split('/').at(-1)!;
    const visitor = ctx.client();
    assert.equal((await visitor.get(`/outils/${id}`)).statusCode, 404, 'a draft is not public');
    assert.equal(
      (await editor.postForm(`${page}/etat`, { action: 'publish' })).statusCode,
      409,
      'a draft is reviewed first',
    );
    assert.equal((await editor.postForm(`${page}/etat`, { action: 'submit' })).statusCode, 303);
    assert.equal((await editor.postForm(`${page}/etat`, { action: 'publish' })).statusCode, 303);
    const published = await visitor.get(`/outils/${id}`);
    assert.equal(published.statusCode, 200);
    assert.match(published.body, /<strong>mineur<\/strong>/);
    assert.doesNotMatch(published.body, /<script>alert/, 'raw HTML is escaped');
    assert.match(published.body, /Version 1/);

    assert.equal(
      (await editor.postForm(page, resource({ title: 'Repérer et protéger un mineur victime exploitée' })))
        .statusCode,
      303,
    );
    assert.equal((await editor.postForm(`${page}/etat`, { action: 'reopen' })).statusCode, 303);
    await editor.postForm(`${page}/etat`, { action: 'submit' });
    await editor.postForm(`${page}/etat`, { action: 'publish' });
    const versions = await ctx.core.db
      .selectFrom('library_versions')
      .select(['version', 'title'])
      .where('resource_id', '=', id)
      .orderBy('version')
      .execute();
    assert.deepEqual(
      versions.map((v) => [v.version, v.title]),
      [
        [1, 'Repérer un mineur victime exploitée'],
        [2, 'Repérer et protéger un mineur victime exploitée'],
      ],
    );
    assert.equal((await editor.postForm(`${page}/etat`, { action: 'archive' })).statusCode, 303);
    assert.equal((await visitor.get(`/outils/${id}`)).statusCode, 404, 'archived: off the public library');
    assert.equal((await editor.postForm(`${page}/etat`, { action: 'reopen' })).statusCode, 303);
    await editor.postForm(`${page}/etat`, { action: 'submit' });
    await editor.postForm(`${page}/etat`, { action: 'publish' });
  });

  test('French full-text search: stems and accents ("victimes mineures" finds "mineur victime", "exploitee" finds "exploitée")', async () => {
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    for (const [title, tags] of [
      ['Guide pour les consulats', 'consulats'],
      ['Affiche pour les aéroports', 'aéroports'],
    ]) {
      const created = await editor.postForm(
        '/pro/outils',
        resource({
          kind: 'guide',
          title: title!,
          summary: 'Sans rapport avec la recherche.',
          body: 'Texte.',
          tags: tags!,
        }),
      );
      const page = created.headers.location as string;
      await editor.postForm(`${page}/etat`, { action: 'submit' });
      await editor.postForm(`${page}/etat`, { action: 'publish' });
    }
    const titles = async (query: string) => {
      const body = (await ctx.client().get(`/outils?${query}`)).body;
      return [...body.matchAll(/<h3 class="fr-h6 fr-mb-1w"><a href="\/outils\/[^"]+">([^<]+)<\/a>/g)].map(
        (m) => m[1],
      );
    };
    assert.deepEqual(await titles('q=victimes+mineures'), [
      'Repérer et protéger un mineur victime exploitée',
    ]);
    assert.deepEqual(await titles('q=exploitee'), ['Repérer et protéger un mineur victime exploitée']);
    assert.deepEqual(await titles('q=consulat'), ['Guide pour les consulats']);
    assert.deepEqual(await titles('public=police_gendarmerie&type=fiche_reflexe'), [
      'Repérer et protéger un mineur victime exploitée',
    ]);
    assert.equal((await titles('langue=ro')).length, 3);
    assert.equal((await ctx.client().get('/outils?type=roman')).statusCode, 422);
  });

  test('attachments: a PDF is accepted with its size and checksum; an image named .pdf, an unknown file or none is refused with a clear message', async () => {
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const created = await editor.postForm(
      '/pro/outils',
      resource({ title: 'Dépliant à joindre', kind: 'depliant' }),
    );
    const page = created.headers.location as string;
    const id = page.split('/').at(-1)!;
    const upload = async (filename: string, type: string, content: Buffer) => {
      const form = multipart(
        { _csrf: editor.csrfToken(), language: 'fr' },
        { name: 'file', filename, type, content },
      );
      return ctx.app.inject({
        method: 'POST',
        url: `${page}/fichiers`,
        headers: {
          'content-type': form.contentType,
          cookie: [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        payload: form.payload,
      });
    };
    // A file sent by someone not signed in, or to a route that takes none, is refused before it is read.
    for (const url of [`${page}/fichiers`, '/lettre']) {
      const form = multipart(
        { language: 'fr' },
        { name: 'file', filename: 'x.pdf', type: 'application/pdf', content: PDF },
      );
      const anonymous = await ctx.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(anonymous.statusCode, 403, url);
    }
    const liar = await upload('depliant.pdf', 'application/pdf', PNG);
    assert.equal(liar.statusCode, 422);
    assert.match(liar.body, /ne correspond pas à son extension/);
    const unknown = await upload('notes.txt', 'text/plain', Buffer.from('bonjour'));
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Seuls les fichiers \.pdf, \.png, \.jpg et \.jpeg/);
    const garbage = await upload('faux.pdf', 'application/pdf', Buffer.from('pas un pdf'));
    assert.match(garbage.body, /ni un PDF, ni une image/);
    assert.equal((await upload('depliant.pdf', 'application/pdf', PDF)).statusCode, 303);
    assert.equal((await upload('affiche.png', 'image/png', PNG)).statusCode, 303);

    const files = await ctx.core.db
      .selectFrom('library_attachments')
      .select(['id', 'media_type', 'size_bytes', 'sha256'])
      .where('resource_id', '=', id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      files.map((f) => f.media_type),
      ['application/pdf', 'image/png'],
    );
    assert.equal(files[0]!.size_bytes, PDF.length);
    await editor.postForm(`${page}/etat`, { action: 'submit' });
    await editor.postForm(`${page}/etat`, { action: 'publish' });
    const download = await ctx.client().get(`/outils/${id}/fichiers/${files[0]!.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.rawPayload.compare(PDF), 0);
    assert.match(
      download.headers['content-disposition'] as string,
      /attachment; filename\*=UTF-8''depliant\.pdf/,
    );
    assert.equal(
      download.headers.digest,
      `sha-256=${Buffer.from(files[0]!.sha256, 'hex').toString('base64')}`,
    );
  });
});
