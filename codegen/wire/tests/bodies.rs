//! Request bodies in every encoding, and answers that are not JSON or have no body.

use wire_tests::{Error, binary_and_text, form_body, multipart_body, response_statuses};
use wiremock::matchers::{body_bytes, body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test]
async fn form_bodies_are_url_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/form"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("To=%2B15551234&Body=hi%20there&Count=2"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"sid": "SM1"})))
        .expect(1)
        .mount(&server)
        .await;
    let body = form_body::types::PostFormBody { to: "+15551234".into(), body: Some("hi there".into()), count: Some(2) };
    let created = form_body::Client::with_base_url(&server.uri()).post_form(&body).await.unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.sid.as_deref(), Some("SM1"));
}

#[tokio::test]
async fn multipart_bodies_send_a_part_per_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/upload"))
        .and(|r: &Request| {
            let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
            let body = String::from_utf8_lossy(&r.body);
            content_type.starts_with("multipart/form-data; boundary=")
                && body.contains("name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01binary\r\n")
                && body.contains("name=\"comment\"\r\n\r\nfirst try\r\n")
                // An array of scalars is a part per item, as FastAPI's `List[str] = Form()` reads it.
                && body.contains("name=\"tags\"\r\n\r\na\r\n")
                && body.contains("name=\"tags\"\r\n\r\nb\r\n")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = multipart_body::types::UploadBody {
        file: b"\x00\x01binary".to_vec().into(),
        comment: Some("first try".into()),
        tags: Some(vec!["a".into(), "b".into()]),
    };
    multipart_body::Client::with_base_url(&server.uri()).upload(body).await.unwrap();
}

/// OpenAI's `image: anyOf [binary, array of binary]`: a list of uploads, a file part each.
#[tokio::test]
async fn one_file_or_several_go_as_a_part_each() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/images/edits"))
        .and(|r: &Request| {
            let body = String::from_utf8_lossy(&r.body);
            body.matches("name=\"image\"; filename=\"image\"\r\nContent-Type: application/octet-stream\r\n\r\n").count() == 2
                && body.contains("\r\n\r\nfirst.png\r\n")
                && body.contains("\r\n\r\nsecond.png\r\n")
                && body.contains("name=\"prompt\"\r\n\r\nA hat\r\n")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = multipart_body::types::EditImagesBody {
        image: vec![b"first.png".to_vec().into(), b"second.png".to_vec().into()],
        prompt: "A hat".into(),
    };
    multipart_body::Client::with_base_url(&server.uri()).edit_images(body).await.unwrap();

    // The same where JSON is offered first: the files decide for multipart.
    Mock::given(method("POST"))
        .and(path("/skills"))
        .and(|r: &Request| {
            let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
            content_type.starts_with("multipart/form-data; boundary=")
                && String::from_utf8_lossy(&r.body)
                    .contains("name=\"files\"; filename=\"files\"\r\nContent-Type: application/octet-stream\r\n\r\nskill.zip\r\n")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let skill = multipart_body::types::SkillUpload { files: vec![b"skill.zip".to_vec().into()] };
    multipart_body::Client::with_base_url(&server.uri()).create_skill(skill).await.unwrap();
}

#[tokio::test]
async fn binary_bodies_go_and_come_back_as_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/raw"))
        .and(header("content-type", "application/octet-stream"))
        .and(header("accept", "application/octet-stream"))
        .and(body_bytes(vec![0u8, 159, 146, 150]))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![1u8, 2, 3]))
        .expect(1)
        .mount(&server)
        .await;
    let echoed = binary_and_text::Client::with_base_url(&server.uri()).put_raw(vec![0, 159, 146, 150]).await.unwrap();
    assert_eq!(echoed.into_inner().bytes().await.unwrap().as_ref(), [1, 2, 3]);
}

#[tokio::test]
async fn text_bodies_and_text_answers() {
    let server = MockServer::start().await;
    Mock::given(path("/markdown"))
        .and(header("content-type", "text/plain"))
        .and(body_string("# Hi"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<h1>Hi</h1>"))
        .mount(&server)
        .await;
    Mock::given(path("/markdown"))
        .and(body_string("bad"))
        .respond_with(ResponseTemplate::new(422).set_body_string("no heading"))
        .mount(&server)
        .await;
    let client = binary_and_text::Client::with_base_url(&server.uri());
    assert_eq!(client.render_markdown().body("# Hi").await.unwrap().into_inner(), "<h1>Hi</h1>");
    let err = client.render_markdown().body("bad").await.unwrap_err();
    let Error::Api(answer) = err else { panic!("{err:?}") };
    assert_eq!(answer.into_inner(), binary_and_text::errors::RenderMarkdownError::UnprocessableEntity("no heading".into()));
}

#[tokio::test]
async fn a_success_without_body_is_none() {
    let server = MockServer::start().await;
    Mock::given(path("/maybe")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let answer = response_statuses::Client::with_base_url(&server.uri()).maybe().await.unwrap();
    assert_eq!((answer.status().as_u16(), answer.into_inner()), (204, None));

    let server = MockServer::start().await;
    Mock::given(path("/maybe")).respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"v": "x"}))).mount(&server).await;
    let answer = response_statuses::Client::with_base_url(&server.uri()).maybe().await.unwrap();
    assert_eq!(answer.into_inner(), Some(response_statuses::types::MaybeResponse { v: Some("x".into()) }));
}

