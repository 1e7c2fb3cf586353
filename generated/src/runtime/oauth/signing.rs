//! Sending a request with an OAuth2 session's token, and once more with a renewed one when the
//! API refuses it.

use reqwest::header::{AUTHORIZATION, HeaderValue, WWW_AUTHENTICATE};
use reqwest_middleware::RequestBuilder;

use super::super::error::Failure;
use super::SignInError;
use super::session::{Bearer, Session};

/// The session a request is sent with (attached by the credentials as a request extension),
/// and the token it was last sent with.
pub(crate) struct Signing {
    session: Session,
    sent: Option<Bearer>,
    renewed: bool,
}

impl Signing {
    /// The session the credentials attached to `request`, if any.
    pub fn attached(request: &mut RequestBuilder) -> Option<Self> {
        let session = request.extensions().remove::<Session>()?;
        Some(Self { session, sent: None, renewed: false })
    }

    /// Puts the session's current access token on `request`.
    pub async fn sign(&mut self, request: &mut reqwest::Request) -> Result<(), Failure> {
        let bearer = self.session.bearer(None).await.map_err(Failure::SignIn)?;
        authorize(request, &bearer)?;
        self.sent = Some(bearer);
        Ok(())
    }

    /// Whether the request may still be sent again with a renewed token.
    pub fn may_renew(&self) -> bool {
        !self.renewed
    }

    /// Whether `answer` refuses the token itself, so that a renewed one may be accepted (once
    /// per call): a `401` whose `WWW-Authenticate` names no error other than `invalid_token`
    /// (RFC 6750, section 3.1). Many APIs send a bare `401` for an expired token;
    /// `insufficient_scope` or `invalid_request` would be refused again whatever the token.
    pub fn refused(&self, answer: &reqwest::Response) -> bool {
        !self.renewed
            && answer.status() == reqwest::StatusCode::UNAUTHORIZED
            && answer.headers().get_all(WWW_AUTHENTICATE).iter().all(|challenge| {
                let challenge = challenge.to_str().unwrap_or_default();
                !challenge.contains("error=") || challenge.contains("invalid_token")
            })
    }

    /// Puts a token on `request` that replaces the refused one: renewed now, unless another
    /// call has renewed it meanwhile.
    pub async fn renew(&mut self, request: &mut reqwest::Request) -> Result<(), Failure> {
        self.renewed = true;
        let bearer = self.session.bearer(self.sent.as_ref()).await.map_err(Failure::SignIn)?;
        authorize(request, &bearer)?;
        self.sent = Some(bearer);
        Ok(())
    }
}

/// `Authorization: Bearer <token>`, marked sensitive so that `Debug` of the request hides it.
fn authorize(request: &mut reqwest::Request, bearer: &Bearer) -> Result<(), Failure> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", bearer.token)).map_err(|_| Failure::SignIn(SignInError::MalformedToken))?;
    value.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(())
}
