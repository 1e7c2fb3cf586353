//! A flow's endpoints, as the spec declares them, and a client registered with them.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{AuthType, AuthUrl, ClientId, ClientSecret, EndpointMaybeSet, EndpointNotSet, RedirectUrl, TokenUrl};
use url::Url;

use super::SignInError;
use super::error::TokenEndpoint;
use super::tokens::TokenStore;

/// The endpoints of an OAuth2 flow that a spec declares; each API module has one constant per
/// flow, e.g. `fax_plus::OAUTH2_AUTHORIZATION_CODE_FLOW`. A URL may be relative to the API's
/// server (see [`OAuth2::relative_to`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    pub authorization_url: Option<&'static str>,
    pub token_url: Option<&'static str>,
    /// Where refresh tokens are exchanged, when not at the token URL.
    pub refresh_url: Option<&'static str>,
}

/// Query parameters that OAuth2 itself sets. Specs often show them in their URLs as
/// placeholders (`…/login?client_id=YOUR_CLIENT_ID`); they are dropped, and set for real.
const PROTOCOL_PARAMETERS: &[&str] = &[
    "response_type",
    "client_id",
    "client_secret",
    "redirect_uri",
    "scope",
    "state",
    "code",
    "code_challenge",
    "code_challenge_method",
    "grant_type",
    "refresh_token",
];

/// An application registered with an API's authorization server: its client id (and secret,
/// for a confidential client) and the endpoints of one flow. It signs users in
/// ([`authorize`](Self::authorize)), or the application itself
/// ([`client_credentials`](Self::client_credentials)), and yields a
/// [`Session`](super::Session) that a generated client keeps itself signed in with.
///
/// ```
/// use generated::oauth::{Flow, OAuth2};
/// const FLOW: Flow = Flow {
///     authorization_url: Some("https://accounts.fax.plus/login"),
///     token_url: Some("https://accounts.fax.plus/token"),
///     refresh_url: None,
/// };
/// let app = OAuth2::new(FLOW, "my-client-id")
///     .client_secret("my-client-secret")
///     .redirect_uri("http://localhost:8080/callback");
/// let authorization = app.authorize(["all"]).unwrap();
/// assert!(authorization.url().starts_with("https://accounts.fax.plus/login?"));
/// ```
#[derive(Clone)]
pub struct OAuth2 {
    pub(super) authorization_url: Option<String>,
    pub(super) token_url: Option<String>,
    pub(super) refresh_url: Option<String>,
    base: Option<String>,
    origin: Option<String>,
    pub(super) client_id: String,
    client_secret: Option<String>,
    secret_in_body: bool,
    pub(super) redirect_uri: Option<String>,
    pub(super) http: reqwest::Client,
    pub(super) store: Option<Arc<dyn TokenStore>>,
    pub(super) renew_early: Duration,
}

impl OAuth2 {
    /// A client of `flow` (a constant of the API's module), identified by `client_id`.
    pub fn new(flow: Flow, client_id: impl Into<String>) -> Self {
        Self::with_endpoints(flow.authorization_url.map(str::to_owned), flow.token_url.map(str::to_owned), client_id.into())
            .refresh_url_option(flow.refresh_url.map(str::to_owned))
    }

    pub(super) fn with_endpoints(authorization_url: Option<String>, token_url: Option<String>, client_id: String) -> Self {
        Self {
            authorization_url,
            token_url,
            refresh_url: None,
            base: None,
            origin: None,
            client_id,
            client_secret: None,
            secret_in_body: false,
            redirect_uri: None,
            http: token_http_client(),
            store: None,
            renew_early: Duration::from_secs(60),
        }
    }

    fn refresh_url_option(self, refresh_url: Option<String>) -> Self {
        Self { refresh_url, ..self }
    }

