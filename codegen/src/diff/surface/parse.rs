//! Reads a surface back from its text (see the format in the parent module).

use std::fmt;

use super::{
    Auth, AuthHow, Body, Field, Holding, Kind, Location, Operation, PRIMITIVES, Param, Response, Server, SignIn, SignInConst, Stream,
    Surface, Ty, TypeDef, Variant, Webhook, default_builder,
};

/// A line of a surface's text that does not read as the format says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

type Result<T> = std::result::Result<T, String>;

/// What indented lines belong to.
enum Open {
    Nothing,
    Auth,
    Operation,
    Struct,
    OneOf,
    /// An enum or alias: only its features may follow.
    Type,
}

pub(super) fn parse(text: &str) -> std::result::Result<Surface, ParseError> {
    let mut surface = Surface::default();
    let mut open = Open::Nothing;
    let mut seen_header = false;
    for (index, line) in text.lines().enumerate() {
        let fail = |message: String| ParseError { line: index + 1, message };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(keywords) = line.strip_prefix("    ") {
            // The validation keywords of the parameter or field on the line above.
            let target = match open {
                Open::Operation => surface.operations.last_mut().and_then(|op| op.params.last_mut()).map(|p| &mut p.constraints),
                Open::Struct => surface.types.last_mut().and_then(|def| match &mut def.kind {
                    Kind::Struct { fields, .. } => fields.last_mut().map(|f| &mut f.constraints),
                    _ => None,
                }),
                _ => None,
            };
            let target = target.ok_or_else(|| fail("validation keywords without a parameter or field above".to_owned()))?;
            *target = constraints(keywords).map_err(fail)?;
            continue;
        }
        if let Some(item) = line.strip_prefix("  ") {
            // A field named `feature` reads `feature: …`.
            if let Some(features) = item.strip_prefix("feature ") {
                features_line(&mut surface, &open, features).map_err(fail)?;
                continue;
            }
            let done = match open {
                Open::Operation => surface.operations.last_mut().map(|op| operation_line(op, item)),
                Open::Struct => surface.types.last_mut().map(|def| field_line(def, item)),
                Open::OneOf => surface.types.last_mut().map(|def| variant_line(def, item)),
                Open::Auth => surface.auth.last_mut().map(|auth| sign_in_line(auth, item)),
                Open::Nothing | Open::Type => None,
            };
            done.unwrap_or_else(|| Err("an indented line outside an operation, struct or oneOf".to_owned())).map_err(fail)?;
            continue;
        }
        if !seen_header {
            header(&mut surface, line).map_err(fail)?;
            seen_header = true;
            continue;
        }
        let (word, rest) = line.split_once(' ').ok_or_else(|| fail(format!("unknown line `{line}`")))?;
        open = Open::Nothing;
        match word {
            "server" => surface.servers.push(server(rest).map_err(fail)?),
            "auth" => {
                surface.auth.push(auth(rest).map_err(fail)?);
                open = Open::Auth;
            }
            "fn" => {
                surface.operations.push(operation(rest).map_err(fail)?);
                open = Open::Operation;
            }
            "webhook" => surface.webhooks.push(webhook(rest).map_err(fail)?),
            "struct" => {
                surface.types.push(TypeDef {
                    name: rest.to_owned(),
                    features: Vec::new(),
                    kind: Kind::Struct { fields: Vec::new(), additional: None },
                });
                open = Open::Struct;
            }
            "enum" => {
                surface.types.push(enumeration(rest).map_err(fail)?);
                open = Open::Type;
            }
            "oneOf" => {
                surface.types.push(one_of(rest).map_err(fail)?);
                open = Open::OneOf;
            }
            "type" => {
                let (name, target) = rest.split_once(" = ").ok_or_else(|| fail("a type alias without ` = `".to_owned()))?;
                surface.types.push(TypeDef {
                    name: name.to_owned(),
                    features: Vec::new(),
                    kind: Kind::Alias(ty_all(target).map_err(fail)?),
                });
                open = Open::Type;
            }
            _ => return Err(fail(format!("unknown line `{line}`"))),
        }
    }
    if !seen_header {
        return Err(ParseError { line: 1, message: "no `api <module> (<title> <version>)` line".to_owned() });
    }
    Ok(surface)
}