#[tokio::test]
async fn default_answers_are_success_when_nothing_else_is() {
    let server = MockServer::start().await;
    Mock::given(path("/fallback"))
        .respond_with(ResponseTemplate::new(202).set_body_json(serde_json::json!({"ok": true})))
        .mount(&server)
        .await;
    let answer = response_statuses::Client::with_base_url(&server.uri()).only_default().await.unwrap();
    assert_eq!(answer.ok, Some(true));

    let server = MockServer::start().await;
    Mock::given(path("/fallback"))
        .respond_with(ResponseTemplate::new(409).set_body_json(serde_json::json!({"ok": false})))
        .mount(&server)
        .await;
    let err = response_statuses::Client::with_base_url(&server.uri()).only_default().await.unwrap_err();
    let Error::Api(answer) = err else { panic!("{err:?}") };
    assert_eq!(answer.status(), 409);
    assert!(matches!(answer.into_inner(), response_statuses::errors::OnlyDefaultError::Default(body) if body.ok == Some(false)));
}

#[tokio::test]
async fn status_ranges_match_every_code_in_them() {
    let server = MockServer::start().await;
    Mock::given(path("/ranges")).respond_with(ResponseTemplate::new(206).set_body_json(["a"])).mount(&server).await;
    let answer = response_statuses::Client::with_base_url(&server.uri()).ranges().await.unwrap();
    assert_eq!((answer.status().as_u16(), answer.into_inner()), (206, vec!["a".to_owned()]));

    let server = MockServer::start().await;
    Mock::given(path("/ranges"))
        .respond_with(ResponseTemplate::new(503).set_body_json(serde_json::json!({"error": "down"})))
        .mount(&server)
        .await;
    let err = response_statuses::Client::with_base_url(&server.uri()).ranges().await.unwrap_err();
    let Error::Api(answer) = err else { panic!("{err:?}") };
    assert!(matches!(answer.into_inner(), response_statuses::errors::RangesError::ServerError(e) if e.error.as_deref() == Some("down")));
}

/// A member that `required` names but no property declares is a field of its own, so a valid
/// request can be sent at all; it is optional, so an answer without it still decodes.
#[tokio::test]
async fn required_members_without_a_property_are_sent() {
    use wire_tests::undeclared_required::{Client, types::PutWebhookBody};
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/webhooks/w1"))
        .and(body_string(r#"{"endpoint":"https://example.com/hook","team_id":"t1"}"#))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = PutWebhookBody {
        endpoint: "https://example.com/hook".into(),
        team_id: Some(serde_json::json!("t1")),
    };
    Client::with_base_url(&server.uri()).put_webhook("w1", &body).await.unwrap();
    let answer: PutWebhookBody = serde_json::from_str(r#"{"endpoint": "e"}"#).unwrap();
    assert_eq!(answer.team_id, None);
}

/// A read-only member is not invented for a request, and a write-only one is not demanded of an
/// answer: the request goes without `id`, the answer decodes without `password`.
#[tokio::test]
async fn read_only_and_write_only_members_are_optional() {
    use wire_tests::read_write_only::{Client, types::User};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .and(body_string(r#"{"name":"ann","password":"s3cret"}"#))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "u1", "name": "ann"})))
        .expect(1)
        .mount(&server)
        .await;
    let user = User { id: None, name: "ann".into(), password: Some("s3cret".into()) };
    let created = Client::with_base_url(&server.uri()).create_user(&user).await.unwrap().into_inner();
    assert_eq!((created.id.as_deref(), created.password), (Some("u1"), None));
}

/// A body offered as JSON and as multipart, with a file in it, goes as multipart: JSON cannot
/// carry the file.
#[tokio::test]
async fn a_file_goes_as_multipart_where_json_is_offered_too() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/files"))
        .and(|r: &Request| {
            let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
            content_type.starts_with("multipart/form-data; boundary=") && String::from_utf8_lossy(&r.body).contains("\r\n\r\n%PDF\r\n")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = multipart_body::types::FileUpload { file: b"%PDF".to_vec().into(), purpose: Some("assistants".into()) };
    multipart_body::Client::with_base_url(&server.uri()).upload_file(body).await.unwrap();
}