    /// The client secret of a confidential client. It is sent with HTTP Basic authentication
    /// (RFC 6749, section 2.3.1) unless [`secret_in_body`](Self::secret_in_body) is set.
    pub fn client_secret(self, secret: impl Into<String>) -> Self {
        Self { client_secret: Some(secret.into()), ..self }
    }

    /// Sends the client id and secret as form fields of token requests, for servers that do
    /// not take HTTP Basic authentication.
    pub fn secret_in_body(self) -> Self {
        Self { secret_in_body: true, ..self }
    }

    /// Where the authorization server sends the user back, as registered for the client.
    pub fn redirect_uri(self, uri: impl Into<String>) -> Self {
        Self { redirect_uri: Some(uri.into()), ..self }
    }

    /// The URL relative endpoint URLs of the spec are resolved against: the API's server, e.g.
    /// `client.base_url()`.
    pub fn relative_to(self, base_url: impl Into<String>) -> Self {
        Self { base: Some(base_url.into()), ..self }
    }

    /// Sends the user, and token requests, to the same paths on another host: `origin` is its
    /// scheme, host and port (`http://127.0.0.1:8080`), e.g. a vendor's sandbox, or a local
    /// server standing in for the real one in tests.
    pub fn origin(self, origin: impl Into<String>) -> Self {
        Self { origin: Some(origin.into()), ..self }
    }

    /// Sends token requests through `http`. It should not follow redirects (RFC 6749,
    /// section 3.2 gives a token endpoint none to send); the default client does not.
    pub fn http_client(self, http: reqwest::Client) -> Self {
        Self { http, ..self }
    }

    /// Hands every token set a session obtains to `store`.
    pub fn token_store(self, store: impl TokenStore + 'static) -> Self {
        Self { store: Some(Arc::new(store)), ..self }
    }

    /// How long before its expiry an access token is renewed (one minute unless set; never
    /// earlier than half its lifetime).
    pub fn renew_early(self, renew_early: Duration) -> Self {
        Self { renew_early, ..self }
    }

    /// The `oauth2` crate's client with this registration's id, secret, redirect URI and
    /// authorization URL, and `token_url` (the token or the refresh URL) as its token URL.
    pub(super) fn client(&self, token_url: Option<&str>) -> Result<Protocol, SignInError> {
        let auth_url = self.authorization_url.as_deref().map(|url| self.endpoint("authorization URL", url)).transpose()?;
        let token_url = token_url.map(|url| self.endpoint("token URL", url)).transpose()?;
        let mut client = BasicClient::new(ClientId::new(self.client_id.clone()))
            .set_auth_uri_option(auth_url.map(AuthUrl::from_url))
            .set_token_uri_option(token_url.map(TokenUrl::from_url))
            .set_auth_type(if self.secret_in_body { AuthType::RequestBody } else { AuthType::BasicAuth });
        if let Some(secret) = &self.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.clone()));
        }
        if let Some(uri) = &self.redirect_uri {
            let uri = RedirectUrl::new(uri.clone()).map_err(|e| SignInError::InvalidUrl {
                role: "redirect URI",
                url: uri.clone(),
                reason: e.to_string(),
            })?;
            client = client.set_redirect_uri(uri);
        }
        Ok(client)
    }

    /// The `oauth2` crate's client for token requests to `url`, and what names that URL in
    /// errors.
    pub(super) fn token_endpoint(&self, url: &str) -> Result<(Protocol, TokenEndpoint), SignInError> {
        let client = self.client(Some(url))?;
        let resolved = client.token_uri().map_or_else(|| url.to_owned(), ToString::to_string);
        Ok((client, TokenEndpoint(resolved)))
    }

    /// The token URL, and where refresh tokens go (the refresh URL, else the token URL).
    pub(super) fn token_url(&self) -> Option<&str> {
        self.token_url.as_deref()
    }

    pub(super) fn refresh_url(&self) -> Option<&str> {
        self.refresh_url.as_deref().or(self.token_url.as_deref())
    }

    /// An endpoint URL of the spec, made absolute and without the protocol's own parameters.
    pub(super) fn endpoint(&self, role: &'static str, url: &str) -> Result<Url, SignInError> {
        let invalid = |reason: String| SignInError::InvalidUrl { role, url: url.to_owned(), reason };
        let mut absolute = match (Url::parse(url), &self.base) {
            (Ok(absolute), _) => absolute,
            (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => {
                Url::parse(base).and_then(|base| base.join(url)).map_err(|e| invalid(e.to_string()))?
            }
            (Err(url::ParseError::RelativeUrlWithoutBase), None) => {
                return Err(invalid("it is relative: give the API's server with `relative_to`".into()));
            }
            (Err(e), _) => return Err(invalid(e.to_string())),
        };
        if let Some(origin) = &self.origin {
            let origin =
                Url::parse(origin).map_err(|e| SignInError::InvalidUrl { role: "origin", url: origin.clone(), reason: e.to_string() })?;
            let path = absolute[url::Position::BeforePath..].to_owned();
            absolute = origin.join(&path).map_err(|e| invalid(e.to_string()))?;
        }
        let kept: Vec<(String, String)> = absolute
            .query_pairs()
            .filter(|(name, _)| !PROTOCOL_PARAMETERS.contains(&name.as_ref()))
            .map(|(n, v)| (n.into(), v.into()))
            .collect();
        absolute.set_query(None);
        if !kept.is_empty() {
            absolute.query_pairs_mut().extend_pairs(kept);
        }
        Ok(absolute)
    }
}