/// The cargo features under an operation (its group's) or a type (those that compile it).
fn features_line(surface: &mut Surface, open: &Open, features: &str) -> Result<()> {
    match open {
        Open::Operation => {
            let op = surface.operations.last_mut().ok_or("a feature line outside an operation or type")?;
            op.feature = Some(features.to_owned());
        }
        Open::Struct | Open::OneOf | Open::Type => {
            let def = surface.types.last_mut().ok_or("a feature line outside an operation or type")?;
            def.features = features.split(" | ").map(str::to_owned).collect();
        }
        Open::Nothing | Open::Auth => return Err("a feature line outside an operation or type".to_owned()),
    }
    Ok(())
}

fn header(surface: &mut Surface, line: &str) -> Result<()> {
    let rest = line.strip_prefix("api ").ok_or("the first line is not `api <module> (<title> <version>)`")?;
    let (module, info) = rest.split_once(" (").ok_or("no `(<title> <version>)` after the module")?;
    let info = info.strip_suffix(')').ok_or("`(<title> <version>)` does not end the line")?;
    let (title, version) = info.rsplit_once(' ').ok_or("no space between title and version")?;
    surface.module = module.to_owned();
    surface.title = title.to_owned();
    surface.version = version.to_owned();
    Ok(())
}

fn server(rest: &str) -> Result<Server> {
    let (const_name, url) = rest.split_once(" = ").ok_or("a server without ` = `")?;
    let (url, relative) = match url.strip_suffix(" (relative)") {
        Some(url) => (url, true),
        None => (url, false),
    };
    Ok(Server { const_name: const_name.to_owned(), url: url.to_owned(), relative })
}

fn auth(rest: &str) -> Result<Auth> {
    let (key, rest) = rest.rsplit_once(" -> with_").ok_or("an auth scheme without ` -> with_`")?;
    let (setter, how) = rest.split_once(": ").ok_or("an auth scheme without `: `")?;
    let how = match how {
        "bearer token" => AuthHow::Bearer,
        "basic" => AuthHow::Basic,
        other => {
            if let Some(scheme) = other.strip_prefix("`Authorization: ").and_then(|s| s.strip_suffix(" <token>`")) {
                AuthHow::OtherHttp(scheme.to_owned())
            } else if let Some(rest) = other.strip_prefix("api key in ") {
                let (location, name) = rest.split_once(" `").ok_or("an api key without its name")?;
                let name = name.strip_suffix('`').ok_or("an api key name without its closing backquote")?;
                AuthHow::ApiKey { location: location.to_owned(), name: name.to_owned() }
            } else {
                return Err(format!("unknown auth scheme kind `{other}`"));
            }
        }
    };
    Ok(Auth { key: key.to_owned(), setter: setter.to_owned(), how, sign_in: None })
}

/// A line of an OAuth2 or OpenID Connect scheme's sign-in, under its `auth` line.
fn sign_in_line(auth: &mut Auth, item: &str) -> Result<()> {
    let (word, rest) = item.split_once(' ').ok_or_else(|| format!("unknown sign-in line `{item}`"))?;
    if word == "session" {
        let session = rest.strip_prefix("with_").ok_or("a session setter without `with_`")?;
        auth.sign_in = Some(SignIn { session: session.to_owned(), ..SignIn::default() });
        return Ok(());
    }
    let sign_in = auth.sign_in.as_mut().ok_or("a sign-in line before its `session` line")?;
    match word {
        "flow" => {
            let (name, grant) = rest.split_once(": ").ok_or("a flow without `: `")?;
            sign_in.constants.push(SignInConst::Flow { name: name.to_owned(), grant: grant.to_owned() });
        }
        "discovery" => {
            let (name, url) = rest.split_once(" = ").ok_or("a discovery URL without ` = `")?;
            sign_in.constants.push(SignInConst::Discovery { name: name.to_owned(), url: url.to_owned() });
        }
        "scopes" => {
            let (name, mut rest) = rest.split_once(": ").ok_or("scopes without `: `")?;
            let mut scopes = Vec::new();
            loop {
                let (variant, after) = rest.split_once(" = ").ok_or("a scope without ` = `")?;
                let (scope, after) = unquote(after)?;
                scopes.push((variant.to_owned(), scope));
                match after.strip_prefix(" | ") {
                    Some(next) => rest = next,
                    None if after.is_empty() => break,
                    None => return Err(format!("unexpected `{after}` after scope `{variant}`")),
                }
            }
            sign_in.scopes = Some((name.to_owned(), scopes));
        }
        _ => return Err(format!("unknown sign-in line `{item}`")),
    }
    Ok(())
}

