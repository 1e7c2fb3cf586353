//! What the runtime uses of OAuth2 when the `oauth` feature is off: no request has a session.

use reqwest_middleware::RequestBuilder;

use super::super::error::Failure;

/// Never made: without the `oauth` feature, no credential attaches a session.
pub(crate) enum Signing {}

impl Signing {
    pub fn attached(_: &mut RequestBuilder) -> Option<Self> {
        None
    }

    pub async fn sign(&mut self, _: &mut reqwest::Request) -> Result<(), Failure> {
        match *self {}
    }

    pub fn may_renew(&self) -> bool {
        match *self {}
    }

    pub fn refused(&self, _: &reqwest::Response) -> bool {
        match *self {}
    }

    pub async fn renew(&mut self, _: &mut reqwest::Request) -> Result<(), Failure> {
        match *self {}
    }
}
