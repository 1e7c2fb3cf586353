//! The README's example, compiled by `cargo test` so it cannot rot. Run it against the real APIs
//! with `cargo run -p generated --example quickstart -- --run` (it needs real credentials).

use generated::{Error, clemta, fax_plus};

async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    // Fax.Plus: a bearer token (personal access token or OAuth2 access token) and the
    // `x-fax-clientid` header that its docs ask for on every request.
    let fax = fax_plus::Client::new() // https://restapi.fax.plus/v3
        .with_personal_access_token("YOUR_PAT")
        .with_default_header("x-fax-clientid", "YOUR_CLIENT_ID")?;
    let update = fax_plus::types::ContactUpdate {
        name: Some("Jane Smith".into()),
        company: Some("Updated Corp".into()),
        ..Default::default()
    };
    let contact = fax.update_contact("contact_123", &update).await?;
    println!("{} {:?}", contact.status(), contact.name); // derefs to `types::Contact`

    // Clemta: an API key in `X-API-Key`, production or sandbox.
    let clemta = clemta::Client::with_base_url(clemta::SANDBOX_SERVER).with_api_key_auth("KEY");
    let body = clemta::types::UpdateContactRequest {
        r#type: clemta::types::ContactType::Customer,
        full_name: "John Doe".into(),
        email: "john@example.com".into(),
        company_id: "64b8f1a2e4b0c8d9f0123456".into(),
        status: None,
        description: None,
        cc_emails: None,
        bcc_emails: None,
        billing: None,
    };
    match clemta.update_contact("64b8f1a2e4b0c8d9f0123456", &body).await {
        Ok(updated) => println!("{:?}", updated.into_inner().data),
        Err(Error::Api(answer)) => match answer.into_inner() {
            clemta::errors::UpdateContactError::NotFound(e) => println!("no such contact: {:?}", e.error),
            other => println!("documented error: {other:?}"),
        },
        Err(other) => println!("status {:?}: {other}", other.status()),
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--run") {
        if let Err(e) = demo().await {
            eprintln!("{e}");
        }
    }
}
