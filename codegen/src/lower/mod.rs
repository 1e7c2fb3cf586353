//! Stage 2: parsed OpenAPI document → [`Api`] model. All naming and `$ref` resolution happen here.

mod composite;
mod constraints;
mod cycles;
pub(crate) mod form;
mod groups;
mod idempotency;
mod operations;
mod pagination;
mod reads;
pub(crate) mod refs;
mod schemas;
mod security;
mod sizes;
mod uploads;
mod webhooks;

use std::collections::{HashMap, HashSet};

use crate::error::Located;
use crate::load::Document;
use crate::model::{Api, Server};
use crate::naming::{CLIENT_METHODS, MOCK_SERVER_OWN, MOCK_TYPES, PRELUDE, Scope, credential_setter, shouty};

pub use groups::{AUTO_OPERATIONS, Grouping};
pub use pagination::{PageRule, RuleStyle};

/// Lowers a whole document into the model of module `module`; `pagination` is a pattern from the
/// spec's settings, for the operations it fits, and `handler_names` names FastAPI's default
/// operation ids by their handlers (see [`operations::handler_names`]); `idempotency_header`
/// is the header of the idempotency key of the spec's POST and PATCH operations (see
/// [`idempotency::mark`]); `grouping` splits the operations into cargo features.
pub(crate) fn lower(
    document: &Document,
    module: &str,
    pagination: Option<&PageRule>,
    handler_names: bool,
    idempotency_header: Option<&str>,
    grouping: &Grouping,
) -> Result<Api, Located> {
    let doc = &document.openapi;
    // The API module's own names: `Client`, server constants, and the schemes' constants and
    // scope enums.
    let mut root = Scope::with_reserved(&["Client"]);
    let servers = servers(doc, &mut root);
    let security_schemes = security::schemes(doc, &mut root)?;
    let mut types = schemas::TypeTable::new(doc.components.as_ref().map(|c| &c.schemas));
    types.lower_components()?;

    let mut reserved: Vec<&str> = [CLIENT_METHODS, MOCK_SERVER_OWN].concat();
    let sessions = security_schemes.iter().filter_map(|s| Some(format!("with_{}", s.sign_in.as_ref()?.session_setter)));
    let setters: Vec<String> = security_schemes.iter().map(|s| credential_setter(&s.rust_name)).chain(sessions).collect();
    reserved.extend(setters.iter().map(String::as_str));
    let mut lowering = operations::Lowering {
        doc,
        types: &mut types,
        schemes: &security_schemes,
        methods: Scope::with_reserved(&reserved),
        errors: Scope::default(),
        builders: Scope::with_reserved(&[PRELUDE, MOCK_TYPES].concat()),
        headers: Scope::with_reserved(PRELUDE),
        operation_ids: HashSet::new(),
        handlers: if handler_names { operations::handler_names(doc) } else { HashMap::new() },
    };
    let mut operations = lowering.operations()?;
    let webhooks = lowering.webhooks(&document.webhooks, doc)?;

    let mut types = types.finish(module);
    cycles::check_aliases(&types)?;
    cycles::box_recursive_fields(&mut types);
    uploads::mark(&mut types, &mut operations, &webhooks);
    sizes::box_large_variants(&mut types, &mut operations);
    pagination::detect(doc, &types, &mut operations, pagination)?;
    reads::open_read_unions(&mut types, &operations, &webhooks);
    idempotency::mark(&mut operations, idempotency_header);
    let groups = groups::assign(&mut operations, grouping);

    Ok(Api {
        module: module.to_owned(),
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        servers,
        security_schemes,
        types,
        operations,
        webhooks,
        groups,
    })
}

/// Server URLs with their variables set to the defaults, each under a constant name.
fn servers(doc: &openapiv3::OpenAPI, names: &mut Scope) -> Vec<Server> {
    doc.servers
        .iter()
        .map(|server| {
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            let relative = !url.contains("://");
            let label = match &server.description {
                Some(d) if is_label(d) => d.clone(),
                _ => url.split_once("://").map_or(url.as_str(), |(_, rest)| rest).to_owned(),
            };
            let mut const_name = shouty(&label);
            if !const_name.ends_with("SERVER") {
                const_name.push_str("_SERVER");
            }
            let const_name = names.claim(const_name);
            Server {
                const_name,
                url: url.trim_end_matches('/').to_owned(),
                description: server.description.clone(),
                relative,
            }
        })
        .collect()
}

/// Whether a server's description is a label a constant can be named after (`Production`,
/// `Sandbox server`): a few words, not a sentence. Otherwise the host and path name it.
fn is_label(description: &str) -> bool {
    let words = description.split_whitespace().count();
    (1..=4).contains(&words) && description.len() <= 40 && !description.contains(['.', ',', ';', ':', '!', '?', '\n'])
}
