//! Turns OpenAPI specs (Swagger 2.0, OpenAPI 3.0 and 3.1, in one file or several) into a typed
//! async Rust client crate.
//!
//! The flow runs one way: spec text → [`load`] (parse) → `lower` ([`model::Api`], plain data)
//! → `emit` (tokens) → `render` (formatted text). [`generate_crate`] runs it for a set of specs;
//! [`load_model`] stops at the model, which is what tests and the API surface report inspect.

pub mod conformance;
pub mod diff;
mod emit;
pub mod error;
mod files;
pub mod load;
mod locate;
mod lower;
pub mod model;
pub mod naming;
mod render;
mod stack;

use std::path::Path;

pub use diff::surface::surface;
pub use error::{Error, ErrorKind, Warning};
pub use load::Files;
pub use lower::{AUTO_OPERATIONS, Grouping, PageRule, RuleStyle};

/// A spec to generate from: its path (used in messages and file headers) and its text.
#[derive(Debug, Clone, Copy)]
pub struct SpecFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// Where `$ref`s to other files are read from; `None` for a spec that stands alone.
    pub files: Option<&'a Files>,
    /// A pagination pattern for the operations it fits, where the spec itself is silent (the
    /// `pagination` setting in `specs/codegen.toml`).
    pub pagination: Option<&'a PageRule>,
    /// Methods of FastAPI's default operation ids are named after their handlers (unless the
    /// spec's `handler-names` setting is `false`).
    pub handler_names: bool,
    /// The header of an idempotency key for every POST and PATCH (the `idempotency-header`
    /// setting in `specs/codegen.toml`), where the operations do not declare one.
    pub idempotency_header: Option<&'a str>,
    /// How the operations are split into cargo features (the `groups` setting).
    pub grouping: &'a Grouping,
}

impl<'a> SpecFile<'a> {
    /// A spec in one file.
    pub const fn new(path: &'a str, text: &'a str) -> Self {
        Self {
            path,
            text,
            files: None,
            pagination: None,
            handler_names: true,
            idempotency_header: None,
            grouping: &Grouping::Auto,
        }
    }

    /// A spec whose operations are split into cargo features as `grouping` says.
    pub const fn with_grouping(self, grouping: &'a Grouping) -> Self {
        Self { grouping, ..self }
    }

    /// A spec whose operations page as `rule` says, where it fits and the spec says nothing.
    pub const fn with_pagination(self, rule: &'a PageRule) -> Self {
        Self { pagination: Some(rule), ..self }
    }

    /// A spec whose methods are named by their `operationId`s as written, FastAPI's default ones
    /// included.
    pub const fn without_handler_names(self) -> Self {
        Self { handler_names: false, ..self }
    }

    /// A spec whose POST and PATCH operations send an idempotency key in `header`.
    pub const fn with_idempotency_header(self, header: &'a str) -> Self {
        Self { idempotency_header: Some(header), ..self }
    }

    /// A spec whose `$ref`s may name other files inside `files`' folder.
    pub const fn with_files(self, files: &'a Files) -> Self {
        Self { files: Some(files), ..self }
    }

    /// The module (and cargo feature) name: the file's stem in `snake_case`, or, for the root
    /// file (`openapi.*` or `swagger.*`) of a spec in a folder of its own, the folder's name.
    pub fn module(&self) -> String {
        let path = Path::new(self.path);
        let is_root = matches!(path.file_stem().and_then(|s| s.to_str()), Some("openapi" | "swagger"));
        let folder = path.parent().filter(|p| self.files.is_some_and(|f| !f.is_root(&p.to_string_lossy())));
        match folder.and_then(|f| f.file_name()).and_then(|n| n.to_str()) {
            Some(name) if is_root => module_name(&format!("{name}.yaml")),
            _ => module_name(self.path),
        }
    }
}

/// A file of the generated crate, with its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// One API's generated module and what it holds.
#[derive(Debug, Clone)]
pub struct ApiOutput {
    pub module: String,
    pub title: String,
    pub types: usize,
    pub operations: usize,
    /// Operations whose builder has `stream()`: their answers show how to ask for the next page.
    pub streams: usize,
    /// Examples from the spec that the generated example tests round-trip.
    pub examples: usize,
    /// The sign-in helpers: per OAuth2 flow its grant (`authorizationCode`, …), and
    /// `openIdConnect` per discovery URL.
    pub sign_in: Vec<&'static str>,
    /// A scheme has sign-in helpers: the API's feature turns on the crate's `oauth`.
    pub signs_in: bool,
    /// The cargo features of the API's operation groups, e.g. `stripe-customers`; empty when
    /// the API is one feature.
    pub groups: Vec<String>,
    pub names: model::NameReport,
    /// The spec's slips that generation worked around.
    pub warnings: Vec<Warning>,
    pub files: Vec<GeneratedFile>,
}

