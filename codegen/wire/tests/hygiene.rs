//! A spec that uses every name the generated code uses itself (`tests/fixtures/hygiene.yaml`):
//! its client compiles, each parameter named after a method's local lands where the spec puts
//! it, and types named `Option`, `Result`, `From`, `Box`, `Vec`, `String`, … work as types.

use serde_json::json;
use wire_tests::Error;
use wire_tests::hygiene::{Client, errors, types, webhooks};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::with_base_url(&server.uri()).with_accept("key")
}

#[tokio::test]
async fn path_parameters_fill_their_own_segments() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/path/url-1/request-2/response-3/body-4/client-5/6/none/true/query-9/self-10/headers-11/12%2C13/a%2Fb"))
        .and(header("x-accept-key", "key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": "fine"})))
        .expect(1)
        .mount(&server)
        .await;
    let answer = client(&server)
        .r#type(
            "url-1",
            "request-2",
            "response-3",
            "body-4",
            "client-5",
            6,
            &types::Option::None,
            true,
            "query-9",
            "self-10",
            "headers-11",
            &[12, 13],
            "a/b",
        )
        .await
        .unwrap();
    assert_eq!(answer.into_inner(), types::Result::Ok(types::Ok { value: "fine".into() }));
}

#[tokio::test]
async fn error_answers_decode_into_types_named_error_and_string() {
    let server = MockServer::start().await;
    Mock::given(path("/path/a/b/c/d/e/1/some/false/f/g/h/2/i"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "gone"})))
        .mount(&server)
        .await;
    Mock::given(path("/path/a/b/c/d/e/1/some/false/f/g/h/3/i"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .mount(&server)
        .await;
    let client = client(&server);
    let call = |item: &'static [i64]| client.r#type("a", "b", "c", "d", "e", 1, &types::Option::Some, false, "f", "g", "h", item, "i");
    let Err(Error::Api(not_found)) = call(&[2]).await else { panic!("404 is documented") };
    assert_eq!(not_found.into_inner(), errors::TypeError::NotFound(types::Error { message: "gone".into() }));
    let Err(Error::Api(failed)) = call(&[3]).await else { panic!("500 is documented") };
    assert_eq!(failed.into_inner(), errors::TypeError::InternalServerError("down".into()));
}

#[tokio::test]
async fn query_parameters_become_their_own_pairs() {
    let server = MockServer::start().await;
    let expected = "url=url-1&request=request-2&response=response-3&body=body-4&client=client-5&value=6%2C7\
                    &form=some&result=false&query%5Bid%5D=query-9&self=10&headers=headers-11&item=some&item=other\
                    &encode_path=a%2Fb&core=core-14&send=send-15&stream=stream-16";
    Mock::given(method("GET"))
        .and(path("/query"))
        .and(move |r: &Request| r.url.query() == Some(expected))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let query = types::Client { id: Some("query-9".into()) };
    let items = [types::Option::Some, types::Option::from("other".to_owned())];
    client(&server)
        .self_("url-1", "request-2")
        .response_("response-3")
        .body_("body-4")
        .client("client-5")
        .value_([6, 7])
        .form_(types::Option::Some)
        .result(false)
        .query(query)
        .self_(10)
        .headers("headers-11")
        .item_(items)
        .encode_path("a/b")
        .core_("core-14")
        .send_("send-15")
        .stream_("stream-16")
        .await
        .unwrap();
}

#[tokio::test]
async fn header_parameters_become_their_own_headers() {
    let server = MockServer::start().await;
    let sent = [
        ("url", "url-1"),
        ("request", "request-2"),
        ("response", "response-3"),
        ("body", "body-4"),
        ("client", "client-5"),
        ("value", "6"),
        ("form", "none"),
        ("result", "true"),
        ("query", "query-9"),
        ("self", "self-10"),
        ("headers", "headers-11"),
        ("item", "a,b"),
        ("encode_path", "e"),
    ];
    Mock::given(method("GET"))
        .and(path("/header"))
        .and(move |r: &Request| sent.iter().all(|(name, value)| r.headers.get(*name).is_some_and(|v| v == value)))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .r#fn("url-1", "request-2")
        .response_("response-3")
        .body_("body-4")
        .client("client-5")
        .value_(6)
        .form_(types::Option::None)
        .result(true)
        .query("query-9")
        .self_("self-10")
        .headers("headers-11")
        .item_(["a".to_owned(), "b".to_owned()])
        .encode_path("e")
        .await
        .unwrap();
}

#[tokio::test]
async fn cookie_parameters_become_their_own_cookies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/cookie"))
        .and(|r: &Request| {
            let mut cookies: Vec<&str> = r.headers.get_all("cookie").iter().filter_map(|v| v.to_str().ok()).collect();
            cookies.sort_unstable();
            cookies
                == [
                    "body=body-4",
                    "client=client-5",
                    "encode_path=e",
                    "form=form-7",
                    "headers=headers-11",
                    "item=item-12",
                    "query=query-9",
                    "request=request-2",
                    "response=response-3",
                    "result=result-8",
                    "self=self-10",
                    "url=url-1",
                    "value=6",
                ]
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .new_("url-1")
        .request_("request-2")
        .response_("response-3")
        .body_("body-4")
        .client("client-5")
        .value_(6)
        .form_("form-7")
        .result("result-8")
        .query("query-9")
        .self_("self-10")
        .headers("headers-11")
        .item_("item-12")
        .encode_path("e")
        .await
        .unwrap();
}

/// A `From` holding a value of every other type.
fn everything() -> types::From {
    types::From {
        option: Some(types::Option::Some),
        result: Some(types::Result::Err(types::Err { code: 7, message: None })),
        some: Some(types::Some::default()),
        none: Some(types::None { nothing: None }),
        r#box: Some(types::Box {
            inner: Some(Box::new(types::Box { inner: None, label: Some("in".into()) })),
            label: None,
        }),
        vec: Some(vec![types::String { text: "t".into() }]),
        string: Some(types::String { text: "s".into() }),
        default: Some(types::Default::Clone(types::Clone { kind: "clone".into(), deep: Some(true) })),
        serialize: Some(3),
        deserialize: None,
        error: Some(types::Error { message: "m".into() }),
        client: Some(types::Client::default()),
        response_value: Some(types::ResponseValue { status: Some(200) }),
        serde: Some(true),
        std: Some(types::Std { io: None }),
        core: Some(types::Core::default()),
        crate_: Some(types::Crate::default()),
        types: Some(types::Types::default()),
        errors: Some(types::Errors::default()),
        super_: Some(types::Super::default()),
        self_: Some(types::SelfValue { me: Some("me".into()) }),
        traits: Some(types::Eq { copy: None, partial_eq: Some(types::PartialEq::default()), hash: None }),
        d_or_s: Some(types::DOrS::S(types::S { s: 1 })),
        oks: Some(vec![types::Ok { value: "v".into() }]),
        errs: None,
        text: None,
        additional_properties: [("extra".to_owned(), "kept".to_owned())].into(),
    }
}

