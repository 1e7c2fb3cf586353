//! Which operations page and how (`lower/pagination.rs`), read off the model of
//! `fixtures/pagination.yaml` and of small specs written here.

use codegen::model::{Api, LastId, PageStyle, Pagination, ParamId, TypeRef};
use codegen::{SpecFile, load_model};

fn fixture() -> Api {
    let text = include_str!("fixtures/pagination.yaml");
    load_model(SpecFile::new("tests/fixtures/pagination.yaml", text)).unwrap_or_else(|e| panic!("{e}"))
}

fn paging<'a>(api: &'a Api, method: &str) -> Option<&'a Pagination> {
    let op = api.operations.iter().find(|op| op.method_name == method).unwrap_or_else(|| panic!("no {method}"));
    op.pagination.as_ref()
}

/// The style in brief: the parameter's wire name, and the answer fields involved.
fn brief(api: &Api, method: &str) -> Option<String> {
    let op = api.operations.iter().find(|op| op.method_name == method)?;
    let p = op.pagination.as_ref()?;
    let items = p.items.as_ref().map_or_else(|| "<answer>".to_owned(), |f| f.dotted());
    let param = |i: &ParamId| op.params[*i].wire_name.clone();
    Some(match &p.style {
        PageStyle::Cursor { param: i, next, reset } => {
            let reset: Vec<String> = reset.iter().map(param).collect();
            format!("cursor {} <- {} reset [{}]; items {items}", param(i), next.dotted(), reset.join(","))
        }
        PageStyle::AfterLast { param: i, has_more, last } => {
            let more = has_more.as_ref().map_or_else(|| "-".to_owned(), |f| f.dotted());
            let last = match last {
                LastId::Item(f) => format!("item.{}", f.dotted()),
                LastId::Answer(f) => f.dotted(),
            };
            format!("after-last {} <- {last} while {more}; items {items}", param(i))
        }
        PageStyle::PageNumber { param: i, first } => format!("page {} from {first}; items {items}", param(i)),
        PageStyle::Link => format!("link; items {items}"),
    })
}

#[test]
fn each_documented_pattern_is_found() {
    let api = fixture();
    let expected = [
        ("list_customers", Some("after-last starting_after <- item.id while has_more; items data")),
        ("list_events", Some("cursor cursor <- next_cursor reset []; items events")),
        ("list_archived_events", None),
        ("list_orders", Some("cursor cursor <- meta.cursors.next reset []; items data")),
        ("list_projects", Some("cursor page_token <- next_page reset [sort_by]; items items")),
        ("list_repos", Some("link; items <answer>")),
        ("list_tags", Some("page page from 0; items tags")),
        ("search_widgets", Some("cursor token <- continuation.token reset []; items widgets")),
        ("list_reports", None),
        ("get_customer", None),
    ];
    for (method, want) in expected {
        assert_eq!(brief(&api, method).as_deref(), want, "{method}");
    }
    assert_eq!(api.operations.iter().filter(|op| op.pagination.is_some()).count(), 7);
    let customers = paging(&api, "list_customers").unwrap();
    let TypeRef::Named(id) = customers.item else { panic!("{:?}", customers.item) };
    assert_eq!(api.type_def(id).name, "Customer");
    assert_eq!(paging(&api, "list_tags").unwrap().item, TypeRef::String);
}

#[test]
fn builders_are_named_after_their_operations() {
    let api = fixture();
    let names: Vec<&str> = api.operations.iter().map(|op| op.builder_name.as_str()).collect();
    assert_eq!(&names[..3], ["ListCustomers", "ListEvents", "ListArchivedEvents"]);
}

fn spec(paths: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n{paths}")
}

const LIST: &str = "
  /items:
    get:
      operationId: listItems
      X
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: per_page, in: query, schema: {type: integer}}
        - {name: token, in: query, required: REQUIRED, schema: {type: string}}
      responses:
        '200':
          description: Items
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {type: string}}
                  others: {type: array, items: {type: string}}
                  next: {type: string}
";

fn list(extension: &str, token_required: bool) -> String {
    spec(&LIST.replace("X", extension).replace("REQUIRED", &token_required.to_string()))
}

