//! The tokens a sign-in yields, and where a session hands them to be kept.

use std::fmt;
use std::time::{Duration, SystemTime};

use oauth2::TokenResponse;
use oauth2::basic::BasicTokenResponse;
use serde::{Deserialize, Serialize};

/// An access token, with the refresh token and expiry that came with it. Serialize it to keep
/// a user signed in across restarts, and resume with
/// [`OAuth2::resume`](super::OAuth2::resume). Its `Debug` output shows no token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "unix_seconds")]
    expires_at: Option<SystemTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    scopes: Vec<String>,
}

impl Tokens {
    /// Tokens obtained elsewhere: an access token, and the refresh token that renews it.
    pub fn new(access_token: impl Into<String>, refresh_token: Option<String>) -> Self {
        Self {
            access_token: access_token.into(),
            refresh_token,
            expires_at: None,
            scopes: Vec::new(),
        }
    }

    /// When the access token expires, as the token endpoint said (`expires_in`).
    pub fn expiring_at(self, expires_at: SystemTime) -> Self {
        Self { expires_at: Some(expires_at), ..self }
    }

    /// The token endpoint's answer, received at `now`. A refresh answer that carries no new
    /// refresh token keeps the `previous` one (RFC 6749, section 6).
    pub(super) fn from_response(response: &BasicTokenResponse, now: SystemTime, previous: Option<&Tokens>) -> Self {
        Self {
            access_token: response.access_token().secret().clone(),
            refresh_token: response
                .refresh_token()
                .map(|token| token.secret().clone())
                .or_else(|| previous.and_then(|p| p.refresh_token.clone())),
            expires_at: response.expires_in().map(|lifetime| now + lifetime),
            scopes: response.scopes().map(|scopes| scopes.iter().map(|s| s.to_string()).collect()).unwrap_or_default(),
        }
    }

    /// The token sent as `Authorization: Bearer <token>`.
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_deref()
    }

    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// The scopes granted, when the token endpoint listed them.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// When to renew: `early` before expiry, but no earlier than half the remaining lifetime
    /// at `now`, so a short-lived token is still used before it is replaced.
    pub(super) fn renew_at(&self, now: SystemTime, early: Duration) -> Option<SystemTime> {
        let expires_at = self.expires_at?;
        let remaining = expires_at.duration_since(now).unwrap_or_default();
        Some(expires_at - early.min(remaining / 2))
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("access_token", &"<redacted>")
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "<redacted>"))
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// Where a session hands every token set it obtains: the first after signing in, and each
/// renewal. Persist the refresh token here to keep a user signed in across restarts. A closure
/// taking `&Tokens` is a store.
pub trait TokenStore: Send + Sync {
    fn save(&self, tokens: &Tokens);
}

impl<F: Fn(&Tokens) + Send + Sync> TokenStore for F {
    fn save(&self, tokens: &Tokens) {
        self(tokens)
    }
}

/// `expires_at` as seconds since the Unix epoch, which every language reads.
mod unix_seconds {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Option<SystemTime>, serializer: S) -> Result<S::Ok, S::Error> {
        let seconds = at.and_then(|at| at.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_secs());
        serializer.serialize_u64(seconds)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<SystemTime>, D::Error> {
        Ok(Some(UNIX_EPOCH + Duration::from_secs(u64::deserialize(deserializer)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_comes_early_but_not_too_early() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let hour = Tokens::new("a", None).expiring_at(now + Duration::from_secs(3_600));
        assert_eq!(hour.renew_at(now, Duration::from_secs(60)), Some(now + Duration::from_secs(3_540)));
        let short = Tokens::new("a", None).expiring_at(now + Duration::from_secs(10));
        assert_eq!(short.renew_at(now, Duration::from_secs(60)), Some(now + Duration::from_secs(5)));
        assert_eq!(Tokens::new("a", None).renew_at(now, Duration::from_secs(60)), None);
    }

    #[test]
    fn tokens_round_trip_and_never_show_in_debug() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let tokens = Tokens::new("acc3ss", Some("r3fresh".into())).expiring_at(at);
        let json = serde_json::to_string(&tokens).unwrap();
        assert_eq!(json, r#"{"access_token":"acc3ss","refresh_token":"r3fresh","expires_at":1700000000}"#);
        assert_eq!(serde_json::from_str::<Tokens>(&json).unwrap(), tokens);
        let shown = format!("{tokens:?}");
        assert!(!shown.contains("acc3ss") && !shown.contains("r3fresh"), "{shown}");
    }
}
