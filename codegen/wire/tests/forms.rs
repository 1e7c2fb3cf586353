//! Form bodies as the spec's `encoding` says, byte for byte: Stripe's nested `deepObject`
//! members, Twilio's repeated keys, each style, and multipart parts with their media types.

use std::collections::BTreeMap;

use wire_tests::form_styles::{Client, types};
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test]
async fn stripe_shaped_forms_nest_with_brackets() {
    let server = MockServer::start().await;
    // What Stripe's SDKs send (stripe-node's `qs` with `arrayFormat: 'indices'`, brackets left
    // unescaped, a space as `%20`), members in the spec's order.
    let expected = "email=jenny%40example.com&metadata[order_id]=6735&metadata[tier]=gold\
                    &expand[0]=default_source&expand[1]=invoice_settings.default_payment_method\
                    &address[city]=Paris&address[line1]=1%20rue%20de%20Rivoli\
                    &items[0][price]=price_1&items[0][quantity]=2&items[1][price]=price_2";
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(header("idempotency-key", "key-1"))
        .and(body_string(expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "cus_1", "object": "customer", "email": null})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::PostCustomersBody {
        email: Some("jenny@example.com".into()),
        metadata: Some(BTreeMap::from([("order_id".into(), "6735".into()), ("tier".into(), "gold".into())])),
        expand: Some(vec!["default_source".into(), "invoice_settings.default_payment_method".into()]),
        address: Some(types::PostCustomersBodyAddress {
            city: Some("Paris".into()),
            line1: Some("1 rue de Rivoli".into()),
            ..Default::default()
        }),
        items: Some(vec![
            types::PostCustomersBodyItemsItem { price: "price_1".into(), quantity: Some(2) },
            types::PostCustomersBodyItemsItem { price: "price_2".into(), quantity: None },
        ]),
        ..Default::default()
    };
    let customer = Client::with_base_url(&server.uri()).post_customers(&body).idempotency_key("key-1").await.unwrap();
    assert_eq!(customer.id, "cus_1");
}

#[tokio::test]
async fn arrays_without_an_encoding_repeat_their_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/Calls.json"))
        .and(body_string("To=%2B15551234&From=%2B15556789&StatusCallbackEvent=initiated&StatusCallbackEvent=completed"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"sid": "CA1"})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::CreateCallBody {
        to: "+15551234".into(),
        from: "+15556789".into(),
        status_callback_event: Some(vec![
            types::CreateCallBodyStatusCallbackEventItem::Initiated,
            types::CreateCallBodyStatusCallbackEventItem::Completed,
        ]),
    };
    let call = Client::with_base_url(&server.uri()).create_call(&body).await.unwrap();
    assert_eq!(call.sid.as_deref(), Some("CA1"));
}

#[tokio::test]
async fn each_style_of_the_encoding_object() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/styles"))
        .and(body_string("joined=1%2C2&spaced=a%20b%20c&piped=a%7Cb&exploded=x&exploded=y"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::PostStylesBody {
        joined: Some(vec![1, 2]),
        spaced: Some(vec!["a b".into(), "c".into()]),
        piped: Some(vec!["a".into(), "b".into()]),
        exploded: Some(vec!["x".into(), "y".into()]),
    };
    Client::with_base_url(&server.uri()).post_styles(&body).await.unwrap();
}

#[tokio::test]
async fn multipart_parts_carry_their_media_types() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/multipart"))
        .and(|r: &Request| {
            let body = String::from_utf8_lossy(&r.body);
            let part = |name: &str, content_type: Option<&str>, value: &str| {
                let head = match content_type {
                    Some(t) => format!("name=\"{name}\"\r\nContent-Type: {t}\r\n\r\n{value}\r\n"),
                    None => format!("name=\"{name}\"\r\n\r\n{value}\r\n"),
                };
                body.contains(&head)
            };
            body.contains("name=\"picture\"; filename=\"picture\"\r\nContent-Type: image/png\r\n\r\n\u{1}png\r\n")
                && part("note", Some("text/markdown"), "*hi*")
                && part("tags", None, "a")
                && part("tags", None, "b")
                && part("meta", Some("application/json"), r#"{"width":3,"label":"x"}"#)
                && part("ids", None, "7")
                && part("ids", None, "8")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::PostMultipartBody {
        picture: b"\x01png".to_vec().into(),
        note: Some("*hi*".into()),
        tags: Some(vec!["a".into(), "b".into()]),
        meta: Some(types::PostMultipartBodyMeta { width: Some(3), label: Some("x".into()) }),
        ids: Some(vec![7, 8]),
    };
    Client::with_base_url(&server.uri()).post_multipart(body).await.unwrap();
}

#[tokio::test]
async fn an_operation_without_responses_reads_any_json_success() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/undocumented"))
        .and(query_param("quux", "3"))
        .and(query_param("foo", "f"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"any": ["thing"]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/undocumented"))
        .and(query_param("quux", "4"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/undocumented"))
        .and(query_param("quux", "5"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    // Placeholder names (clippy's `disallowed_names`) are renamed: `foo` is `foo_`.
    let answer = client.get_undocumented(3).foo_("f").await.unwrap();
    assert_eq!(answer.into_inner(), Some(serde_json::json!({"any": ["thing"]})));
    assert_eq!(client.get_undocumented(4).await.unwrap().into_inner(), None);
    let error = client.get_undocumented(5).await.unwrap_err();
    assert!(matches!(error, wire_tests::Error::UnexpectedStatus(_)), "{error:?}");
}

#[tokio::test]
async fn stripe_shaped_updates_nest_objects_and_arrays() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers/cus_1"))
        .and(body_string("email=a%40b.c&metadata[k]=v&expand[0]=sources&address[city]=Paris"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "cus_1"})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::PostCustomersCustomerBody {
        email: "a@b.c".into(),
        metadata: Some(BTreeMap::from([("k".into(), "v".into())])),
        expand: Some(vec!["sources".into()]),
        address: Some(types::PostCustomersCustomerBodyAddress { city: Some("Paris".into()), line1: None }),
    };
    let customer = Client::with_base_url(&server.uri()).post_customers_customer("cus_1", &body).await.unwrap();
    assert_eq!(customer.id, "cus_1");
}
