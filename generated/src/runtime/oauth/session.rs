//! A signed-in session: the current access token, renewed before it expires, once per expiry
//! however many calls are waiting for it.

use std::fmt;
use std::time::SystemTime;

use oauth2::{RefreshToken, ResourceOwnerPassword, ResourceOwnerUsername, Scope};
use tokio::sync::Mutex;

use super::super::opaque::Opaque;
use super::super::trace;
use super::SignInError;
use super::flow::OAuth2;
use super::tokens::Tokens;

/// Keeps a client signed in: holds the access token, renews it before it expires (with the
/// refresh token, or by asking for a new one with the client's own credentials), and once
/// more when the API answers `401` because the token is no longer good. Give it to a generated
/// client with its `with_<scheme>_session` method.
///
/// Clones share one token: a session given to several clients renews once for all of them,
/// and concurrent calls wait for a single renewal.
#[derive(Clone)]
pub struct Session {
    shared: Opaque<Shared>,
}

struct Shared {
    app: OAuth2,
    grant: Grant,
    state: Mutex<State>,
}

/// How a session gets a token when it has none, or none it can refresh.
pub(super) enum Grant {
    /// Only by refreshing: an authorization-code sign-in, or tokens resumed.
    RefreshOnly,
    ClientCredentials {
        scopes: Vec<String>,
    },
    Password {
        username: String,
        password: String,
        scopes: Vec<String>,
    },
}

#[derive(Default)]
struct State {
    tokens: Option<Tokens>,
    renew_at: Option<SystemTime>,
    /// Counts the tokens obtained, so a call that was refused with one can tell whether
    /// another call has replaced it meanwhile.
    generation: u64,
    signed_out: bool,
}

/// The token a call was sent with.
#[derive(Debug, Clone)]
pub(super) struct Bearer {
    pub token: String,
    generation: u64,
}

impl Session {
    pub(super) fn new(app: OAuth2, grant: Grant, tokens: Option<Tokens>) -> Self {
        let mut state = State::default();
        if let Some(tokens) = tokens {
            state.install(tokens, &app);
        }
        Self { shared: Opaque::new(Shared { app, grant, state: Mutex::new(state) }) }
    }

    /// The tokens the session holds now, e.g. to save them at shutdown.
    pub async fn tokens(&self) -> Option<Tokens> {
        self.shared.state.lock().await.tokens.clone()
    }

    /// A valid access token: the current one, or a renewed one when it is due.
    pub async fn access_token(&self) -> Result<String, SignInError> {
        Ok(self.bearer(None).await?.token)
    }

    /// The token to send. With `refused`, the token a call was just refused with: unless
    /// another call has already replaced it, it is renewed now.
    pub(super) async fn bearer(&self, refused: Option<&Bearer>) -> Result<Bearer, SignInError> {
        // Holding the lock across the token request is what makes renewal single-flight: the
        // calls that queue behind it find the new token.
        let mut state = self.shared.state.lock().await;
        let stale = refused.is_some_and(|r| r.generation == state.generation);
        let due = state.renew_at.is_some_and(|at| SystemTime::now() >= at);
        if let (Some(current), false, false) = (state.current(), stale, due) {
            return Ok(current);
        }
        if state.signed_out {
            return Err(SignInError::SignedOut);
        }
        let renewed = self.renew(state.tokens.as_ref()).await;
        trace::token_renewed(match &renewed {
            Ok(Some(_)) => "renewed",
            Ok(None) => "nothing_to_renew_with",
            Err(_) => "failed",
        });
        match renewed {
            Ok(Some(tokens)) => {
                state.install(tokens, &self.shared.app);
                state.current().ok_or(SignInError::SignedOut)
            }
            // Nothing to renew with: the token is sent as it is, and the API judges it.
            Ok(None) => state.current().filter(|_| !stale).ok_or(SignInError::SignedOut),
            Err(e) if e.ends_session() => {
                *state = State { signed_out: true, generation: state.generation, ..State::default() };
                Err(e)
            }
            // The renewal was early: while the token endpoint is out of reach, a token that has
            // not expired is still sent.
            Err(e) => {
                let unexpired = state.tokens.as_ref().is_some_and(|t| t.expires_at().is_none_or(|at| SystemTime::now() < at));
                state.current().filter(|_| !stale && unexpired).ok_or(e)
            }
        }
    }

    /// New tokens: by refresh token when there is one, else (or when the server refuses it) by
    /// the session's grant; `None` when there is no way to get any.
    async fn renew(&self, current: Option<&Tokens>) -> Result<Option<Tokens>, SignInError> {
        let app = &self.shared.app;
        if let Some(refresh) = current.and_then(Tokens::refresh_token) {
            let url = app.refresh_url().ok_or(SignInError::NoEndpoint("token URL"))?;
            let (client, failed) = app.token_endpoint(url)?;
            let refresh = RefreshToken::new(refresh.to_owned());
            let refreshed = match client.exchange_refresh_token(&refresh) {
                Ok(request) => request.request_async(&app.http).await.map_err(|e| failed.refused(e)),
                Err(e) => Err(failed.unset(e)),
            };
            match refreshed {
                Ok(response) => return Ok(Some(Tokens::from_response(&response, SystemTime::now(), current))),
                // A client-credentials or password session can still ask anew.
                Err(e) if e.ends_session() && !matches!(self.shared.grant, Grant::RefreshOnly) => {}
                Err(e) => return Err(e),
            }
        }
        let url = match &self.shared.grant {
            Grant::RefreshOnly => return Ok(None),
            _ => app.token_url().ok_or(SignInError::NoEndpoint("token URL"))?,
        };
        let (client, failed) = app.token_endpoint(url)?;
        let response = match &self.shared.grant {
            Grant::RefreshOnly => return Ok(None),
            Grant::ClientCredentials { scopes } => {
                let request = client.exchange_client_credentials().map_err(|e| failed.unset(e))?;
                request.add_scopes(scopes.iter().cloned().map(Scope::new)).request_async(&app.http).await
            }
            Grant::Password { username, password, scopes } => {
                let (username, password) = (ResourceOwnerUsername::new(username.clone()), ResourceOwnerPassword::new(password.clone()));
                let request = client.exchange_password(&username, &password).map_err(|e| failed.unset(e))?;
                request.add_scopes(scopes.iter().cloned().map(Scope::new)).request_async(&app.http).await
            }
        };
        let response = response.map_err(|e| failed.refused(e))?;
        Ok(Some(Tokens::from_response(&response, SystemTime::now(), None)))
    }
}

impl State {
    /// The current access token, as a call sends it.
    fn current(&self) -> Option<Bearer> {
        let tokens = self.tokens.as_ref()?;
        Some(Bearer { token: tokens.access_token().to_owned(), generation: self.generation })
    }

    /// Makes `tokens` current, hands them to the store, and schedules their renewal.
    fn install(&mut self, tokens: Tokens, app: &OAuth2) {
        if let Some(store) = &app.store {
            store.save(&tokens);
        }
        self.renew_at = tokens.renew_at(SystemTime::now(), app.renew_early);
        self.tokens = Some(tokens);
        self.generation += 1;
        self.signed_out = false;
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session").field("app", &self.shared.app).finish_non_exhaustive()
    }
}
