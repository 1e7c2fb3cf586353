//! The Fax.Plus client signed in through OAuth2 against a real OAuth2 and OpenID Connect server:
//! axa-group's `oauth2-mock-server` (`xtask/oauth2-mock-server/server.mjs`), which checks PKCE,
//! issues and refreshes tokens, and plays `accounts.fax.plus`. `cargo xtask e2e oauth` starts it
//! and runs these with `OAUTH_SERVER_URL` set; a plain `cargo test` skips them, but for one that
//! needs no server.
//!
//! The API is a wiremock server that accepts only the tokens the test has not marked refused, so
//! a test can make the API refuse a token the way it does once the token has expired.
#![cfg(feature = "fax_plus")]

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated::Error;
use generated::fax_plus::{errors::UpdateContactError, types::ContactUpdate};
use generated::oauth::Session;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers};

// The README's sign-in example, word for word (a test in xtask keeps the two identical).
use generated::fax_plus::{self, Oauth2Scope};
use generated::oauth::{Authorization, OAuth2, SignInError, Tokens};

/// Your application as registered with Fax.Plus, at the sign-in endpoints of the spec.
fn fax_plus_app(client_id: &str, client_secret: &str) -> OAuth2 {
    OAuth2::new(fax_plus::OAUTH2_AUTHORIZATION_CODE_FLOW, client_id)
        .client_secret(client_secret)
        .redirect_uri("https://your.app/fax-plus/callback")
        // Handed every token set, the first and each renewal: keep it to go on after a
        // restart with `app.resume(tokens)`.
        .token_store(|tokens: &Tokens| println!("signed in until {:?}", tokens.expires_at()))
}

/// Step 1: the page where the user grants access (with a PKCE challenge and a `state`).
/// Keep `authorization` until the user comes back.
fn start_sign_in(app: &OAuth2) -> Result<Authorization, SignInError> {
    app.authorize([Oauth2Scope::All])
}

/// Step 2: the redirect brings `code` and `state`. The client keeps itself signed in: it
/// renews the token before it expires, and once more if the API refuses it with `401`.
async fn finish_sign_in(
    app: &OAuth2,
    authorization: &Authorization,
    (code, state): (&str, &str),
    (base_url, client_id): (&str, &str),
) -> Result<fax_plus::Client, Box<dyn std::error::Error>> {
    let session = app.exchange(authorization, code, state).await?;
    let client = fax_plus::Client::with_base_url(base_url) // fax_plus::RESTAPI_FAX_PLUS_V3_SERVER
        .with_oauth2_session(session)
        .with_default_header("x-fax-clientid", client_id)?;
    Ok(client)
}

/// Step 3: calls, for as long as the user's grant lasts. The first token expiring goes unseen:
/// the call an hour later is sent with a renewed one.
async fn rename_contact(client: &fax_plus::Client, contact_id: &str) -> Result<(), Box<dyn std::error::Error>> {
    let update = fax_plus::types::ContactUpdate { name: Some("Jane".into()), ..Default::default() };
    client.update_contact(contact_id, &update).await?;
    Ok(())
}

fn oauth_server() -> String {
    std::env::var("OAUTH_SERVER_URL").expect("OAUTH_SERVER_URL is not set: run `cargo xtask e2e oauth`")
}

/// A client id of its own per test: the server keeps its counts and settings per client.
fn app(test: &str) -> OAuth2 {
    OAuth2::new(fax_plus::OAUTH2_AUTHORIZATION_CODE_FLOW, format!("fax-{test}"))
        .client_secret("s3cret-value")
        .redirect_uri("http://127.0.0.1:9/callback")
        .origin(oauth_server())
}

