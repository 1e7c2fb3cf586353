//! Why signing in, or staying signed in, failed.

#[cfg(feature = "oauth")]
use oauth2::basic::BasicErrorResponse;
#[cfg(feature = "oauth")]
use oauth2::{HttpClientError, RequestTokenError};

/// Why a client could not get an access token. It never shows a secret or a token: a token
/// endpoint's answer appears only through its error code and description.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignInError {
    /// The token endpoint answered with an OAuth2 error (RFC 6749, section 5.2), such as
    /// `invalid_grant` for a refresh token that was revoked or has expired.
    #[error("the token endpoint refused: {code}{}", .description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused {
        /// The `error` code, e.g. `invalid_grant` or `invalid_client`.
        code: String,
        /// The `error_description`, when the server gave one.
        description: Option<String>,
    },
    /// The endpoint could not be reached, or did not answer in time.
    #[error("the endpoint {url} could not be reached: {source}")]
    Unreachable { url: String, source: reqwest::Error },
    /// The endpoint answered, but not with what OAuth2 or OpenID Connect defines: a server error
    /// page, say.
    #[error("the endpoint {url} did not answer as OAuth2 defines: {reason}")]
    Malformed { url: String, reason: String },
    /// The `state` that came back to the redirect URI is not the one the authorization URL
    /// carried: the redirect was not the answer to this sign-in (a forged or stale one).
    #[error("the `state` returned to the redirect URI is not the one sent with the authorization URL")]
    StateMismatch,
    /// The token endpoint issued an access token that cannot be sent in an HTTP header.
    #[error("the access token issued has characters that cannot be sent in an HTTP header")]
    MalformedToken,
    /// There is no valid token and no way to get one: no refresh token was issued, or the
    /// authorization server refused it, so the user has to sign in again.
    #[error("the session has no valid access token and no way to renew it: sign in again")]
    SignedOut,
    /// A URL of the flow (from the spec, discovery, or given) is not an absolute URL.
    #[error("`{url}` is not a usable URL for the {role}: {reason}")]
    InvalidUrl { role: &'static str, url: String, reason: String },
    /// The flow has no endpoint for what was asked, e.g. an authorization URL of a
    /// client-credentials flow.
    #[error("this flow has no {0}")]
    NoEndpoint(&'static str),
}

#[cfg(feature = "oauth")]
impl SignInError {
    /// The error of a token request to `url`, from the `oauth2` crate's.
    fn from_token_request(url: &str, error: RequestTokenError<HttpClientError<reqwest::Error>, BasicErrorResponse>) -> Self {
        let url = url.to_owned();
        match error {
            RequestTokenError::ServerResponse(answer) => SignInError::Refused {
                code: answer.error().to_string(),
                description: answer.error_description().cloned(),
            },
            RequestTokenError::Request(HttpClientError::Reqwest(source)) => SignInError::Unreachable { url, source: *source },
            RequestTokenError::Request(other) => SignInError::Malformed { url, reason: other.to_string() },
            // The body is left out: a token response that failed to parse may still hold a token.
            RequestTokenError::Parse(source, _) => SignInError::Malformed { url, reason: source.to_string() },
            RequestTokenError::Other(reason) => SignInError::Malformed { url, reason },
        }
    }

    /// Whether the authorization server refused the grant itself, so asking again with it is
    /// pointless: the refresh token was revoked, or the credentials are wrong.
    pub(super) fn ends_session(&self) -> bool {
        matches!(self, SignInError::Refused { code, .. } if code == "invalid_grant" || code == "invalid_client" || code == "unauthorized_client")
    }
}

/// A token endpoint's URL as requested, for its errors.
#[cfg(feature = "oauth")]
pub(super) struct TokenEndpoint(pub String);

#[cfg(feature = "oauth")]
impl TokenEndpoint {
    pub fn refused(&self, error: RequestTokenError<HttpClientError<reqwest::Error>, BasicErrorResponse>) -> SignInError {
        SignInError::from_token_request(&self.0, error)
    }

    /// The `oauth2` crate's client has no token URL: the flow has none.
    pub fn unset(&self, _: oauth2::ConfigurationError) -> SignInError {
        SignInError::NoEndpoint("token URL")
    }
}
