//! Signing in with OAuth2 and OpenID Connect, and staying signed in.
//!
//! Each API module has a constant per OAuth2 flow its spec declares (`…_FLOW`, a [`Flow`]), a
//! constant per OpenID Connect scheme (`…_DISCOVERY_URL`), and an enum of the scopes each scheme
//! lists. [`OAuth2`] registers your application with a flow's endpoints and signs in; the
//! [`Session`] it yields is given to a client (`with_<scheme>_session`), which then sends the
//! session's access token and renews it before it expires, and once more when the API refuses
//! it with `401`.
//!
//! The protocol (token requests, PKCE, error answers) is the `oauth2` crate's.

mod discovery;
mod error;
mod flow;
mod grants;
mod session;
mod tokens;

pub use self::error::SignInError;
pub use self::flow::{Flow, OAuth2};
pub use self::grants::Authorization;
pub(crate) use self::session::Bearer;
pub use self::session::Session;
pub use self::tokens::{TokenStore, Tokens};
