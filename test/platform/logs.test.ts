import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/platform/logger.js';
import { build, type TestContext } from '../support/app.js';

describe('logs carry no personal data', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    ctx = await build({ logger: createLogger('debug', sink) });
  });
  after(() => ctx.close());

  test('sign-in, a failed sign-in, a reset link and an error leave no address, password, token or IP in the logs', async () => {
    const user = await ctx.createUser({ role: 'trainer', email: 'marie.exemple@exemple.test' });
    await ctx.client().postForm('/connexion', { email: user.email, password: 'mot de passe erroné' });
    const client = await ctx.signIn(user);
    await client.get('/compte');
    await ctx.client().postForm('/mot-de-passe-oublie', { email: user.email });
    const mail = await ctx.waitForMail((m) => m.to.includes(user.email));
    const link = /jeton=([\w-]+)/.exec(mail.text)![1]!;
    await ctx.client().get(`/mot-de-passe/nouveau?jeton=${link}`);
    await ctx.client().get('/admin/utilisateurs/00000000-0000-4000-8000-000000000000');
    const session = client.cookies.get('relais_session')!;

    const text = lines.join('');
    assert.ok(lines.length > 10, 'requests were logged');
    assert.match(text, /"route":"\/connexion"/, 'requests are logged by route');
    for (const secret of [user.email, 'marie.exemple', user.password, 'mot de passe erroné', link, session, '127.0.0.1']) {
      assert.ok(!text.includes(secret), `the logs contain ${secret}`);
    }
  });
});
