//! A compact, stable text view of an API model: what a user can call and what they get back.
//! Snapshotted per spec, so a spec change reviews as a semantic diff rather than a code diff.

use std::fmt::Write;

use crate::model::{Api, ApiKeyLocation, ParamLocation, SchemeKind, Status, TypeKind, TypeRef};

fn ty(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::String => "String".into(),
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::F32 => "f32".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::Uuid => "Uuid".into(),
        TypeRef::Binary => "Bytes".into(),
        TypeRef::Json => "Json".into(),
        TypeRef::JsonObject => "JsonObject".into(),
        TypeRef::Array(inner) => format!("Vec<{}>", ty(api, inner)),
        TypeRef::Map(inner) => format!("Map<{}>", ty(api, inner)),
        TypeRef::Tuple(members) => format!("({})", members.iter().map(|m| ty(api, m)).collect::<Vec<_>>().join(", ")),
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
    }
}

fn status(s: Status) -> String {
    match s {
        Status::Code(c) => c.to_string(),
        Status::Range(r) => format!("{r}XX"),
        Status::Default => "default".into(),
    }
}

/// Renders the model's surface. Writing to a `String` cannot fail, hence the ignored results.
pub fn surface(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "api {} ({} {})", api.module, api.title, api.version);
    for s in &api.servers {
        let rel = if s.relative { " (relative)" } else { "" };
        let _ = writeln!(out, "server {} = {}{rel}", s.const_name, s.url);
    }
    for s in &api.security_schemes {
        let how = match &s.kind {
            SchemeKind::Bearer => "bearer token".to_owned(),
            SchemeKind::Basic => "basic".to_owned(),
            SchemeKind::OtherHttp(scheme) => format!("`Authorization: {scheme} <token>`"),
            SchemeKind::ApiKey { location, name } => {
                let place = match location {
                    ApiKeyLocation::Header => "header",
                    ApiKeyLocation::Query => "query",
                    ApiKeyLocation::Cookie => "cookie",
                };
                format!("api key in {place} `{name}`")
            }
        };
        let _ = writeln!(out, "auth {} -> with_{}: {how}", s.key, s.rust_name.trim_start_matches("r#"));
    }
    for op in &api.operations {
        let _ = writeln!(out, "\nfn {}: {} {}", op.method_name, op.http_method, op.path);
        for p in &op.params {
            let place = match p.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            };
            let opt = if p.required { "" } else { "?" };
            let _ = writeln!(out, "  {place} {}{opt}: {} (`{}`)", p.rust_name, ty(api, &p.ty), p.wire_name);
        }
        if let Some(b) = &op.body {
            let opt = if b.required { "" } else { "?" };
            let _ = writeln!(out, "  body{opt}: {} ({})", ty(api, &b.ty), b.content_type);
        }
        let ok = op.success.as_ref().map_or_else(|| "()".to_owned(), |t| ty(api, t));
        let _ = writeln!(out, "  -> {ok}");
        for r in &op.responses {
            let body = r.body.as_ref().map_or_else(|| "no body".to_owned(), |t| ty(api, t));
            let body = if r.boxed { format!("Box<{body}>") } else { body };
            let role = if r.status.is_success() { "ok".to_owned() } else { format!("{}::{}", op.error_name, r.variant) };
            let _ = writeln!(out, "  {} {role}: {body}", status(r.status));
        }
        let security: Vec<String> = op
            .security
            .iter()
            .map(|alt| {
                let names: Vec<&str> = alt.iter().map(|&i| api.security_schemes[i].key.as_str()).collect();
                if names.is_empty() { "none".to_owned() } else { names.join(" + ") }
            })
            .collect();
        let security = if security.is_empty() { "none".to_owned() } else { security.join(" | ") };
        let _ = writeln!(out, "  security: {security}");
    }
    for w in &api.webhooks {
        let url = w.url.as_deref().map_or_else(String::new, |u| format!(" {u}"));
        let body = w.payload.as_ref().map_or_else(|| "no body".to_owned(), |b| format!("{} ({})", ty(api, &b.ty), b.content_type));
        let _ = writeln!(out, "\nwebhook {} = {}: {}{url} `{}`", w.rust_name, body, w.http_method, w.name);
    }
    for def in &api.types {
        let _ = writeln!(out);
        match &def.kind {
            TypeKind::Struct(s) => {
                let _ = writeln!(out, "struct {}", def.name);
                for f in &s.fields {
                    let mut t = ty(api, &f.ty);
                    if f.boxed {
                        t = format!("Box<{t}>");
                    }
                    if f.optional() {
                        t = format!("Option<{t}>");
                    }
                    let req = if f.required { " required" } else { "" };
                    let wire = if crate::naming::unraw(&f.rust_name) == f.wire_name { String::new() } else { format!(" (`{}`)", f.wire_name) };
                    let _ = writeln!(out, "  {}: {t}{req}{wire}", f.rust_name);
                }
                if let Some(extra) = &s.additional {
                    let _ = writeln!(out, "  ..: Map<{}>", ty(api, extra));
                }
            }
            TypeKind::Enum(e) => {
                let values: Vec<String> = e.variants.iter().map(|v| format!("{} = {:?}", v.rust_name, v.wire_name)).collect();
                let _ = match &e.catch_all {
                    Some(catch_all) => writeln!(out, "enum {}: {} | {catch_all}(String)", def.name, values.join(" | ")),
                    None => writeln!(out, "enum {}: {} (closed)", def.name, values.join(" | ")),
                };
            }
            TypeKind::OneOf(o) => {
                let how = o.discriminator.as_ref().map_or_else(|| "untagged".to_owned(), |d| format!("by `{d}`"));
                let _ = writeln!(out, "oneOf {} ({how})", def.name);
                for v in &o.variants {
                    let mut t = ty(api, &v.ty);
                    if v.boxed {
                        t = format!("Box<{t}>");
                    }
                    let tag = v.tag.as_ref().map(|t| format!(" = {t:?}")).unwrap_or_default();
                    let _ = writeln!(out, "  {}({t}){tag}", v.rust_name);
                }
            }
            TypeKind::Alias(t) => {
                let _ = writeln!(out, "type {} = {}", def.name, ty(api, t));
            }
        }
    }
    out
}
