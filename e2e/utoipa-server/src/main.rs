//! A small axum server whose OpenAPI 3.1 document is derived by utoipa from the handlers and
//! types below, the way a Rust service documents itself. `cargo xtask e2e` starts it with
//! `utoipa-server <port>` (or `PORT=<port>`), reads `/openapi.json`, generates a client from it
//! and runs `client_tests.rs` against this server. State is in memory.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

/// The credentials the client tests use.
const TOKEN: &str = "e2e-token";
const API_KEY: &str = "e2e-key";

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Book,
    Game,
    Music,
}

/// An item as stored.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
struct Item {
    id: u64,
    name: String,
    kind: Kind,
    /// A free note; absent when none was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    price_cents: i64,
    tags: Vec<String>,
}

/// A new item.
#[derive(Debug, Clone, Deserialize, ToSchema)]
struct NewItem {
    name: String,
    kind: Kind,
    /// A free note; `null` or absent for none.
    note: Option<String>,
    price_cents: i64,
    #[serde(default)]
    tags: Vec<String>,
}

/// A shape, tagged by its `type` field.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Shape {
    Circle { radius: f64 },
    Rectangle { width: f64, height: f64 },
}

/// A shape with its area.
#[derive(Debug, Clone, Serialize, ToSchema)]
struct Measured {
    shape: Shape,
    area: f64,
}

/// Every error this API answers with.
#[derive(Debug, Clone, Serialize, ToSchema)]
struct ApiError {
    code: String,
    message: String,
}

/// Filters for listing items.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Only items of this kind.
    kind: Option<Kind>,
    /// Only items whose name contains this.
    q: Option<String>,
    /// At most this many items.
    limit: Option<u32>,
}

#[derive(Default)]
struct Store {
    next: u64,
    items: BTreeMap<u64, Item>,
}

type Shared = Arc<Mutex<Store>>;

fn error(status: StatusCode, code: &str, message: String) -> Response {
    (status, Json(ApiError { code: code.into(), message })).into_response()
}

/// Which credentials an operation accepts, as its `security` documents.
#[derive(Clone, Copy)]
enum Accepts {
    Bearer,
    ApiKey,
    Either,
}

/// A 401 answer, unless the request carries credentials the operation accepts.
fn refusal(headers: &HeaderMap, accepts: Accepts) -> Option<Response> {
    let bearer = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {TOKEN}"));
    let key = headers.get("x-api-key").and_then(|v| v.to_str().ok()) == Some(API_KEY);
    let allowed = match accepts {
        Accepts::Bearer => bearer,
        Accepts::ApiKey => key,
        Accepts::Either => bearer || key,
    };
    (!allowed).then(|| error(StatusCode::UNAUTHORIZED, "unauthorized", "missing or wrong credentials".into()))
}

/// Lists items, filtered.
#[utoipa::path(
    get,
    path = "/items",
    operation_id = "list_items",
    params(ListQuery),
    responses((status = 200, description = "The matching items", body = Vec<Item>)),
)]
async fn list_items(State(store): State<Shared>, Query(query): Query<ListQuery>) -> Json<Vec<Item>> {
    let store = store.lock().unwrap();
    let items = store
        .items
        .values()
        .filter(|i| query.kind.is_none_or(|k| i.kind == k))
        .filter(|i| query.q.as_deref().is_none_or(|q| i.name.contains(q)))
        .take(query.limit.map_or(usize::MAX, |l| l as usize))
        .cloned()
        .collect();
    Json(items)
}

/// Creates an item.
#[utoipa::path(
    post,
    path = "/items",
    operation_id = "create_item",
    request_body = NewItem,
    responses(
        (status = 201, description = "Created", body = Item),
        (status = 401, description = "No credentials", body = ApiError),
        (status = 422, description = "A field is out of range", body = ApiError),
    ),
    security(("bearer" = []), ("api_key" = [])),
)]
async fn create_item(State(store): State<Shared>, headers: HeaderMap, Json(new): Json<NewItem>) -> Response {
    if let Some(refused) = refusal(&headers, Accepts::Either) {
        return refused;
    }
    if new.price_cents < 0 {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "negative_price", format!("price_cents is {}", new.price_cents));
    }
    let mut store = store.lock().unwrap();
    store.next += 1;
    let item = Item {
        id: store.next,
        name: new.name,
        kind: new.kind,
        note: new.note,
        price_cents: new.price_cents,
        tags: new.tags,
    };
    store.items.insert(item.id, item.clone());
    (StatusCode::CREATED, Json(item)).into_response()
}

/// One item by its id.
#[utoipa::path(
    get,
    path = "/items/{id}",
    operation_id = "get_item",
    params(("id" = u64, Path, description = "The item's id")),
    responses(
        (status = 200, description = "The item", body = Item),
        (status = 401, description = "No credentials", body = ApiError),
        (status = 404, description = "No such item", body = ApiError),
    ),
    security(("bearer" = [])),
)]
async fn get_item(State(store): State<Shared>, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    if let Some(refused) = refusal(&headers, Accepts::Bearer) {
        return refused;
    }
    match store.lock().unwrap().items.get(&id) {
        Some(item) => Json(item.clone()).into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found", format!("no item {id}")),
    }
}

/// Deletes an item.
#[utoipa::path(
    delete,
    path = "/items/{id}",
    operation_id = "delete_item",
    params(("id" = u64, Path, description = "The item's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No API key", body = ApiError),
        (status = 404, description = "No such item", body = ApiError),
    ),
    security(("api_key" = [])),
)]
async fn delete_item(State(store): State<Shared>, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    if let Some(refused) = refusal(&headers, Accepts::ApiKey) {
        return refused;
    }
    match store.lock().unwrap().items.remove(&id) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found", format!("no item {id}")),
    }
}

/// Measures a shape.
#[utoipa::path(
    post,
    path = "/shapes/measure",
    operation_id = "measure",
    request_body = Shape,
    responses((status = 200, description = "The shape and its area", body = Measured)),
)]
async fn measure(Json(shape): Json<Shape>) -> Json<Measured> {
    let area = match shape {
        Shape::Circle { radius } => std::f64::consts::PI * radius * radius,
        Shape::Rectangle { width, height } => width * height,
    };
    Json(Measured { shape, area })
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
        components.add_security_scheme("api_key", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-API-Key"))));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "utoipa e2e", version = "1.0.0"),
    paths(list_items, create_item, get_item, delete_item, measure),
    components(schemas(Item, NewItem, Kind, Shape, Measured, ApiError)),
    modifiers(&Security),
)]
struct ApiDoc;

async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("PORT").ok())
        .and_then(|p| p.parse().ok())
        .expect("usage: utoipa-server <port> (or PORT=<port>)");
    let app = Router::new()
        .route("/openapi.json", get(openapi))
        .route("/items", get(list_items).post(create_item))
        .route("/items/{id}", get(get_item).delete(delete_item))
        .route("/shapes/measure", post(measure))
        .with_state(Shared::default());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("cannot bind 127.0.0.1");
    println!("utoipa-server listening on http://127.0.0.1:{port}");
    axum::serve(listener, app).await.expect("server failed");
}