fn operation(rest: &str) -> Result<Operation> {
    let (name, rest) = rest.split_once(": ").ok_or("an operation without `: `")?;
    let (method, path) = rest.split_once(' ').ok_or("an operation without its path")?;
    let (path, builder) = match path.strip_suffix(')').and_then(|p| p.rsplit_once(" (builder ")) {
        Some((path, builder)) => (path, builder.to_owned()),
        None => (path, default_builder(name)),
    };
    let (path, deprecated) = match path.strip_suffix(" (deprecated)") {
        Some(path) => (path, true),
        None => (path, false),
    };
    Ok(Operation {
        name: name.to_owned(),
        feature: None,
        method: method.to_owned(),
        path: path.to_owned(),
        deprecated,
        builder,
        stream: None,
        events: None,
        params: Vec::new(),
        body: None,
        ok: None,
        ok_optional: false,
        responses: Vec::new(),
        security: Vec::new(),
    })
}

fn operation_line(op: &mut Operation, item: &str) -> Result<()> {
    if let Some(ok) = item.strip_prefix("-> ") {
        match ok {
            "()" => op.ok = None,
            _ => match ok.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
                Some(inner) => (op.ok, op.ok_optional) = (Some(ty_all(inner)?), true),
                None => op.ok = Some(ty_all(ok)?),
            },
        }
        return Ok(());
    }
    if let Some(stream) = item.strip_prefix("stream: ") {
        let mut rest = stream;
        let item = ty(&mut rest)?;
        let how = rest.strip_prefix(" (").and_then(|h| h.strip_suffix(')')).ok_or("a stream without `(how)`")?;
        op.stream = Some(Stream { item, how: how.to_owned() });
        return Ok(());
    }
    if let Some(events) = item.strip_prefix("events: ") {
        op.events = Some(ty_all(events)?);
        return Ok(());
    }
    if let Some(security) = item.strip_prefix("security: ") {
        op.security = match security {
            "none" => Vec::new(),
            alternatives => alternatives
                .split(" | ")
                .map(|alt| if alt == "none" { Vec::new() } else { alt.split(" + ").map(str::to_owned).collect() })
                .collect(),
        };
        return Ok(());
    }
    if let Some(rest) = item.strip_prefix("body") {
        let (required, rest) = match rest.strip_prefix('?') {
            Some(rest) => (false, rest),
            None => (true, rest),
        };
        let rest = rest.strip_prefix(": ").ok_or("a body without `: `")?;
        let (t, content_type) = rest.rsplit_once(" (").ok_or("a body without its content type")?;
        let content_type = content_type.strip_suffix(')').ok_or("a body's content type without `)`")?;
        op.body = Some(Body { required, ty: ty_all(t)?, content_type: content_type.to_owned() });
        return Ok(());
    }
    let (word, rest) = item.split_once(' ').ok_or_else(|| format!("unknown operation line `{item}`"))?;
    let location = match word {
        "path" => Some(Location::Path),
        "query" => Some(Location::Query),
        "header" => Some(Location::Header),
        "cookie" => Some(Location::Cookie),
        _ => None,
    };
    match location {
        Some(location) => op.params.push(param(location, rest)?),
        None => op.responses.push(response(word, rest)?),
    }
    Ok(())
}

fn param(location: Location, rest: &str) -> Result<Param> {
    let (name, rest) = rest.split_once(": ").ok_or("a parameter without `: `")?;
    let (name, required) = match name.strip_suffix('?') {
        Some(name) => (name, false),
        None => (name, true),
    };
    let (t, wire) = rest.rsplit_once(" (`").ok_or("a parameter without its wire name")?;
    let wire = wire.strip_suffix(')').ok_or("a parameter's wire name without `)`")?;
    let (wire, style) = match wire.rsplit_once("`, ") {
        Some((wire, style)) => (wire, Some(style.to_owned())),
        None => (wire.strip_suffix('`').ok_or("a parameter's wire name without its closing backquote")?, None),
    };
    Ok(Param {
        location,
        name: name.to_owned(),
        required,
        ty: ty_all(t)?,
        wire: wire.to_owned(),
        style,
        constraints: Vec::new(),
    })
}

