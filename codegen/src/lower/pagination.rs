//! Which list operations page, and how: the builder of such an operation gets `stream()`, every
//! item of every page. Detection is conservative: a stream is made only where the spec shows the
//! pattern, because a wrong guess would loop or skip items silently. An operation pages when
//! it is a `GET` whose success is JSON (never an `Option`) and holds the items in a way the
//! style below names, and one of these holds, tried in this order:
//!
//! 1. **`x-pagination`** on the operation, or at the spec's root for every operation it fits,
//!    names the pattern (see [`PageRule`]); `x-pagination: false` on an operation turns
//!    detection off for it. On an operation, a rule that does not fit is an error; at the root,
//!    it applies where it fits. Any method may page through an operation's own rule. The
//!    `pagination` setting of a spec in `specs/codegen.toml` is a rule too, for specs one does
//!    not own: it applies where it fits, before the spec's root rule.
//! 2. **`x-dropshot-pagination`** (Oxide's Dropshot servers): a cursor in `page_token`, the
//!    next one in the answer's `next_page`; the requests after the first send only the cursor,
//!    `limit` and the parameters outside the query, as Dropshot asks.
//! 3. **`Link` header**: a success answer documents a `Link` header, and the body is an array
//!    or an object with exactly one array field. The next page is the `rel="next"` link.
//! 4. **Cursor**: an optional query parameter named like a cursor (`cursor`, `page_token`,
//!    `next_token`, `starting_after`, `after`, `marker`, `offset`, `continuation_token`, …) and,
//!    in the answer (an object with exactly one array field at the top), exactly one field of
//!    the parameter's type, at most three objects deep, whose path mentions `next` and whose name
//!    is `next`, `next_cursor`, `next_page`, `next_page_token`, `next_token`, `next_marker` or
//!    the parameter's own (`next_page.offset`, `pages.next.starting_after`, `meta.cursors.next`),
//!    and whose description does not call it a URL or link (Figma's `next_page` is a URL).
//! 5. **`has_more` and the last id** (Stripe, OpenAI): an optional query parameter
//!    `starting_after` or `after`, an answer with exactly one array field and a boolean
//!    `has_more`, and items with an `id` field (or an answer field `last_id`) of the parameter's
//!    type.
//! 6. **Page numbers**: optional integer query parameters `page` (or `page_number`) and a page
//!    size (`per_page`, `page_size`, `limit`, `size`), no cursor-like parameter besides, and an
//!    array answer or one with exactly one array field. Counting starts at the parameter's
//!    `default`, else its `minimum`, else 1.
//!
//! Whatever the style, an empty page ends the stream, so a server that keeps answering
//! "there is more" without items cannot make it loop; so does a cursor equal to the one sent.

use std::collections::HashSet;

use openapiv3::{OpenAPI, Operation as Spec, Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, StatusCode, Type};
use serde::Deserialize;
use serde_json::Value;

use crate::error::{ErrorKind, Located, push_pointer};
use crate::lower::refs::resolve;
use crate::model::{
    HttpMethod, LastId, MediaKind, Operation, PageField, PageStyle, Pagination, ParamId, ParamLocation, Struct, TypeDef, TypeKind, TypeRef,
};