#[tokio::test]
async fn a_body_and_parameters_named_body_form_and_value_go_apart() {
    let server = MockServer::start().await;
    let wire = json!({
        "option": "some",
        "result": {"code": 7},
        "some": "some",
        "none": {"nothing": null},
        "box": {"inner": {"label": "in"}},
        "vec": [{"text": "t"}],
        "string": {"text": "s"},
        "default": {"kind": "clone", "deep": true},
        "serialize": 3,
        "error": {"message": "m"},
        "client": {},
        "response_value": {"status": 200},
        "serde": true,
        "std": {},
        "core": {},
        "crate": {},
        "types": {},
        "errors": {},
        "super": {},
        "self": {"me": "me"},
        "traits": {"partial_eq": {}},
        "d_or_s": {"s": 1},
        "oks": [{"value": "v"}],
        "extra": "kept",
    });
    Mock::given(method("POST"))
        .and(path("/body/body%2F1"))
        .and(query_param("form", "form-2"))
        .and(header("value", "value-3"))
        .and(body_json(&wire))
        .respond_with(ResponseTemplate::new(200).set_body_json(&wire))
        .expect(1)
        .mount(&server)
        .await;
    let body = everything();
    let echoed = client(&server).crate_("body/1", &body).form_("form-2").value_("value-3").await.unwrap();
    assert_eq!(echoed.into_inner(), everything());
}

#[tokio::test]
async fn a_multipart_body_and_parameters_named_form_and_body_go_apart() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/upload"))
        .and(|r: &Request| r.url.query() == Some("form=form-1&body=body-2"))
        .and(|r: &Request| {
            let body = String::from_utf8_lossy(&r.body);
            body.contains("name=\"value\"\r\n\r\nvalue-3\r\n")
                && body.contains("name=\"form\"\r\n\r\nform-4\r\n")
                && body.contains("name=\"body\"; filename=\"body\"")
                && body.contains("\r\n\r\nbytes-5\r\n")
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"kind": "debug", "verbose": true})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::CloneBody {
        value: "value-3".into(),
        form: Some("form-4".into()),
        body: Some(b"bytes-5".to_vec().into()),
    };
    let answer = client(&server).clone_().form_("form-1").body_("body-2").body(body).await.unwrap();
    assert_eq!(answer.into_inner(), types::Default::Debug(types::Debug { kind: "debug".into(), verbose: Some(true) }));
}

#[test]
fn fields_named_like_the_decoder_s_locals_decode() {
    let json = json!({"members": 1, "map": {"members": 2, "members_": "x", "more": 3}, "additional_properties": true, "extra": 4});
    let a: types::A = serde_json::from_value(json.clone()).unwrap();
    assert_eq!((a.members, a.additional_properties, a.additional_properties_.get("extra")), (1, Some(true), Some(&4)));
    let inner = a.map.as_deref().expect("map");
    assert_eq!((inner.members, inner.members_2.as_deref(), inner.additional_properties_.get("more")), (2, Some("x"), Some(&3)));
    assert_eq!(serde_json::to_value(&a).unwrap(), json);
    let missing = serde_json::from_value::<types::A>(json!({"map": {"members": 2}})).unwrap_err();
    assert!(missing.to_string().contains("missing field `members`"), "{missing}");
}