#[test]
fn an_operations_rule_that_does_not_fit_is_an_error_at_its_place() {
    let cases = [
        ("x-pagination: {style: cursor, param: cursor, next: next, items: items}", "it has no query parameter `cursor`"),
        ("x-pagination: {style: cursor, param: token, next: next}", "not an object with exactly one array field"),
        ("x-pagination: {style: cursor, param: token, next: missing, items: items}", "its answer has no field `missing`"),
        ("x-pagination: {style: page, param: token, items: items}", "its page parameter `token` is not an integer"),
        ("x-pagination: {style: sideways}", "`x-pagination` is not a pagination rule: unknown variant `sideways`"),
        ("x-pagination: {style: link, colour: blue}", "unknown field `colour`"),
    ];
    for (extension, message) in cases {
        let text = list(extension, false);
        let err = load_model(SpecFile::new("t.yaml", &text)).expect_err(extension);
        let shown = err.to_string();
        assert!(shown.contains(message) && shown.contains("/paths/~1items/get/x-pagination"), "{extension}: {shown}");
    }
    let text = list("x-pagination: {style: cursor, param: token, next: next, items: items}", true);
    let err = load_model(SpecFile::new("t.yaml", &text)).unwrap_err().to_string();
    assert!(err.contains("`token` is required, so a first page cannot leave it out"), "{err}");
}

#[test]
fn a_rule_that_fits_names_the_pattern() {
    let text = list("x-pagination: {style: cursor, param: token, next: next, items: items}", false);
    let api = load_model(SpecFile::new("t.yaml", &text)).unwrap();
    assert_eq!(brief(&api, "list_items").as_deref(), Some("cursor token <- next reset []; items items"));
    // Without the rule, the two arrays leave the items unclear: no stream.
    let text = list("", false);
    assert_eq!(brief(&load_model(SpecFile::new("t.yaml", &text)).unwrap(), "list_items"), None);
}

#[test]
fn a_rule_at_the_root_applies_where_it_fits() {
    let text = format!(
        "x-pagination: {{style: cursor, param: token, next: next, items: items}}\n{}{}",
        list("", false),
        "  /other:\n    get:\n      operationId: other\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}\n"
    );
    let api = load_model(SpecFile::new("t.yaml", &text)).unwrap();
    assert_eq!(brief(&api, "list_items").as_deref(), Some("cursor token <- next reset []; items items"));
    assert_eq!(brief(&api, "other"), None);
}

#[test]
fn page_numbers_need_a_page_size_and_no_cursor() {
    let page = |params: &str| {
        spec(&format!(
            "  /tags:\n    get:\n      operationId: listTags\n      parameters: [{params}]\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{type: array, items: {{type: string}}}}}}}}}}}}\n"
        ))
    };
    let found = |params: &str| brief(&load_model(SpecFile::new("t.yaml", &page(params))).unwrap(), "list_tags");
    let page_param = "{name: page, in: query, schema: {type: integer, default: 1}}";
    let size = "{name: per_page, in: query, schema: {type: integer}}";
    let token = "{name: PageToken, in: query, schema: {type: string}}";
    assert_eq!(found(&format!("{page_param}, {size}")).as_deref(), Some("page page from 1; items <answer>"));
    assert_eq!(found(page_param), None, "no page size");
    assert_eq!(found(&format!("{page_param}, {size}, {token}")), None, "a cursor besides (Twilio)");
}

#[test]
fn a_setting_applies_where_it_fits_before_the_specs_root_rule() {
    let rule: codegen::PageRule =
        serde_json::from_value(serde_json::json!({"style": "cursor", "param": "token", "next": "next", "items": "others"})).unwrap();
    let text = format!("x-pagination: {{style: cursor, param: token, next: next, items: items}}\n{}", list("", false));
    let api = load_model(SpecFile::new("t.yaml", &text).with_pagination(&rule)).unwrap();
    assert_eq!(brief(&api, "list_items").as_deref(), Some("cursor token <- next reset []; items others"));
    let wrong: codegen::PageRule = serde_json::from_value(serde_json::json!({"style": "page", "param": "nope"})).unwrap();
    let api = load_model(SpecFile::new("t.yaml", &text).with_pagination(&wrong)).unwrap();
    assert_eq!(
        brief(&api, "list_items").as_deref(),
        Some("cursor token <- next reset []; items items"),
        "the root rule, as the setting does not fit"
    );
}