/// A pagination pattern as `x-pagination` writes it, on an operation or at the spec's root.
/// Names are the spec's (wire) names.
///
/// ```yaml
/// x-pagination: {style: cursor, param: page_token, next: next_page}      # cursor in a field
/// x-pagination: {style: after-last, param: starting_after, has-more: has_more}
/// x-pagination: {style: page, param: page, first: 1}                      # numbered pages
/// x-pagination: {style: link}                                             # `Link: rel="next"`
/// x-pagination: false                                                     # no stream here
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageRule {
    pub style: RuleStyle,
    /// The query parameter the next request sets (cursor, after-last and page styles).
    #[serde(default)]
    pub param: Option<String>,
    /// Cursor style: the dotted path of the next cursor in the answer, e.g. `meta.next`.
    #[serde(default)]
    pub next: Option<String>,
    /// The answer's field holding the items; by default its only array field (or the answer
    /// itself, when it is an array).
    #[serde(default)]
    pub items: Option<String>,
    /// After-last style: the answer's boolean that says more items follow.
    #[serde(default)]
    pub has_more: Option<String>,
    /// After-last style: the answer's field holding the last item's id; by default the last
    /// item's `id`.
    #[serde(default)]
    pub last: Option<String>,
    /// Page style: the number of the first page (default: the parameter's default, else 1).
    #[serde(default)]
    pub first: Option<i64>,
    /// Cursor style: query parameters the requests after the first leave out.
    #[serde(default)]
    pub reset: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleStyle {
    Cursor,
    AfterLast,
    Page,
    Link,
}

const EXTENSION: &str = "x-pagination";
const DROPSHOT: &str = "x-dropshot-pagination";

/// Cursor-like query parameters, normalised (lower case, letters and digits only).
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "pagetoken",
    "nexttoken",
    "nextpagetoken",
    "startingafter",
    "after",
    "marker",
    "offset",
    "continuationtoken",
    "pagecursor",
    "startcursor",
    "nextcursor",
];
/// Names of a next-cursor field, normalised; the parameter's own name counts too.
const NEXT_FIELDS: &[&str] = &["next", "nextcursor", "nextpage", "nextpagetoken", "nexttoken", "nextmarker"];
const AFTER_PARAMS: &[&str] = &["startingafter", "after"];
const HAS_MORE: &[&str] = &["hasmore"];
const LAST_ID: &[&str] = &["lastid"];
const PAGE_PARAMS: &[&str] = &["page", "pagenumber"];
const SIZE_PARAMS: &[&str] = &["perpage", "pagesize", "limit", "size"];
/// The deepest a next cursor is looked for: `pages.next.starting_after`.
const MAX_DEPTH: usize = 3;

/// Whether a field's description says it holds a URL rather than a cursor.
fn is_link(description: Option<&str>) -> bool {
    let words = description.unwrap_or_default().split(|c: char| !c.is_ascii_alphanumeric());
    words.map(str::to_ascii_lowercase).any(|w| matches!(w.as_str(), "url" | "uri" | "link" | "href"))
}

fn norm(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Sets [`Operation::pagination`] on every operation that pages. `operations` are in the order
/// `lower::operations` made them: the spec's paths, each path's methods in order.
/// `setting` is the spec's `pagination` setting.
pub(crate) fn detect(doc: &OpenAPI, types: &[TypeDef], operations: &mut [Operation], setting: Option<&PageRule>) -> Result<(), Located> {
    let root_rule = match doc.extensions.get(EXTENSION) {
        Some(value) => parse_rule(value, &push_pointer("", EXTENSION))?,
        None => None,
    };
    let rules: Vec<&PageRule> = setting.into_iter().chain(root_rule.as_ref()).collect();
    let specs = doc.paths.paths.iter().filter_map(|(path, item)| match item {
        ReferenceOr::Item(item) => Some((path, item)),
        ReferenceOr::Reference { .. } => None,
    });
    let specs =
        specs.flat_map(|(path, item)| item.iter().map(move |(method, op)| (push_pointer(&push_pointer("/paths", path), method), item, op)));
    for (op, (pointer, item, spec)) in operations.iter_mut().zip(specs) {
        let found = Found { doc, types, op, spec, item_params: &item.parameters };
        op.pagination = found.pagination(&rules, &pointer)?;
    }
    Ok(())
}

/// Reads an `x-pagination` value: a rule, or `false` (`Some(None)` here: no stream).
fn parse_rule(value: &Value, pointer: &str) -> Result<Option<PageRule>, Located> {
    match value {
        Value::Bool(false) => Ok(None),
        value => serde_json::from_value(value.clone())
            .map(Some)
            .map_err(|e| Located::new(ErrorKind::Invalid, pointer, format!("`{EXTENSION}` is not a pagination rule: {e}"))),
    }
}

/// One operation, its spec and the finished types, for detection.
struct Found<'a> {
    doc: &'a OpenAPI,
    types: &'a [TypeDef],
    op: &'a Operation,
    spec: &'a Spec,
    item_params: &'a [ReferenceOr<Parameter>],
}