#[test]
fn types_named_after_std_items_behave_as_their_schemas_say() {
    // `Option` is an open enum: an unlisted value is kept.
    let other: types::Option = serde_json::from_value(json!("maybe")).unwrap();
    assert_eq!(other, types::Option::Unknown("maybe".into()));
    assert_eq!(other.to_string(), "maybe");
    // `Some` is a closed enum of one value: its default, and nothing else decodes.
    assert_eq!(serde_json::to_value(types::Some::default()).unwrap(), json!("some"));
    assert!(serde_json::from_value::<types::Some>(json!("none")).is_err());
    // `Result` tries `Ok`, then `Err`; `DOrS` tries `D`, then `S`.
    assert_eq!(
        serde_json::from_value::<types::Result>(json!({"code": 1})).unwrap(),
        types::Result::Err(types::Err { code: 1, message: None })
    );
    assert_eq!(serde_json::from_value::<types::DOrS>(json!({"d": "x"})).unwrap(), types::DOrS::D(types::D { d: "x".into() }));
    // Read from answers, it keeps an alternative it does not know, and sends it back as it came.
    let unknown = serde_json::from_value::<types::DOrS>(json!({"e": 1})).unwrap();
    assert_eq!(unknown, types::DOrS::Unknown(json!({"e": 1})));
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!({"e": 1}));
    // `Default` picks its variant by `kind`.
    let picked: types::Default = serde_json::from_value(json!({"kind": "clone"})).unwrap();
    assert_eq!(picked, types::Default::Clone(types::Clone { kind: "clone".into(), deep: None }));
    // `None` has a required nullable field: `null` is sent for it.
    assert_eq!(serde_json::to_value(types::None { nothing: None }).unwrap(), json!({"nothing": null}));
    // Webhook payloads named `String`, `Vec` and `Option` are the types they say.
    let payload: webhooks::Vec = serde_json::from_value(json!(["a"])).unwrap();
    let text: webhooks::String = payload[0].clone();
    let option: webhooks::Option = types::Option::None;
    assert_eq!((text.as_str(), option.as_str()), ("a", "none"));
}

#[test]
fn the_client_keeps_its_own_methods() {
    // The operations `new` and `clone` became `new_` and `clone_`: these are the client's own.
    let client = Client::new().with_accept("key");
    let copy = client.clone();
    assert_eq!(copy.base_url(), wire_tests::hygiene::HYGIENE_EXAMPLE_COM_SERVER);
}

/// Two names longer than 255 characters that differ only at their ends.
fn long_name(ending: &str) -> String {
    format!("{}ending_{ending}", "a_property_name_longer_than_file_systems_allow_for_a_file_name_".repeat(4))
}

#[tokio::test]
async fn odd_parameter_names_keep_their_wire_names() {
    let server = MockServer::start().await;
    let expected = format!(
        "files%5B0%5D=a&files%5B1%5D=b&%24ref=c&%40type=d&%2B1=1&-1=2&foo-bar=e&fooBar=f&{}=g&{}=h",
        long_name("one"),
        long_name("two")
    );
    Mock::given(method("GET"))
        .and(path("/odd"))
        .and(move |r: &Request| r.url.query() == Some(expected.as_str()))
        .and(header("x-rate-limit", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"$ref": "r", "@type": "at", "type": "t", "": "empty", "日本": "jp"})))
        .expect(1)
        .mount(&server)
        .await;
    let names = client(&server)
        .with_type_()
        .files_0("a")
        .files_1("b")
        .r#ref("c")
        .r#type("d")
        .plus_1(1)
        .minus_1(2)
        .foo_bar("e")
        .foo_bar_2("f")
        // Longer than 255 characters in the spec, cut to 128 with a hash of the whole name.
        .a_property_name_longer_than_file_systems_allow_for_a_file_name_a_property_name_longer_than_file_systems_allow_for_a_fil_4d83fe85(
            "g",
        )
        .a_property_name_longer_than_file_systems_allow_for_a_file_name_a_property_name_longer_than_file_systems_allow_for_a_fil_824bd98f(
            "h",
        )
        .x_rate_limit(5)
        .await
        .unwrap()
        .into_inner();
    assert_eq!((names.r#ref.as_deref(), names.r#type.as_deref(), names.type_2.as_deref()), (Some("r"), Some("at"), Some("t")));
    assert_eq!((names.value.as_deref(), names.value_2.as_deref()), (Some("empty"), Some("jp")));
    // The scheme `type` keeps its setter, `with_type`; the operation `withType` became `with_type_`.
    let _ = Client::new().with_type("token");
}