fn response(status: &str, rest: &str) -> Result<Response> {
    let (role, body) = rest.split_once(": ").ok_or("a response without `: `")?;
    let error = match role {
        "ok" => None,
        role => {
            let (enum_name, variant) = role.split_once("::").ok_or_else(|| format!("unknown response role `{role}`"))?;
            Some((enum_name.to_owned(), variant.to_owned()))
        }
    };
    let (body, media) = match body.strip_suffix(')').and_then(|b| b.rsplit_once(" (")) {
        Some((body, media)) if media.contains('/') => (body, Some(media.to_owned())),
        _ => (body, None),
    };
    let (body, boxed) = match body.strip_prefix("Box<").and_then(|b| b.strip_suffix('>')) {
        Some(inner) => (inner, true),
        None => (body, false),
    };
    let body = if body == "no body" { None } else { Some(ty_all(body)?) };
    Ok(Response { status: status.to_owned(), error, body, boxed, media })
}

fn webhook(rest: &str) -> Result<Webhook> {
    let (name, rest) = rest.split_once(" = ").ok_or("a webhook without ` = `")?;
    let (rest, key) = rest.rsplit_once(" `").ok_or("a webhook without its name")?;
    let key = key.strip_suffix('`').ok_or("a webhook name without its closing backquote")?;
    let (body, call) = rest.split_once(": ").ok_or("a webhook without `: `")?;
    let body = match body {
        "no body" => None,
        body => {
            let (t, content_type) = body.rsplit_once(" (").ok_or("a webhook body without its content type")?;
            let content_type = content_type.strip_suffix(')').ok_or("a webhook body's content type without `)`")?;
            Some((ty_all(t)?, content_type.to_owned()))
        }
    };
    let (method, url) = match call.split_once(' ') {
        Some((method, url)) => (method, Some(url.to_owned())),
        None => (call, None),
    };
    Ok(Webhook { name: name.to_owned(), body, method: method.to_owned(), url, key: key.to_owned() })
}

fn field_line(def: &mut TypeDef, item: &str) -> Result<()> {
    let Kind::Struct { fields, additional } = &mut def.kind else { unreachable!("only structs take fields") };
    if let Some(extra) = item.strip_prefix("..: ") {
        let inner = extra.strip_prefix("Map<").and_then(|t| t.strip_suffix('>')).ok_or("`..` without `Map<…>`")?;
        *additional = Some(ty_all(inner)?);
        return Ok(());
    }
    let (name, rest) = item.split_once(": ").ok_or("a field without `: `")?;
    let (rest, wire) = match rest.strip_suffix("`)").and_then(|r| r.rsplit_once(" (`")) {
        Some((rest, wire)) => (rest, wire.to_owned()),
        None => (rest, crate::naming::unraw(name).to_owned()),
    };
    let (rest, required) = match rest.strip_suffix(" required") {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let (rest, holding) = match (rest.strip_prefix("Option<"), rest.strip_prefix("Nullable<")) {
        (Some(inner), _) => (inner.strip_suffix('>').ok_or("`Option<` without `>`")?, Holding::Option),
        (_, Some(inner)) => (inner.strip_suffix('>').ok_or("`Nullable<` without `>`")?, Holding::Nullable),
        _ => (rest, Holding::Value),
    };
    let (rest, boxed) = match rest.strip_prefix("Box<").and_then(|t| t.strip_suffix('>')) {
        Some(inner) => (inner, true),
        None => (rest, false),
    };
    fields.push(Field {
        name: name.to_owned(),
        ty: ty_all(rest)?,
        boxed,
        holding,
        required,
        wire,
        constraints: Vec::new(),
    });
    Ok(())
}

/// `maxLength 50, pattern "^a, b$"`: keywords and values, a string value quoted as JSON.
fn constraints(text: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (keyword, after) = rest.split_once(' ').ok_or_else(|| format!("a validation keyword without a value at `{rest}`"))?;
        let end = if after.starts_with('"') {
            let mut escaped = false;
            let close = after.char_indices().skip(1).find(|&(_, c)| {
                let done = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                done
            });
            close.map(|(i, _)| i + 1).ok_or_else(|| format!("an unterminated string at `{after}`"))?
        } else {
            after.find(", ").unwrap_or(after.len())
        };
        out.push((keyword.to_owned(), after[..end].to_owned()));
        rest = &after[end..];
        if !rest.is_empty() {
            rest = rest.strip_prefix(", ").ok_or_else(|| format!("expected `, ` at `{rest}`"))?;
        }
    }
    Ok(out)
}