impl Found<'_> {
    fn pagination(&self, rules: &[&PageRule], pointer: &str) -> Result<Option<Pagination>, Located> {
        let json = self.op.success.is_some() && self.op.success_kind == MediaKind::Json && !self.op.success_optional;
        if let Some(value) = self.spec.extensions.get(EXTENSION) {
            let at = push_pointer(pointer, EXTENSION);
            let Some(rule) = parse_rule(value, &at)? else { return Ok(None) };
            let fits = if json { self.apply(&rule) } else { Err("its success answer is not JSON".to_owned()) };
            return fits
                .map(Some)
                .map_err(|why| Located::new(ErrorKind::Invalid, at, format!("`{EXTENSION}` does not fit the operation: {why}")));
        }
        if !json {
            return Ok(None);
        }
        if self.spec.extensions.contains_key(DROPSHOT) {
            let query = self.op.params.iter().filter(|p| p.location == ParamLocation::Query && !p.required);
            let reset = query.map(|p| p.wire_name.clone()).filter(|n| n != "page_token" && n != "limit").collect();
            let rule = PageRule {
                style: RuleStyle::Cursor,
                param: Some("page_token".into()),
                next: Some("next_page".into()),
                items: None,
                has_more: None,
                last: None,
                first: None,
                reset,
            };
            return Ok(self.apply(&rule).ok());
        }
        if self.op.http_method != HttpMethod::Get {
            return Ok(None);
        }
        if let Some(found) = rules.iter().find_map(|rule| self.apply(rule).ok()) {
            return Ok(Some(found));
        }
        Ok(self.link().or_else(|| self.cursor()).or_else(|| self.after_last()).or_else(|| self.page_number()))
    }

    /// The success body's struct, following aliases.
    fn success_struct(&self) -> Option<&Struct> {
        self.strukt(self.op.success.as_ref()?)
    }

    fn strukt(&self, ty: &TypeRef) -> Option<&Struct> {
        match ty {
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(s) => Some(s),
                TypeKind::Alias(inner) => self.strukt(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// The item type when `ty` is an array, following aliases.
    fn array_item(&self, ty: &TypeRef) -> Option<TypeRef> {
        match ty {
            TypeRef::Array(inner) => Some((**inner).clone()),
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Alias(inner) => self.array_item(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// Where the items are: the answer itself when it is an array (if `bare` allows it), else
    /// its only array field (or the field `named`).
    fn items(&self, bare: bool, named: Option<&str>) -> Option<(Option<PageField>, TypeRef)> {
        let success = self.op.success.as_ref()?;
        if let Some(item) = self.array_item(success) {
            return (bare && named.is_none()).then_some((None, item));
        }
        let s = self.success_struct()?;
        let mut arrays = s.fields.iter().filter(|f| !f.boxed).filter_map(|f| Some((f, self.array_item(&f.ty)?)));
        let (field, item) = match named {
            Some(name) => arrays.find(|(f, _)| f.wire_name == name)?,
            None => {
                let first = arrays.next()?;
                if arrays.next().is_some() {
                    return None;
                }
                first
            }
        };
        let path = PageField {
            path: vec![field.rust_name.clone()],
            holding: vec![field.holding()],
            boxed: vec![false],
        };
        Some((Some(path), item))
    }

    /// The optional query parameter whose normalised name is one of `names`, with its index.
    fn query_param(&self, names: &[&str]) -> Option<ParamId> {
        self.op
            .params
            .iter()
            .position(|p| p.location == ParamLocation::Query && !p.required && names.contains(&norm(&p.wire_name).as_str()))
            .map(ParamId)
    }

    /// The query parameter of this wire name (a rule's), required or not.
    fn named_param(&self, name: &str) -> Result<ParamId, String> {
        let index = self.op.params.iter().position(|p| p.location == ParamLocation::Query && p.wire_name == name);
        let index = index.ok_or_else(|| format!("it has no query parameter `{name}`"))?;
        if self.op.params[index].required {
            return Err(format!("its query parameter `{name}` is required, so a first page cannot leave it out"));
        }
        Ok(ParamId(index))
    }

    /// The field at a path of wire names, from the struct `s`.
    fn field_at(&self, s: &Struct, names: &[&str]) -> Option<(PageField, TypeRef)> {
        let mut current = s;
        let mut out = PageField { path: Vec::new(), holding: Vec::new(), boxed: Vec::new() };
        for (i, name) in names.iter().enumerate() {
            let field = current.fields.iter().find(|f| f.wire_name == *name)?;
            out.path.push(field.rust_name.clone());
            out.holding.push(field.holding());
            out.boxed.push(field.boxed);
            if i + 1 == names.len() {
                return Some((out, field.ty.clone()));
            }
            current = self.strukt(&field.ty)?;
        }
        None
    }

    /// Every field of `s` up to [`MAX_DEPTH`] deep whose type is `ty`, with its wire path;
    /// fields documented as URLs or links (Figma's `next_page`) are no cursors.
    fn fields_of_type(&self, s: &Struct, ty: &TypeRef, prefix: &[String], seen: &mut HashSet<usize>, out: &mut Vec<Vec<String>>) {
        for field in &s.fields {
            let mut path = prefix.to_vec();
            path.push(field.wire_name.clone());
            if field.ty == *ty {
                if !is_link(field.docs.description.as_deref()) {
                    out.push(path);
                }
            } else if path.len() < MAX_DEPTH {
                if let TypeRef::Named(id) = &field.ty {
                    if let (Some(inner), true) = (self.strukt(&field.ty), seen.insert(id.0)) {
                        self.fields_of_type(inner, ty, &path, seen, out);
                        seen.remove(&id.0);
                    }
                }
            }
        }
    }

    fn is_integer(ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::I32 | TypeRef::I64)
    }

    fn link(&self) -> Option<Pagination> {
        if !self.documents_link() {
            return None;
        }
        let (items, item) = self.items(true, None)?;
        Some(Pagination { style: PageStyle::Link, items, item })
    }

    /// Whether a success answer documents a `Link` header.
    fn documents_link(&self) -> bool {
        let components = self.doc.components.as_ref().map(|c| &c.responses);
        let success = self.spec.responses.responses.iter().filter(|(code, _)| match code {
            StatusCode::Code(c) => (200..300).contains(c),
            StatusCode::Range(r) => *r == 2,
        });
        success
            .filter_map(|(_, r)| resolve(r, "", "responses", components).ok())
            .any(|(r, _)| r.headers.keys().any(|name| name.eq_ignore_ascii_case("link")))
    }

    fn cursor(&self) -> Option<Pagination> {
        let param = self.query_param(CURSOR_PARAMS)?;
        let p = &self.op.params[param];
        let (items, item) = self.items(false, None)?;
        let s = self.success_struct()?;
        let mut found = Vec::new();
        self.fields_of_type(s, &p.ty, &[], &mut HashSet::new(), &mut found);
        let own = norm(&p.wire_name);
        found.retain(|path| {
            let last = norm(path.last().map_or("", String::as_str));
            path.iter().any(|segment| norm(segment).contains("next")) && (NEXT_FIELDS.contains(&last.as_str()) || last == own)
        });
        let [path] = found.as_slice() else { return None };
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        let (next, _) = self.field_at(s, &names)?;
        Some(Pagination { style: PageStyle::Cursor { param, next, reset: Vec::new() }, items, item })
    }

    fn after_last(&self) -> Option<Pagination> {
        let param = self.query_param(AFTER_PARAMS)?;
        let ty = &self.op.params[param].ty;
        let (items, item) = self.items(false, None)?;
        let s = self.success_struct()?;
        let top = |names: &[&str], want: &TypeRef| {
            let field = s.fields.iter().find(|f| names.contains(&norm(&f.wire_name).as_str()) && f.ty == *want)?;
            self.field_at(s, &[&field.wire_name]).map(|(f, _)| f)
        };
        let has_more = top(HAS_MORE, &TypeRef::Bool)?;
        let last = self.item_id(&item, ty, "id").map(LastId::Item).or_else(|| top(LAST_ID, ty).map(LastId::Answer))?;
        Some(Pagination {
            style: PageStyle::AfterLast { param, has_more: Some(has_more), last },
            items,
            item,
        })
    }

    /// The item's field `name` when it has the type `ty`.
    fn item_id(&self, item: &TypeRef, ty: &TypeRef, name: &str) -> Option<PageField> {
        let (field, found) = self.field_at(self.strukt(item)?, &[name])?;
        (found == *ty).then_some(field)
    }

    fn page_number(&self) -> Option<Pagination> {
        let param = self.query_param(PAGE_PARAMS)?;
        let size = self.query_param(SIZE_PARAMS)?;
        let integers = Self::is_integer(&self.op.params[param].ty) && Self::is_integer(&self.op.params[size].ty);
        if !integers || self.query_param(CURSOR_PARAMS).is_some() {
            return None;
        }
        let (items, item) = self.items(true, None)?;
        let first = self.first_page(param);
        Some(Pagination { style: PageStyle::PageNumber { param, first }, items, item })
    }

    /// The first page's number: the parameter's `default`, else its `minimum`, else 1.
    fn first_page(&self, param: ParamId) -> i64 {
        let wire = &self.op.params[param].wire_name;
        let components = self.doc.components.as_ref().map(|c| &c.parameters);
        let declared = self.spec.parameters.iter().chain(self.item_params);
        let found = declared
            .filter_map(|p| resolve(p, "", "parameters", components).ok())
            .map(|(p, _)| p)
            .find(|p| matches!(p, Parameter::Query { .. }) && p.parameter_data_ref().name == *wire);
        let schema = found.and_then(|p| match &p.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => Some(schema),
            _ => None,
        });
        let Some(schema) = schema else { return 1 };
        let default = schema.schema_data.default.as_ref().and_then(Value::as_i64);
        let minimum = match &schema.schema_kind {
            SchemaKind::Type(Type::Integer(i)) => i.minimum.filter(|m| (0..=1).contains(m)),
            _ => None,
        };
        default.or(minimum).unwrap_or(1)
    }

    /// Applies a rule, or says why it does not fit.
    fn apply(&self, rule: &PageRule) -> Result<Pagination, String> {
        let bare = matches!(rule.style, RuleStyle::Page | RuleStyle::Link);
        let (items, item) = self.items(bare, rule.items.as_deref()).ok_or_else(|| match &rule.items {
            Some(name) => format!("its success answer has no array field `{name}`"),
            None if bare => "its success answer is neither an array nor an object with exactly one array field".to_owned(),
            None => "its success answer is not an object with exactly one array field".to_owned(),
        })?;
        let param = |what: &str| {
            let name = rule.param.as_deref().ok_or_else(|| format!("a `{what}` rule names its `param`"))?;
            self.named_param(name)
        };
        let answer = || self.success_struct().ok_or_else(|| "its success answer is not an object".to_owned());
        let field = |dotted: &str, want: Option<&TypeRef>| -> Result<PageField, String> {
            let names: Vec<&str> = dotted.split('.').collect();
            let (field, ty) = self.field_at(answer()?, &names).ok_or_else(|| format!("its answer has no field `{dotted}`"))?;
            match want {
                Some(want) if *want != ty => Err(format!("the answer's `{dotted}` is not of the parameter's type")),
                _ => Ok(field),
            }
        };
        let style = match rule.style {
            RuleStyle::Link => PageStyle::Link,
            RuleStyle::Cursor => {
                let param = param("cursor")?;
                let next = rule.next.as_deref().ok_or("a `cursor` rule names its `next` field")?;
                let next = field(next, Some(&self.op.params[param].ty))?;
                let reset = rule.reset.iter().map(|name| self.named_param(name)).collect::<Result<_, _>>()?;
                PageStyle::Cursor { param, next, reset }
            }
            RuleStyle::AfterLast => {
                let param = param("after-last")?;
                let ty = self.op.params[param].ty.clone();
                let has_more = rule.has_more.as_deref().map(|name| field(name, Some(&TypeRef::Bool))).transpose()?;
                let last = match rule.last.as_deref() {
                    Some(name) => LastId::Answer(field(name, Some(&ty))?),
                    None => LastId::Item(self.item_id(&item, &ty, "id").ok_or("its items have no `id` field of the parameter's type")?),
                };
                PageStyle::AfterLast { param, has_more, last }
            }
            RuleStyle::Page => {
                let param = param("page")?;
                if !Self::is_integer(&self.op.params[param].ty) {
                    return Err(format!("its page parameter `{}` is not an integer", self.op.params[param].wire_name));
                }
                PageStyle::PageNumber { param, first: rule.first.unwrap_or_else(|| self.first_page(param)) }
            }
        };
        Ok(Pagination { style, items, item })
    }
}
