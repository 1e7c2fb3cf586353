//! OpenID Connect discovery: the endpoints of a provider, from its configuration document.

use serde::Deserialize;

use super::SignInError;
use super::flow::OAuth2;

/// The part of an OpenID Provider's configuration (OpenID Connect Discovery 1.0, section 3)
/// that signing in needs.
#[derive(Deserialize)]
struct Configuration {
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
}

impl OAuth2 {
    /// A client of the OpenID Connect provider whose configuration document is at `url` (the
    /// spec's `openIdConnectUrl`, one constant per scheme in the API's module): its
    /// authorization and token endpoints are read from it.
    pub async fn discover(url: &str, client_id: impl Into<String>) -> Result<Self, SignInError> {
        let mut app = Self::with_endpoints(None, None, client_id.into());
        let configuration = app.endpoint("discovery document", url)?;
        let unreachable = |source| SignInError::Unreachable { url: url.to_owned(), source };
        let answer = app.http.get(configuration).send().await.map_err(unreachable)?;
        let malformed = |reason: String| SignInError::Malformed { url: url.to_owned(), reason };
        if !answer.status().is_success() {
            return Err(malformed(format!("it answered {}", answer.status())));
        }
        let body = answer.bytes().await.map_err(unreachable)?;
        let found: Configuration = serde_json::from_slice(&body).map_err(|e| malformed(e.to_string()))?;
        if found.token_endpoint.is_none() {
            return Err(malformed("the document names no `token_endpoint`".into()));
        }
        app.authorization_url = found.authorization_endpoint;
        app.token_url = found.token_endpoint;
        Ok(app)
    }
}