fn one_of(rest: &str) -> Result<TypeDef> {
    let (rest, catch_all) = match rest.rsplit_once(") | ") {
        Some((head, open)) => {
            let name = open.strip_suffix("(Json)").ok_or_else(|| format!("a oneOf catch-all without `(Json)`: `{open}`"))?;
            (&rest[..head.len() + 1], Some(name.to_owned()))
        }
        None => (rest, None),
    };
    let (name, how) = rest.split_once(" (").ok_or("a oneOf without `(by …)` or `(untagged)`")?;
    let discriminator = match how {
        "untagged)" => None,
        how => Some(
            how.strip_prefix("by `")
                .and_then(|d| d.strip_suffix("`)"))
                .ok_or_else(|| format!("unknown oneOf tagging `({how}`"))?
                .to_owned(),
        ),
    };
    Ok(TypeDef {
        name: name.to_owned(),
        features: Vec::new(),
        kind: Kind::OneOf { discriminator, variants: Vec::new(), catch_all },
    })
}

fn variant_line(def: &mut TypeDef, item: &str) -> Result<()> {
    let Kind::OneOf { variants, .. } = &mut def.kind else { unreachable!("only oneOfs take variants") };
    let open = item.find('(').ok_or("a variant without `(`")?;
    let name = &item[..open];
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in item[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or("a variant without its closing `)`")?;
    let inner = &item[open + 1..close];
    let (inner, boxed) = match inner.strip_prefix("Box<").and_then(|t| t.strip_suffix('>')) {
        Some(inner) => (inner, true),
        None => (inner, false),
    };
    let tag = match &item[close + 1..] {
        "" => None,
        rest => Some(unquote(rest.strip_prefix(" = ").ok_or("a variant's tag without ` = `")?)?.0),
    };
    variants.push(Variant { name: name.to_owned(), ty: ty_all(inner)?, boxed, tag });
    Ok(())
}

fn enumeration(rest: &str) -> Result<TypeDef> {
    let (name, mut rest) = rest.split_once(": ").ok_or("an enum without `: `")?;
    let mut values = Vec::new();
    if let Some(after) = rest.strip_prefix(" | ") {
        rest = after; // no listed values, a catch-all only
    }
    let catch_all = loop {
        if rest == " (closed)" {
            break None;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '#')).unwrap_or(rest.len());
        let (variant, after) = rest.split_at(end);
        if after == "(String)" {
            break Some(variant.to_owned());
        }
        let after = after.strip_prefix(" = ").ok_or_else(|| format!("enum value `{variant}` without ` = `"))?;
        let (wire, after) = unquote(after)?;
        values.push((variant.to_owned(), wire));
        rest = match after.strip_prefix(" | ") {
            Some(after) => after,
            None if after == " (closed)" => after,
            None => return Err(format!("unexpected `{after}` after enum value `{variant}`")),
        };
    };
    Ok(TypeDef {
        name: name.to_owned(),
        features: Vec::new(),
        kind: Kind::Enum { values, catch_all },
    })
}