/// The `oauth2` crate's client with the endpoints a registration may or may not have.
pub(super) type Protocol = BasicClient<EndpointMaybeSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet>;

/// A client for token requests that follows no redirect, as the `oauth2` crate asks (a
/// redirect could carry the client's credentials elsewhere).
fn token_http_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap_or_default()
}

impl fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2")
            .field("authorization_url", &self.authorization_url)
            .field("token_url", &self.token_url)
            .field("refresh_url", &self.refresh_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "<redacted>"))
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOW: Flow = Flow {
        authorization_url: Some("https://accounts.example/login?response_type=code&client_id=YOUR_CLIENT_ID&prompt=consent"),
        token_url: Some("token"),
        refresh_url: Some("https://accounts.example/token?grant_type=refresh_token&refresh_token=YOUR_REFRESH_TOKEN"),
    };

    #[test]
    fn placeholder_parameters_are_dropped_and_others_kept() {
        let app = OAuth2::new(FLOW, "id");
        let login = app.endpoint("authorization URL", FLOW.authorization_url.unwrap()).unwrap();
        assert_eq!(login.as_str(), "https://accounts.example/login?prompt=consent");
        let refresh = app.endpoint("refresh URL", app.refresh_url().unwrap()).unwrap();
        assert_eq!(refresh.as_str(), "https://accounts.example/token");
    }

    #[test]
    fn relative_urls_need_the_server() {
        let app = OAuth2::new(FLOW, "id");
        let refused = app.endpoint("token URL", "token").unwrap_err();
        assert!(refused.to_string().contains("relative_to"), "{refused}");
        let resolved = app.relative_to("http://127.0.0.1:8000/").endpoint("token URL", "token").unwrap();
        assert_eq!(resolved.as_str(), "http://127.0.0.1:8000/token");
    }

    #[test]
    fn another_origin_keeps_the_paths() {
        let app = OAuth2::new(FLOW, "id").origin("http://127.0.0.1:8080");
        let login = app.endpoint("authorization URL", FLOW.authorization_url.unwrap()).unwrap();
        assert_eq!(login.as_str(), "http://127.0.0.1:8080/login?prompt=consent");
    }

    #[test]
    fn debug_hides_the_secret() {
        let shown = format!("{:?}", OAuth2::new(FLOW, "id").client_secret("hunter2"));
        assert!(!shown.contains("hunter2") && shown.contains("<redacted>"), "{shown}");
    }
}
