// The OAuth2 / OpenID Connect server of `cargo xtask e2e oauth`: axa-group's oauth2-mock-server
// (token endpoint, PKCE check, discovery document, revocation), playing accounts.fax.plus (its
// authorization page is `/login`, as in the Fax.Plus spec), with what the tests need to see and
// steer, kept per client id so that tests running at once do not disturb each other:
//
// - `GET /test/clients/<id>`: the token requests of that client, by grant type;
// - `PUT /test/clients/<id>` with `{"ttl": seconds}`: the `expires_in` of its next tokens;
// - refresh tokens are checked: only one this server issued, and not revoked at `/revoke`, is
//   taken (the library alone takes any).
//
// Usage: node server.mjs PORT
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
const origin = `http://127.0.0.1:${port}`;

const issuer = new OAuth2Issuer();
issuer.url = origin;
await issuer.keys.generate('RS256');
const service = new OAuth2Service(issuer, { authorize: '/login' });

const clients = new Map();
const client = (id) => {
  if (!clients.has(id)) clients.set(id, { ttl: 3600, requests: {} });
  return clients.get(id);
};
const issued = new Set();
const revoked = new Set();

const clientId = (req) => {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic) return decodeURIComponent(Buffer.from(basic[1], 'base64').toString().split(':')[0]);
  return req.body.client_id ?? '';
};

service.on('beforeResponse', (response, req) => {
  const state = client(clientId(req));
  const grant = req.body.grant_type;
  state.requests[grant] = (state.requests[grant] ?? 0) + 1;
  if (grant === 'refresh_token' && (!issued.has(req.body.refresh_token) || revoked.has(req.body.refresh_token))) {
    response.statusCode = 400;
    response.body = { error: 'invalid_grant', error_description: 'the refresh token was revoked or never issued' };
    return;
  }
  if (response.statusCode === 200) {
    response.body.expires_in = state.ttl;
    if (response.body.refresh_token) issued.add(response.body.refresh_token);
  }
});

// The library's tokens are JWTs of whole-second claims: two issued in the same second to the
// same client would be the same string, and a renewed token could not be told from the last.
service.on('beforeTokenSigning', (token) => {
  token.payload.jti = randomUUID();
});

service.on('beforeRevoke', (_response, req) => {
  revoked.add(req.body.token);
});

const control = (req, res, id) => {
  const reply = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET') return reply(200, client(id).requests);
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const { ttl } = JSON.parse(body || '{}');
    if (ttl !== undefined) client(id).ttl = ttl;
    reply(200, { ttl: client(id).ttl });
  });
};

http
  .createServer((req, res) => {
    const test = /^\/test\/clients\/([^/?]+)$/.exec(req.url);
    if (test) return control(req, res, decodeURIComponent(test[1]));
    service.requestHandler(req, res);
  })
  .listen(port, '127.0.0.1', () => console.log(`oauth2-mock-server on ${origin}`));
