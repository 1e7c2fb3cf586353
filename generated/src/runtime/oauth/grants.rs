//! The ways to a session: a user's sign-in (authorization code with PKCE), the application's
//! own credentials, a user's password, or tokens kept from before.

use std::fmt;
use std::time::SystemTime;

use oauth2::{AuthorizationCode, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, Scope};
use serde::{Deserialize, Serialize};

use super::SignInError;
use super::flow::OAuth2;
use super::session::{Grant, Session};
use super::tokens::Tokens;

/// A sign-in under way: the URL to send the user to, and what checks the redirect that
/// brings them back (the `state`, and the PKCE verifier that proves this client asked).
/// Keep it until the redirect arrives; it serializes, for a web server that keeps it in the
/// user's session. Its `Debug` output shows neither secret.
#[derive(Clone, Serialize, Deserialize)]
pub struct Authorization {
    url: String,
    state: String,
    verifier: String,
}

impl Authorization {
    /// The authorization server's page that asks the user to grant access.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The `state` the redirect must bring back.
    pub fn state(&self) -> &str {
        &self.state
    }
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization").field("url", &self.url).finish_non_exhaustive()
    }
}

impl OAuth2 {
    /// Starts a user's sign-in (authorization code flow, with a PKCE challenge, RFC 7636),
    /// asking for `scopes`: the scope enum of the API's module, or plain strings.
    pub fn authorize<S: AsRef<str>>(&self, scopes: impl IntoIterator<Item = S>) -> Result<Authorization, SignInError> {
        let client = self.client(self.token_url())?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let request = client.authorize_url(CsrfToken::new_random).map_err(|_| SignInError::NoEndpoint("authorization URL"))?;
        let (url, state) =
            request.add_scopes(scopes.into_iter().map(|s| Scope::new(s.as_ref().to_owned()))).set_pkce_challenge(challenge).url();
        Ok(Authorization {
            url: url.into(),
            state: state.secret().clone(),
            verifier: verifier.secret().clone(),
        })
    }

    /// Finishes a sign-in: `code` and `state` are the query parameters of the redirect. The
    /// state must be the one `authorization` sent; the code is then exchanged, with the PKCE
    /// verifier, for the session's first tokens.
    pub async fn exchange(&self, authorization: &Authorization, code: &str, state: &str) -> Result<Session, SignInError> {
        if state != authorization.state {
            return Err(SignInError::StateMismatch);
        }
        let url = self.token_url().ok_or(SignInError::NoEndpoint("token URL"))?;
        let (client, failed) = self.token_endpoint(url)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| failed.unset(e))?
            .set_pkce_verifier(PkceCodeVerifier::new(authorization.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| failed.refused(e))?;
        let tokens = Tokens::from_response(&response, SystemTime::now(), None);
        Ok(Session::new(self.clone(), Grant::RefreshOnly, Some(tokens)))
    }

    /// A session for the application itself (client credentials flow): its first token is
    /// fetched on the first call, and a new one each time the last is due to expire.
    pub fn client_credentials<S: AsRef<str>>(&self, scopes: impl IntoIterator<Item = S>) -> Session {
        let scopes = scopes.into_iter().map(|s| s.as_ref().to_owned()).collect();
        Session::new(self.clone(), Grant::ClientCredentials { scopes }, None)
    }

    /// A session for a user who gave their username and password to this application
    /// (resource owner password flow), e.g. a FastAPI app's `OAuth2PasswordBearer`. The token is
    /// fetched on the first call; when it expires it is refreshed, or asked for again.
    pub fn password<S: AsRef<str>>(
        &self,
        username: impl Into<String>,
        password: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
    ) -> Session {
        let scopes = scopes.into_iter().map(|s| s.as_ref().to_owned()).collect();
        Session::new(self.clone(), Grant::Password { username: username.into(), password: password.into(), scopes }, None)
    }

    /// A session that goes on from tokens kept earlier (see [`token_store`](Self::token_store)).
    pub fn resume(&self, tokens: Tokens) -> Session {
        Session::new(self.clone(), Grant::RefreshOnly, Some(tokens))
    }
}