/// The token requests the server received from `client_id`, by grant type.
async fn token_requests(client_id: &str) -> BTreeMap<String, u32> {
    let url = format!("{}/test/clients/{client_id}", oauth_server());
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

/// Makes the server issue tokens to `client_id` that expire after `seconds`.
async fn token_lifetime(client_id: &str, seconds: u64) {
    let url = format!("{}/test/clients/{client_id}", oauth_server());
    let answer = reqwest::Client::new().put(url).body(format!(r#"{{"ttl":{seconds}}}"#)).send().await.unwrap();
    assert!(answer.status().is_success());
}

/// The user's browser: opens the authorization URL and follows it to the redirect, whose query
/// holds the code and the state.
async fn grant(authorization: &Authorization) -> (String, String) {
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let answer = browser.get(authorization.url()).send().await.unwrap();
    assert_eq!(answer.status(), 302, "the authorization page should redirect back");
    let location = answer.headers()["location"].to_str().unwrap();
    let back = url::Url::parse(location).unwrap();
    assert!(location.starts_with(authorization_redirect(authorization).as_str()), "{location}");
    let query: BTreeMap<_, _> = back.query_pairs().into_owned().collect();
    (query["code"].clone(), query["state"].clone())
}

/// Where `authorization` asks the user to be sent back, with the query's `?`.
fn authorization_redirect(authorization: &Authorization) -> String {
    let url = url::Url::parse(authorization.url()).unwrap();
    let redirect = url.query_pairs().find(|(name, _)| name == "redirect_uri").unwrap().1.into_owned();
    format!("{redirect}?")
}

/// A signed-in session through the authorization-code flow.
async fn signed_in(app: &OAuth2) -> Session {
    let authorization = app.authorize([Oauth2Scope::All]).unwrap();
    let (code, state) = grant(&authorization).await;
    app.exchange(&authorization, &code, &state).await.unwrap()
}

/// The Fax.Plus API: answers `updateContact` for a token it has not been told to refuse, and
/// `401` with `WWW-Authenticate: Bearer error="invalid_token"` for one it has.
#[derive(Clone, Default)]
struct Api {
    refused: Arc<Mutex<HashSet<String>>>,
    refuse_all: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let header = request.headers.get("authorization").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let token = header.strip_prefix("Bearer ").unwrap_or_default().to_owned();
        self.seen.lock().unwrap().push(token.clone());
        if token.is_empty() || self.refuse_all.load(Ordering::SeqCst) || self.refused.lock().unwrap().contains(&token) {
            return ResponseTemplate::new(401)
                .insert_header("www-authenticate", r#"Bearer error="invalid_token", error_description="The access token expired""#)
                .set_body_json(serde_json::json!({ "error": "invalid_token" }));
        }
        ResponseTemplate::new(200).set_body_json(serde_json::json!({ "id": "c1", "name": "Jane" }))
    }
}

impl Api {
    async fn start() -> (MockServer, Api) {
        let server = MockServer::start().await;
        let api = Api::default();
        Mock::given(matchers::method("PUT"))
            .and(matchers::path("/accounts/self/contacts/c1"))
            .and(matchers::header("x-fax-clientid", "fax-client"))
            .respond_with(api.clone())
            .mount(&server)
            .await;
        (server, api)
    }

    fn refuse(&self, token: &str) {
        self.refused.lock().unwrap().insert(token.to_owned());
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

/// A Fax.Plus client built as the README shows, signed in with `session`.
fn client(api: &MockServer, session: Session) -> fax_plus::Client {
    fax_plus::Client::with_base_url(&api.uri()).with_oauth2_session(session).with_default_header("x-fax-clientid", "fax-client").unwrap()
}

fn update() -> ContactUpdate {
    ContactUpdate { name: Some("Jane".into()), ..Default::default() }
}

/// The README's sign-in, from the authorization URL to a call made after the first token has
/// expired.
#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn the_readme_sign_in_outlives_the_first_token() {
    let app = fax_plus_app("fax-readme", "s3cret-value").origin(oauth_server());
    token_lifetime("fax-readme", 3).await;
    let authorization = start_sign_in(&app).unwrap();
    assert!(authorization.url().contains("redirect_uri=https%3A%2F%2Fyour.app%2Ffax-plus%2Fcallback"));
    let (code, state) = grant(&authorization).await;
    let (server, api) = Api::start().await;
    let client = finish_sign_in(&app, &authorization, (&code, &state), (&server.uri(), "fax-client")).await.unwrap();
    rename_contact(&client, "c1").await.unwrap();
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    rename_contact(&client, "c1").await.unwrap();
    let seen = api.seen();
    assert_eq!(seen.len(), 2, "no call was refused");
    assert_ne!(seen[0], seen[1]);
    assert_eq!(token_requests("fax-readme").await, BTreeMap::from([("authorization_code".into(), 1), ("refresh_token".into(), 1)]));
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn authorization_code_with_pkce_signs_in_fax_plus() {
    let app = app("pkce");
    let authorization = app.authorize([Oauth2Scope::All]).unwrap();
    let url = url::Url::parse(authorization.url()).unwrap();
    let query: BTreeMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(url.path(), "/login", "the spec's authorization page");
    assert_eq!(query["client_id"], "fax-pkce", "the spec's placeholder `YOUR_CLIENT_ID` is replaced");
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["scope"], "all");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["redirect_uri"], "http://127.0.0.1:9/callback");
    assert_eq!(query["state"], authorization.state());

    let (code, state) = grant(&authorization).await;
    // The server checks the PKCE verifier against the challenge: the exchange passes only
    // with the verifier of this authorization.
    let session = app.exchange(&authorization, &code, &state).await.unwrap();
    let tokens = session.tokens().await.unwrap();
    assert!(tokens.refresh_token().is_some() && tokens.expires_at().is_some());

    let (server, api) = Api::start().await;
    let contact = client(&server, session).update_contact("c1", &update()).await.unwrap();
    assert_eq!(contact.name.as_deref(), Some("Jane"));
    assert_eq!(api.seen(), [tokens.access_token()], "the call carries the access token of the exchange");
    assert_eq!(token_requests("fax-pkce").await, BTreeMap::from([("authorization_code".into(), 1)]));
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn a_forged_redirect_or_another_verifier_is_refused() {
    let app = app("forged");
    let authorization = app.authorize([Oauth2Scope::All]).unwrap();
    let (code, _) = grant(&authorization).await;
    let forged = app.exchange(&authorization, &code, "not-the-state").await.unwrap_err();
    assert!(matches!(forged, SignInError::StateMismatch), "{forged:?}");
    assert!(token_requests("fax-forged").await.is_empty(), "nothing is sent for a forged redirect");

    // The same sign-in with another PKCE verifier: the server refuses the code.
    let mut kept: serde_json::Value = serde_json::to_value(&authorization).unwrap();
    kept["verifier"] = "x".repeat(43).into();
    let tampered: Authorization = serde_json::from_value(kept).unwrap();
    let refused = app.exchange(&tampered, &code, authorization.state()).await.unwrap_err();
    assert!(matches!(&refused, SignInError::Refused { code, .. } if code == "invalid_request"), "{refused:?}");
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn the_token_is_refreshed_before_it_expires() {
    let app = app("early");
    token_lifetime("fax-early", 4).await;
    let session = signed_in(&app).await;
    let (server, api) = Api::start().await;
    let client = client(&server, session.clone());
    client.update_contact("c1", &update()).await.unwrap();
    // Renewal is due halfway through a short lifetime (2 s of 4): before the token expires.
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    client.update_contact("c1", &update()).await.unwrap();
    let seen = api.seen();
    assert_eq!(seen.len(), 2, "no call was refused: {seen:?}");
    assert_ne!(seen[0], seen[1], "the second call carries the renewed token");
    assert_eq!(seen[1], session.tokens().await.unwrap().access_token());
    let requests = token_requests("fax-early").await;
    assert_eq!(requests, BTreeMap::from([("authorization_code".into(), 1), ("refresh_token".into(), 1)]));
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn a_refused_token_is_refreshed_and_the_call_retried_once() {
    let app = app("refused");
    let session = signed_in(&app).await;
    let (server, api) = Api::start().await;
    let client = client(&server, session.clone());
    client.update_contact("c1", &update()).await.unwrap();
    // The API now says the token expired, though its `expires_in` has not run out.
    let first = session.access_token().await.unwrap();
    api.refuse(&first);
    let contact = client.update_contact("c1", &update()).await.unwrap();
    assert_eq!(contact.id.as_deref(), Some("c1"));
    let seen = api.seen();
    assert_eq!(seen.len(), 3, "sent, refused, and sent once more with the new token");
    assert_eq!((&seen[0], &seen[1]), (&first, &first));
    assert_ne!(seen[2], first);
    assert_eq!(token_requests("fax-refused").await["refresh_token"], 1);

    // When the API refuses the renewed token too, its 401 is the answer: one retry per call.
    api.refuse_all.store(true, Ordering::SeqCst);
    let refused = client.update_contact("c1", &update()).await.unwrap_err();
    let Error::Api(answer) = &refused else { panic!("{refused:?}") };
    assert!(matches!(***answer, UpdateContactError::Unauthorized(_)), "{refused:?}");
    assert_eq!(api.seen().len(), 5);
    assert_eq!(token_requests("fax-refused").await["refresh_token"], 2, "one renewal per refused call");
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn fifty_concurrent_calls_wait_for_one_refresh() {
    let app = app("fifty");
    token_lifetime("fax-fifty", 4).await;
    let session = signed_in(&app).await;
    let (server, api) = Api::start().await;
    let client = client(&server, session);
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.update_contact("c1", &update()).await.map(|_| ()) })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await.unwrap().unwrap();
    }
    let requests = token_requests("fax-fifty").await;
    assert_eq!(requests.get("refresh_token"), Some(&1), "{requests:?}");
    let distinct: HashSet<String> = api.seen().into_iter().collect();
    assert_eq!(distinct.len(), 1, "all 50 calls carry the one renewed token");

    // The same when the API refuses that token under 50 concurrent calls.
    api.refuse(distinct.iter().next().unwrap());
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.update_contact("c1", &update()).await.map(|_| ()) })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await.unwrap().unwrap();
    }
    assert_eq!(token_requests("fax-fifty").await.get("refresh_token"), Some(&2), "one refresh for 50 refused calls");
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn client_credentials_are_fetched_once_then_again_before_expiry() {
    let app = app("service").secret_in_body();
    token_lifetime("fax-service", 4).await;
    let session = app.client_credentials(["all"]);
    assert!(session.tokens().await.is_none(), "nothing is fetched before the first call");
    let (server, api) = Api::start().await;
    let client = client(&server, session);
    client.update_contact("c1", &update()).await.unwrap();
    client.update_contact("c1", &update()).await.unwrap();
    assert_eq!(token_requests("fax-service").await, BTreeMap::from([("client_credentials".into(), 1)]));
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    client.update_contact("c1", &update()).await.unwrap();
    assert_eq!(token_requests("fax-service").await, BTreeMap::from([("client_credentials".into(), 2)]));
    let seen = api.seen();
    assert_eq!((seen[0] == seen[1], seen[1] == seen[2]), (true, false), "cached, then fetched anew");
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn discovery_finds_the_endpoints() {
    let discovered = OAuth2::discover(&format!("{}/.well-known/openid-configuration", oauth_server()), "fax-discovered")
        .await
        .unwrap()
        .client_secret("s")
        .redirect_uri("http://127.0.0.1:9/callback");
    let authorization = discovered.authorize(["openid"]).unwrap();
    assert!(authorization.url().starts_with(&format!("{}/login?", oauth_server())), "{}", authorization.url());
    let (code, state) = grant(&authorization).await;
    let session = discovered.exchange(&authorization, &code, &state).await.unwrap();
    let (server, api) = Api::start().await;
    client(&server, session).update_contact("c1", &update()).await.unwrap();
    assert_eq!(api.seen().len(), 1);
    assert_eq!(token_requests("fax-discovered").await, BTreeMap::from([("authorization_code".into(), 1)]));

    let missing = OAuth2::discover(&format!("{}/no-such-document", oauth_server()), "x").await.unwrap_err();
    assert!(matches!(missing, SignInError::Malformed { .. }), "{missing:?}");
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn a_revoked_refresh_token_signs_the_session_out() {
    let saved = Arc::new(AtomicUsize::new(0));
    let counter = saved.clone();
    let app = app("revoked").token_store(move |_: &Tokens| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let session = signed_in(&app).await;
    assert_eq!(saved.load(Ordering::SeqCst), 1, "the store is handed the first tokens");
    let tokens = session.tokens().await.unwrap();
    // The user withdraws the application's access at the provider.
    let revoke = reqwest::Client::new()
        .post(format!("{}/revoke", oauth_server()))
        .json(&serde_json::json!({ "token": tokens.refresh_token().unwrap(), "token_type_hint": "refresh_token" }))
        .send()
        .await
        .unwrap();
    assert!(revoke.status().is_success());
    let (server, api) = Api::start().await;
    api.refuse(tokens.access_token());
    let client = client(&server, session.clone());
    let failed = client.update_contact("c1", &update()).await.unwrap_err();
    assert!(
        matches!(&failed, Error::SignIn(SignInError::Refused { code, .. }) if code == "invalid_grant"),
        "the refresh's own error, naming the token endpoint's answer: {failed:?}"
    );
    assert!(failed.to_string().contains("invalid_grant"), "{failed}");
    // Signed out: later calls fail at once, with no more token requests.
    let later = client.update_contact("c1", &update()).await.unwrap_err();
    assert!(matches!(later, Error::SignIn(SignInError::SignedOut)), "{later:?}");
    assert_eq!(token_requests("fax-revoked").await["refresh_token"], 1);
    assert_eq!(api.seen().len(), 1, "only the refused call reached the API");
    assert!(session.tokens().await.is_none());
    assert_eq!(saved.load(Ordering::SeqCst), 1);
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn a_token_endpoint_that_is_down_is_an_error_of_its_own() {
    // A port nothing listens on: bound, then closed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let app = app("down").origin(format!("http://{closed}"));
    let (server, api) = Api::start().await;
    let client = client(&server, app.client_credentials(["all"]));
    let failed = client.update_contact("c1", &update()).await.unwrap_err();
    assert!(matches!(&failed, Error::SignIn(SignInError::Unreachable { url, .. }) if url.contains(&closed.to_string())), "{failed:?}");
    assert!(api.seen().is_empty(), "nothing is sent to the API without a token");
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn a_password_session_asks_anew_when_its_refresh_token_is_revoked() {
    let session = app("password").password("jane", "her-password", ["all"]);
    let (server, api) = Api::start().await;
    let client = client(&server, session.clone());
    client.update_contact("c1", &update()).await.unwrap();
    let tokens = session.tokens().await.unwrap();
    let revoke = reqwest::Client::new()
        .post(format!("{}/revoke", oauth_server()))
        .json(&serde_json::json!({ "token": tokens.refresh_token().unwrap() }))
        .send()
        .await
        .unwrap();
    assert!(revoke.status().is_success());
    api.refuse(tokens.access_token());
    client.update_contact("c1", &update()).await.unwrap();
    let requests = token_requests("fax-password").await;
    assert_eq!(requests, BTreeMap::from([("password".into(), 2), ("refresh_token".into(), 1)]));
}

/// Needs no OAuth2 server: the token endpoint is down throughout.
#[tokio::test]
async fn while_the_token_endpoint_is_down_a_token_is_used_until_it_expires() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let app = OAuth2::new(fax_plus::OAUTH2_AUTHORIZATION_CODE_FLOW, "fax-offline").origin(format!("http://{closed}"));
    let expires_at = std::time::SystemTime::now() + Duration::from_secs(3);
    let session = app.resume(Tokens::new("kept-token", Some("kept-refresh".into())).expiring_at(expires_at));
    let (server, api) = Api::start().await;
    let client = client(&server, session);
    // Renewal is due after half the remaining 3 s; it fails, and the token is still good.
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    client.update_contact("c1", &update()).await.unwrap();
    assert_eq!(api.seen(), ["kept-token"]);
    // Once it has expired, the call fails without reaching the API.
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    let failed = client.update_contact("c1", &update()).await.unwrap_err();
    assert!(matches!(&failed, Error::SignIn(SignInError::Unreachable { .. })), "{failed:?}");
    assert_eq!(api.seen().len(), 1);
}

#[tokio::test]
#[ignore = "needs the OAuth2 server: run `cargo xtask e2e oauth`"]
async fn no_secret_shows_in_debug_or_errors() {
    let app = app("secrets");
    let session = signed_in(&app).await;
    let tokens = session.tokens().await.unwrap();
    let (server, _) = Api::start().await;
    let client = client(&server, session.clone());
    let shown = format!("{app:?} {session:?} {client:?} {tokens:?}");
    for secret in ["s3cret-value", tokens.access_token(), tokens.refresh_token().unwrap()] {
        assert!(!shown.contains(secret), "a secret shows in {shown}");
    }
}
