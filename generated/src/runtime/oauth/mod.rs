//! Signing in with OAuth2 and OpenID Connect, and staying signed in.
//!
//! Each API module has a constant per OAuth2 flow its spec declares (`…_FLOW`, a `Flow`), a
//! constant per OpenID Connect scheme (`…_DISCOVERY_URL`), and an enum of the scopes each scheme
//! lists. `OAuth2` registers your application with a flow's endpoints and signs in; the
//! `Session` it yields is given to a client (`with_<scheme>_session`), which then sends the
//! session's access token and renews it before it expires, and once more when the API refuses
//! it with `401`. These exist only with the `oauth` feature.
//!
//! The protocol (token requests, PKCE, error answers) is the `oauth2` crate's. It is compiled
//! with the crate's `oauth` feature, which every API whose spec declares a sign-in turns on:
//! builds of other APIs pay nothing for it but [`SignInError`], which `Error::SignIn` holds.

mod error;
pub use self::error::SignInError;

#[cfg(feature = "oauth")]
mod discovery;
#[cfg(feature = "oauth")]
mod flow;
#[cfg(feature = "oauth")]
mod grants;
#[cfg(feature = "oauth")]
mod session;
#[cfg(feature = "oauth")]
mod signing;
#[cfg(feature = "oauth")]
mod tokens;
#[cfg(not(feature = "oauth"))]
mod unsigned;

#[cfg(feature = "oauth")]
pub use self::{
    flow::{Flow, OAuth2},
    grants::Authorization,
    session::Session,
    tokens::{TokenStore, Tokens},
};

#[cfg(feature = "oauth")]
pub(crate) use self::signing::Signing;
#[cfg(not(feature = "oauth"))]
pub(crate) use self::unsigned::Signing;
