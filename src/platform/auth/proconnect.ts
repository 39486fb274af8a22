import * as oidc from 'openid-client';

export interface ProConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  retour: string;
}

export class ProConnectError extends Error {
  override name = 'ProConnectError';
}

/**
 * ProConnect (the State's identity federation for professionals) through OpenID Connect: authorisation code
 * with PKCE, state and nonce. The issuer is configurable; tests run it against a local oidc-provider.
 */
export function createProConnect(settings: ProConnectSettings) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const configure = () => {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { client_secret: settings.clientSecret, id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(settings.clientSecret),
        settings.issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw new ProConnectError(`Découverte OpenID impossible : ${(error as Error).message}`);
      });
    return configuration;
  };

  return {
    async start(retour: string): Promise<{ url: string; pending: PendingLogin }> {
      const config = await configure();
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        retour,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email',
        response_type: 'code',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },

    /** Exchanges the code and returns the proven identity (subject and e-mail). */
    async finish(callbackUrl: URL, pending: PendingLogin): Promise<{ sub: string; email: string }> {
      const config = await configure();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new ProConnectError('Jeton d’identité absent.');
        let email = typeof claims.email === 'string' ? claims.email : undefined;
        if (!email) {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = typeof info.email === 'string' ? info.email : undefined;
        }
        if (!email) throw new ProConnectError('Adresse e-mail absente de la réponse ProConnect.');
        return { sub: claims.sub, email: email.toLowerCase() };
      } catch (error) {
        if (error instanceof ProConnectError) throw error;
        throw new ProConnectError((error as Error).message);
      }
    },
  };
}

export type ProConnect = ReturnType<typeof createProConnect>;