/// A string as `{:?}` writes it, and the text after it.
fn unquote(text: &str) -> Result<(String, &str)> {
    let mut chars = text.strip_prefix('"').ok_or("a value without its opening quote")?.char_indices();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &text[i + 2..])),
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some(c @ ('\\' | '"' | '\'')) => out.push(c),
                Some('u') => {
                    let mut hex = String::new();
                    for (_, c) in chars.by_ref() {
                        match c {
                            '{' => {}
                            '}' => break,
                            c => hex.push(c),
                        }
                    }
                    let code = u32::from_str_radix(&hex, 16).map_err(|_| format!("bad escape `\\u{{{hex}}}`"))?;
                    out.push(char::from_u32(code).ok_or_else(|| format!("bad escape `\\u{{{hex}}}`"))?);
                }
                other => return Err(format!("unknown escape `\\{}`", other.unwrap_or(' '))),
            },
            c => out.push(c),
        }
    }
    Err("a value without its closing quote".to_owned())
}

/// A whole type.
fn ty_all(text: &str) -> Result<Ty> {
    let mut rest = text;
    let t = ty(&mut rest)?;
    if rest.is_empty() { Ok(t) } else { Err(format!("unexpected `{rest}` after the type in `{text}`")) }
}

fn ty(rest: &mut &str) -> Result<Ty> {
    let expect = |rest: &mut &str, what: &str| -> Result<()> {
        *rest = rest.strip_prefix(what).ok_or_else(|| format!("expected `{what}` at `{rest}`"))?;
        Ok(())
    };
    if let Some(after) = rest.strip_prefix("Vec<") {
        *rest = after;
        let inner = ty(rest)?;
        expect(rest, ">")?;
        return Ok(Ty::Vec(Box::new(inner)));
    }
    if let Some(after) = rest.strip_prefix("Map<") {
        *rest = after;
        let inner = ty(rest)?;
        expect(rest, ">")?;
        return Ok(Ty::Map(Box::new(inner)));
    }
    if let Some(after) = rest.strip_prefix("Option<") {
        *rest = after;
        let inner = ty(rest)?;
        expect(rest, ">")?;
        return Ok(Ty::Option(Box::new(inner)));
    }
    if let Some(after) = rest.strip_prefix('(') {
        *rest = after;
        let mut members = Vec::new();
        while !rest.starts_with(')') {
            if !members.is_empty() {
                expect(rest, ", ")?;
            }
            members.push(ty(rest)?);
        }
        expect(rest, ")")?;
        return Ok(Ty::Tuple(members));
    }
    let (qualified, after) = match rest.strip_prefix("types::") {
        Some(after) => (true, after),
        None => (false, *rest),
    };
    let end = after.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(after.len());
    if end == 0 {
        return Err(format!("expected a type at `{rest}`"));
    }
    let name = &after[..end];
    *rest = &after[end..];
    match PRIMITIVES.iter().find(|p| **p == name) {
        Some(p) if !qualified => Ok(Ty::Prim(p)),
        _ => Ok(Ty::Named(name.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_back() {
        for text in ["String", "Vec<Map<types::Date>>", "(i32, Vec<Pet>, ())", "Date", "types::Vec"] {
            assert_eq!(ty_all(text).unwrap().to_string(), text);
        }
        assert_eq!(ty_all("Date").unwrap(), Ty::Prim("Date"));
        assert_eq!(ty_all("types::Date").unwrap(), Ty::Named("Date".into()));
        assert!(ty_all("Vec<").is_err());
    }

    #[test]
    fn quoted_values_read_back() {
        for value in ["plain", "a | b", "quote \" and \\ back", "new\nline", "\u{7f} del", "é"] {
            let quoted = format!("{value:?} rest");
            assert_eq!(unquote(&quoted).unwrap(), (value.to_owned(), " rest"));
        }
    }

    #[test]
    fn validation_keywords_read_back() {
        let text = r#"maxLength 5, pattern "^a, \"b\\$", items.minimum -1.5"#;
        let read = constraints(text).unwrap();
        assert_eq!(
            read,
            [("maxLength", "5"), ("pattern", r#""^a, \"b\\$""#), ("items.minimum", "-1.5")].map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert!(constraints("maxLength").is_err());
        assert!(constraints(r#"pattern "open"#).is_err());
        let err = parse("api m (T 1)\n\nfn f: GET /x\n    maxLength 5\n").unwrap_err();
        assert_eq!(err.line, 4, "{err}");
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("api m (T 1)\n\nfn f: GET /x\n  bogus\n").unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(parse("").is_err());
    }
}