/// The module (and cargo feature) name of a spec file: its stem in `snake_case`, always a valid
/// identifier whatever the file is called (see [`naming::module`]: `2024-api.yaml` → `api_2024`).
pub fn module_name(path: &str) -> String {
    let stem = Path::new(path).file_stem().map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned());
    naming::module(&stem)
}

/// Parses and lowers one spec into its model.
pub fn load_model(spec: SpecFile<'_>) -> Result<model::Api, Error> {
    load_model_warned(spec).map(|(api, _)| api)
}

/// Parses and lowers one spec into its model, with the warnings about the spec's slips.
pub fn load_model_warned(spec: SpecFile<'_>) -> Result<(model::Api, Vec<Warning>), Error> {
    let loaded = stack::run(|| {
        let loaded = load::Spec::parse(spec.path, spec.text, spec.files)?;
        let api = lower::lower(&loaded.doc, &spec.module(), spec.pagination, spec.handler_names, spec.idempotency_header, spec.grouping)
            .map_err(|e| loaded.error(e))?;
        Ok((api, loaded.warnings))
    });
    loaded.map_err(|message| Error::bug(spec.path, message))?
}

/// Generates one API: its module `src/<module>/{mod,types,errors,client}.rs` and, when the spec
/// has examples, the test `tests/<module>_examples.rs` that round-trips them.
pub fn generate_api(spec: SpecFile<'_>) -> Result<ApiOutput, Error> {
    let (api, warnings) = load_model_warned(spec)?;
    let source = format!("`{}`", spec.path);
    // Each part of a file is emitted and rendered on a thread of its own: tokens cannot cross
    // threads, text can. Output does not depend on scheduling: parts are joined in order.
    let parts = emit::api_parts(&api);
    let examples = emit::collect_examples(&api);
    let (rendered, examples_file) = std::thread::scope(|scope| {
        let (api, source) = (&api, &source);
        let handles: Vec<_> = parts
            .iter()
            .map(|part| {
                let header = part.opens_file.then_some(source.as_str());
                stack::spawn(scope, move || render::render_pieces(emit::api_part(api, part, spec.path), header))
            })
            .collect();
        let examples = &examples;
        let examples_file = stack::spawn(scope, move || {
            emit::examples_test(api, examples, spec.path).map(|pieces| render::render_pieces(pieces, Some(source)))
        });
        let rendered: Vec<Result<String, String>> = handles.into_iter().map(|h| stack::joined(h).and_then(|r| r)).collect();
        (rendered, stack::joined(examples_file).unwrap_or_else(|e| Some(Err(e))))
    });
    let mut files: Vec<GeneratedFile> = Vec::with_capacity(parts.len());
    for (part, contents) in parts.iter().zip(rendered) {
        let contents = contents.map_err(|message| Error::bug(spec.path, message))?;
        let path = format!("src/{}/{}", api.module, part.file.name());
        match files.last_mut() {
            Some(file) if file.path == path => file.contents.push_str(&contents),
            _ => files.push(GeneratedFile { path, contents }),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(contents) = examples_file {
        let contents = contents.map_err(|message| Error::bug(spec.path, message))?;
        files.push(GeneratedFile { path: format!("tests/{}_examples.rs", api.module), contents });
    }
    Ok(ApiOutput {
        module: api.module.clone(),
        title: api.title.clone(),
        types: api.types.len(),
        operations: api.operations.len(),
        streams: api.operations.iter().filter(|op| op.pagination.is_some()).count(),
        examples: examples.len(),
        sign_in: api.security_schemes.iter().filter_map(|s| s.sign_in.as_ref()).flat_map(|s| s.helpers()).collect(),
        signs_in: api.security_schemes.iter().any(|s| s.sign_in.is_some()),
        groups: (0..api.groups.len()).map(|g| api.group_feature(model::GroupId(g))).collect(),
        names: api.name_report(),
        warnings,
        files,
    })
}

/// One API as a single source file of inline modules (`pub mod types { … }` and so on), for
/// embedding with `include!`: the fixture wire tests compile each fixture spec this way.
pub fn generate_inline_module(spec: SpecFile<'_>) -> Result<String, Error> {
    let api = load_model(spec)?;
    let rendered = stack::run(|| render::render_inline(emit::api_module(&api, spec.path), &format!("`{}`", spec.path)));
    rendered.and_then(|r| r).map_err(|message| Error::bug(spec.path, message))
}

/// Generates the whole crate: every API's module, `src/lib.rs` and `Cargo.toml`. Specs are taken
/// in the order given; on failure, every spec's error is returned and nothing is produced.
pub fn generate_crate(specs: &[SpecFile<'_>]) -> Result<(Vec<ApiOutput>, Vec<GeneratedFile>), Vec<Error>> {
    let mut outputs = Vec::with_capacity(specs.len());
    let mut errors = Vec::new();
    for spec in specs {
        match generate_api(*spec) {
            Ok(out) if outputs.iter().any(|o: &ApiOutput| o.module == out.module) => errors.push(Error {
                kind: ErrorKind::NameCollision,
                file: spec.path.to_owned(),
                pointer: String::new(),
                line: None,
                message: format!("another spec already generates the module `{}`", out.module),
            }),
            Ok(out) => outputs.push(out),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let apis: Vec<emit::CrateApi> = outputs
        .iter()
        .map(|o| emit::CrateApi {
            module: o.module.clone(),
            title: o.title.clone(),
            signs_in: !o.sign_in.is_empty(),
            groups: o.groups.clone(),
        })
        .collect();
    let lib =
        render::render(emit::crate_root(&apis), "the specs in `specs/`").map_err(|message| vec![Error::bug("src/lib.rs", message)])?;
    let mut files = vec![
        GeneratedFile { path: "Cargo.toml".to_owned(), contents: emit::cargo_toml(&apis) },
        GeneratedFile { path: "src/lib.rs".to_owned(), contents: lib },
    ];
    files.extend(outputs.iter().flat_map(|o| o.files.iter().cloned()));
    Ok((outputs, files))
}

/// The pipeline's stages one at a time, for the benchmarks; [`generate_api`] runs them all.
#[doc(hidden)]
pub mod stages {
    use proc_macro2::TokenStream;

    use crate::{Error, SpecFile, emit, load, lower, model, render};

    /// Parses the text as YAML (JSON is YAML too) into a generic value: the floor.
    pub fn parse_yaml(spec: SpecFile<'_>) -> Option<serde_yaml::Value> {
        serde_yaml::from_str(spec.text).ok()
    }

    /// Parses the text into a generic value with the parser of its own format (serde_json for
    /// `.json`), the stricter floor.
    pub fn parse_native(spec: SpecFile<'_>) -> bool {
        if spec.path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(spec.text).is_ok()
        } else {
            serde_yaml::from_str::<serde_yaml::Value>(spec.text).is_ok()
        }
    }

    pub fn load(spec: SpecFile<'_>) -> Result<load::Document, Error> {
        load::Spec::parse(spec.path, spec.text, spec.files).map(|s| s.doc)
    }

    pub fn lower(doc: &load::Document, module: &str) -> model::Api {
        lower::lower(doc, module, None, true, None, &crate::Grouping::Auto).expect("benchmarked specs lower")
    }

    /// Each file's name and tokens.
    pub fn emit(api: &model::Api) -> Vec<(&'static str, TokenStream)> {
        emit::api_module(api, "bench").into_iter().map(|(file, tokens)| (file.name(), tokens)).collect()
    }

    /// Only the tokens-to-syntax-tree half of rendering.
    pub fn parse_tokens(files: Vec<(&'static str, TokenStream)>) -> usize {
        files.into_iter().map(|(_, tokens)| syn::parse2::<syn::File>(tokens).map_or(0, |f| f.items.len())).sum()
    }

    pub fn render(files: Vec<(&'static str, TokenStream)>) -> Vec<String> {
        files.into_iter().map(|(_, tokens)| render::render(tokens, "bench").expect("renders")).collect()
    }
}

/// The seed specs, embedded for tests and examples.
pub mod seeds {
    use super::SpecFile;

    pub const FAX_PLUS: SpecFile<'static> = SpecFile::new("specs/fax_plus.yaml", include_str!("../../specs/fax_plus.yaml"));
    pub const CLEMTA: SpecFile<'static> = SpecFile::new("specs/clemta.yaml", include_str!("../../specs/clemta.yaml"));
}
