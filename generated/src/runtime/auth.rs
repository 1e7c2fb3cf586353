//! Credentials and where each security scheme puts them.

use std::collections::BTreeMap;
use std::fmt;

use reqwest::header::{AUTHORIZATION, COOKIE, HeaderName, HeaderValue};
use reqwest_middleware::RequestBuilder;

use super::error::MissingCredentials;
#[cfg(feature = "oauth")]
use super::oauth::Session;
use super::text::cookie;

/// A security scheme of a spec, as the generated code declares it.
#[derive(Debug, Clone, Copy)]
pub struct Scheme {
    /// The key under `components/securitySchemes`.
    pub name: &'static str,
    pub placement: Placement,
}

/// Where a scheme's credential travels.
#[derive(Debug, Clone, Copy)]
pub enum Placement {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// `Authorization: <scheme> <token>` for another HTTP scheme.
    Authorization(&'static str),
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
}

/// A configured credential. Its `Debug` output never shows the secret.
#[derive(Clone)]
pub(crate) enum Credential {
    Token(String),
    Basic {
        username: String,
        password: Option<String>,
    },
    /// An OAuth2 session: its token is added when the request is sent, as it may need renewing.
    #[cfg(feature = "oauth")]
    Session(Session),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Token(_) => f.write_str("Token(<redacted>)"),
            Credential::Basic { username, .. } => write!(f, "Basic({username:?}, <redacted>)"),
            #[cfg(feature = "oauth")]
            Credential::Session(session) => write!(f, "{session:?}"),
        }
    }
}

/// The credentials a client holds, by scheme name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Credentials(BTreeMap<&'static str, Credential>);

impl Credentials {
    pub fn set(&mut self, scheme: &'static str, credential: Credential) {
        self.0.insert(scheme, credential);
    }

    /// Applies the first alternative whose schemes all have credentials. An empty alternative
    /// (anonymous access) is taken only when no credentialed one can be.
    pub fn apply(&self, mut request: RequestBuilder, alternatives: &[&[Scheme]]) -> Result<RequestBuilder, MissingCredentials> {
        let usable = alternatives.iter().find(|alt| !alt.is_empty() && alt.iter().all(|s| self.0.contains_key(s.name)));
        let Some(schemes) = usable else {
            if alternatives.is_empty() || alternatives.iter().any(|alt| alt.is_empty()) {
                return Ok(request);
            }
            return Err(MissingCredentials::new(alternatives));
        };
        for scheme in *schemes {
            request = match (&self.0[scheme.name], scheme.placement) {
                (Credential::Basic { username, password }, _) => request.basic_auth(username, password.as_ref()),
                #[cfg(feature = "oauth")]
                (Credential::Session(session), _) => request.with_extension(session.clone()),
                (Credential::Token(token), Placement::Bearer | Placement::Basic) => {
                    secret_header(request, AUTHORIZATION.as_str(), &format!("Bearer {token}"))
                }
                (Credential::Token(token), Placement::Authorization(scheme)) => {
                    secret_header(request, AUTHORIZATION.as_str(), &format!("{scheme} {token}"))
                }
                (Credential::Token(token), Placement::Header(name)) => secret_header(request, name, token),
                (Credential::Token(token), Placement::Query(name)) => request.query(&[(name, token)]),
                (Credential::Token(token), Placement::Cookie(name)) => secret_header(request, COOKIE.as_str(), &cookie(name, token)),
            };
        }
        Ok(request)
    }
}

/// Adds a header marked sensitive, so `Debug` of the request does not print it. A name or value
/// that is not valid in HTTP is handed to reqwest as is: it records the error and `send` reports it.
fn secret_header(request: RequestBuilder, name: &str, value: &str) -> RequestBuilder {
    match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
        (Ok(name), Ok(mut valid)) => {
            valid.set_sensitive(true);
            request.header(name, valid)
        }
        _ => request.header(name, value),
    }
}
