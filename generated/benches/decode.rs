//! Decoding a large JSON answer through the generated types, beside the same structs with
//! serde's derived `Deserialize`: `cargo bench -p generated --bench decode`. The generated types
//! decode straight from the deserializer, so they should cost about what the derive costs.
//!
//! Two payloads: a list of Clemta `ContactUpdateResponse`s, three levels deep (response →
//! contact → billing), of about 13 MB, every field optional; and a list of
//! `UpdateContactRequest`s, whose fields are mostly required, two levels deep, of about 10 MB.

use criterion::{Criterion, criterion_group, criterion_main};
use generated::clemta::types;

/// The generated types' shape, with derived decoding.
#[expect(dead_code, reason = "decoded only, to time the decoding")]
mod derived {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct UpdateContactRequest {
        pub r#type: ContactType,
        pub status: Option<String>,
        pub full_name: String,
        pub email: String,
        pub description: Option<String>,
        pub cc_emails: Option<Vec<String>>,
        pub bcc_emails: Option<Vec<String>>,
        pub billing: Option<ContactBilling>,
        pub company_id: String,
    }

    #[derive(Deserialize)]
    pub struct ContactUpdateResponse {
        pub success: Option<bool>,
        pub message: Option<String>,
        pub data: Option<ContactResponse>,
    }

    #[derive(Deserialize)]
    pub struct ContactResponse {
        pub id: Option<String>,
        pub created_at: Option<i64>,
        pub updated_at: Option<i64>,
        pub r#type: Option<ContactType>,
        pub status: Option<String>,
        pub full_name: Option<String>,
        pub email: Option<String>,
        pub description: Option<String>,
        pub cc_emails: Option<Vec<String>>,
        pub bcc_emails: Option<Vec<String>>,
        pub billing: Option<ContactBilling>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum ContactType {
        Customer,
        Vendor,
        // The fastest catch-all serde offers (the generated one keeps the value).
        #[serde(other)]
        Unknown,
    }

    #[derive(Deserialize)]
    pub struct ContactBilling {
        pub email: Option<String>,
        pub phone: Option<String>,
        pub phone_code: Option<String>,
        pub iso_code: Option<String>,
        pub country: Option<String>,
        pub address_1: Option<String>,
        pub address_2: Option<String>,
        pub postal_code: Option<String>,
        pub district: Option<String>,
        pub state: Option<String>,
        pub province: Option<String>,
        pub tax_id: Option<String>,
    }
}

fn answer(i: usize) -> types::ContactUpdateResponse {
    let text = |s: &str| Some(format!("{s} {i}"));
    types::ContactUpdateResponse {
        success: Some(true),
        message: Some("Contact updated successfully".to_owned()),
        data: Some(types::ContactResponse {
            id: text("64b8f1a2e4b0c8d9f0123456"),
            created_at: Some(1_686_787_200 + i as i64),
            updated_at: Some(1_686_787_300 + i as i64),
            r#type: Some(if i % 2 == 0 { types::ContactType::Customer } else { types::ContactType::Vendor }),
            status: Some("active".to_owned()),
            full_name: text("John Doe"),
            email: Some(format!("john.doe.{i}@example.com")),
            description: text("A customer since the spring"),
            cc_emails: Some(vec!["billing@example.com".to_owned(), format!("cc{i}@example.com")]),
            bcc_emails: Some(vec![]),
            billing: Some(types::ContactBilling {
                email: Some(format!("billing.{i}@example.com")),
                phone: text("+1 555 0100"),
                phone_code: Some("+1".to_owned()),
                iso_code: Some("US".to_owned()),
                country: Some("United States".to_owned()),
                address_1: text("456 Updated St"),
                address_2: None,
                postal_code: Some("10001".to_owned()),
                district: None,
                state: Some("NY".to_owned()),
                province: None,
                tax_id: text("TAX"),
            }),
        }),
    }
}

fn request(i: usize) -> types::UpdateContactRequest {
    let contact = answer(i).data.expect("a contact");
    types::UpdateContactRequest {
        r#type: contact.r#type.expect("a type"),
        status: contact.status,
        full_name: contact.full_name.expect("a name"),
        email: contact.email.expect("an email"),
        description: contact.description,
        cc_emails: contact.cc_emails,
        bcc_emails: contact.bcc_emails,
        billing: contact.billing,
        company_id: format!("company {i}"),
    }
}

/// Times decoding `list`, encoded, as `Vec<Generated>` and as `Vec<Derived>`, in the group
/// `name` (suffixed with the payload's size).
fn compare<Generated, Derived>(c: &mut Criterion, name: &str, list: &[Generated])
where
    Generated: serde::Serialize + serde::de::DeserializeOwned,
    Derived: serde::de::DeserializeOwned,
{
    let json = serde_json::to_vec(list).expect("encoded");
    assert!(json.len() > 10_000_000, "{} bytes", json.len());
    let mut group = c.benchmark_group(format!("{name}_{}_mb", json.len() / 1_000_000));
    group.sample_size(20);
    group.bench_function("generated", |b| b.iter(|| serde_json::from_slice::<Vec<Generated>>(&json).expect("decoded")));
    group.bench_function("derived", |b| b.iter(|| serde_json::from_slice::<Vec<Derived>>(&json).expect("decoded")));
    group.finish();
}

fn decode(c: &mut Criterion) {
    let answers: Vec<_> = (0..20_000).map(answer).collect();
    compare::<_, derived::ContactUpdateResponse>(c, "decode", &answers);
    let requests: Vec<_> = (0..22_000).map(request).collect();
    compare::<_, derived::UpdateContactRequest>(c, "decode_required", &requests);
}

criterion_group!(benches, decode);
criterion_main!(benches);
