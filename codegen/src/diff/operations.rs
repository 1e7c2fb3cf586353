//! Servers, security schemes, operations (parameters, bodies, answers, security) and webhooks.

use std::collections::{HashMap, HashSet};

use super::surface::{Auth, AuthHow, Body, Kind, Location as Place, Operation, Param, Response, SignInConst, Ty};
use super::{Cx, Impact, Location, Rule};
use crate::model::MediaKind;

pub(super) fn servers(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old, cx.new);
    for s in &old.servers {
        match new.servers.iter().find(|n| n.const_name == s.const_name) {
            None => {
                let kept = new.servers.iter().any(|n| n.url == s.url);
                let why = if kept {
                    "code naming the constant stops compiling; another server keeps its URL"
                } else {
                    "code naming the constant stops compiling, and old clients call a URL the spec no longer lists"
                };
                cx.push(
                    Rule::ServerRemoved,
                    Location::Server(s.const_name.clone()),
                    format!("`{}`", s.url),
                    Impact::Major,
                    Impact::major_if(!kept, Impact::None),
                    why,
                );
            }
            Some(n) if n.url != s.url || n.relative != s.relative => cx.push(
                Rule::ServerChanged,
                Location::Server(s.const_name.clone()),
                format!("`{}` → `{}`", s.url, n.url),
                Impact::None,
                Impact::Major,
                "the constant keeps its name, but old clients still call the old URL",
            ),
            Some(_) => {}
        }
    }
    for n in new.servers.iter().filter(|n| !old.servers.iter().any(|s| s.const_name == n.const_name)) {
        cx.push(
            Rule::ServerAdded,
            Location::Server(n.const_name.clone()),
            format!("`{}`", n.url),
            Impact::Minor,
            Impact::None,
            "a new server constant",
        );
    }
}

pub(super) fn auth(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old, cx.new);
    let mut matched = HashSet::new();
    for a in &old.auth {
        let found = new.auth.iter().position(|n| n.key == a.key).or_else(|| new.auth.iter().position(|n| n.setter == a.setter));
        let Some(j) = found.filter(|j| !matched.contains(j)) else {
            cx.push(
                Rule::AuthRemoved,
                Location::Auth(a.key.clone()),
                format!("`with_{}`: {}", a.setter, a.how),
                Impact::Major,
                Impact::Major,
                "the setter is gone, and credentials of this scheme are no longer accepted",
            );
            continue;
        };
        matched.insert(j);
        let n = &new.auth[j];
        sign_in(cx, a, n);
        if (&n.key, &n.setter, &n.how) == (&a.key, &a.setter, &a.how) {
            continue;
        }
        let signature = (a.how == AuthHow::Basic) != (n.how == AuthHow::Basic);
        let rust = Impact::major_if(a.setter != n.setter || signature, Impact::Patch);
        let wire = Impact::major_if(a.how != n.how, Impact::None);
        let mut detail = Vec::new();
        if a.key != n.key {
            detail.push(format!("key `{}` → `{}`", a.key, n.key));
        }
        if a.setter != n.setter {
            detail.push(format!("`with_{}` → `with_{}`", a.setter, n.setter));
        }
        if a.how != n.how {
            detail.push(format!("{} → {}", a.how, n.how));
        }
        let why = match (rust, wire) {
            (Impact::Major, Impact::Major) => "the setter changed, and old clients send the credential where the server no longer looks",
            (Impact::Major, _) => "the setter changed; the credential travels as before",
            (_, Impact::Major) => "the setter is the same, but old clients send the credential where the server no longer looks",
            _ => "only the scheme's key changed, which shows in the docs",
        };
        cx.push(Rule::AuthChanged, Location::Auth(n.key.clone()), detail.join(", "), rust, wire, why);
    }
    for (_, n) in new.auth.iter().enumerate().filter(|(j, _)| !matched.contains(j)) {
        cx.push(
            Rule::AuthAdded,
            Location::Auth(n.key.clone()),
            format!("`with_{}`: {}", n.setter, n.how),
            Impact::Minor,
            Impact::None,
            "a new credential setter",
        );
    }
}

/// What a scheme kept offers to sign in with, compared by the names users write.
fn sign_in(cx: &mut Cx<'_>, old: &Auth, new: &Auth) {
    let (before, after) = (sign_in_names(old), sign_in_names(new));
    let removed: Vec<&str> = before.iter().filter(|n| !after.contains(n)).map(String::as_str).collect();
    let added: Vec<&str> = after.iter().filter(|n| !before.contains(n)).map(String::as_str).collect();
    let at = || Location::Auth(new.key.clone());
    if !removed.is_empty() {
        let why = "code naming them stops compiling";
        cx.push(Rule::SignInRemoved, at(), removed.join(", "), Impact::Major, Impact::None, why);
    }
    if !added.is_empty() {
        let why = "more to sign in with";
        cx.push(Rule::SignInAdded, at(), added.join(", "), Impact::Minor, Impact::None, why);
    }
}

/// The session setter, flow and discovery constants, scope enum and scopes, as code names them.
fn sign_in_names(auth: &Auth) -> Vec<String> {
    let Some(sign_in) = &auth.sign_in else { return Vec::new() };
    let mut names = vec![format!("`with_{}`", sign_in.session)];
    for constant in &sign_in.constants {
        match constant {
            SignInConst::Flow { name, grant } => names.push(format!("`{name}` ({grant})")),
            SignInConst::Discovery { name, .. } => names.push(format!("`{name}`")),
        }
    }
    if let Some((name, scopes)) = &sign_in.scopes {
        names.push(format!("`{name}`"));
        names.extend(scopes.iter().map(|(variant, scope)| format!("`{name}::{variant}` ({scope:?})")));
    }
    names
}

/// The path with its parameters' names left out: `/users/{}`.
fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn at(op: &Operation, part: Option<String>) -> Location {
    Location::Operation { name: op.name.clone(), method: op.method.clone(), path: op.path.clone(), part }
}

pub(super) fn operations(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old, cx.new);
    // By method and path as written, then with the path parameters' names left out (a spec may
    // hold two paths of one shape), then by method name.
    let keys: [&dyn Fn(&Operation) -> String; 3] =
        [&|op| format!("{} {}", op.method, op.path), &|op| format!("{} {}", op.method, path_shape(&op.path)), &|op| op.name.clone()];
    let mut matched: Vec<Option<usize>> = vec![None; old.operations.len()];
    let mut taken = vec![false; new.operations.len()];
    for key in keys {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, op) in new.operations.iter().enumerate().filter(|(j, _)| !taken[*j]) {
            by_key.entry(key(op)).or_default().push(j);
        }
        for (i, op) in old.operations.iter().enumerate() {
            if matched[i].is_some() {
                continue;
            }
            if let Some(j) = by_key.get(&key(op)).and_then(|js| js.iter().copied().find(|&j| !taken[j])) {
                (matched[i], taken[j]) = (Some(j), true);
            }
        }
    }
    for (i, o) in old.operations.iter().enumerate() {
        match matched[i] {
            Some(j) => operation(cx, o, &new.operations[j]),
            None => cx.push(
                Rule::OperationRemoved,
                at(o, None),
                "",
                Impact::Major,
                Impact::Major,
                "the method is gone, and the server no longer serves the path",
            ),
        }
    }
    for (_, n) in new.operations.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        cx.push(Rule::OperationAdded, at(n, None), "", Impact::Minor, Impact::Minor, "a new method");
    }
}

fn operation(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    if o.name != n.name {
        cx.push(
            Rule::OperationRenamed,
            at(n, None),
            format!("`{}` → `{}`", o.name, n.name),
            Impact::Major,
            Impact::None,
            "code calling the method (or naming its builder or error enum) stops compiling; the request is the same",
        );
    } else if o.builder != n.builder {
        cx.push(
            Rule::OperationRenamed,
            at(n, None),
            format!("builder `{}` → `{}`", o.builder, n.builder),
            Impact::Major,
            Impact::None,
            "code naming the builder type stops compiling; the method and the request are the same",
        );
    }
    if o.method != n.method || path_shape(&o.path) != path_shape(&n.path) {
        cx.push(
            Rule::OperationMoved,
            at(n, None),
            format!("`{} {}` → `{} {}`", o.method, o.path, n.method, n.path),
            Impact::None,
            Impact::Major,
            "code compiles, but old clients call what the server no longer serves",
        );
    }
    if o.deprecated != n.deprecated {
        let detail = if n.deprecated { "now deprecated" } else { "no longer deprecated" };
        cx.push(Rule::OperationDeprecated, at(n, None), detail, Impact::Patch, Impact::None, "deprecation only shows in the method's docs");
    }
    super::features::operation(cx, o, n);
    params(cx, o, n);
    body(cx, o, n);
    success(cx, o, n);
    stream(cx, o, n);
    responses(cx, o, n);
    security(cx, o, n);
}

/// Where a query parameter's style changes what is sent: arrays, objects and `deepObject`.
fn style_matters(cx: &Cx<'_>, p: &Param) -> bool {
    let members = |t: &Ty| match t {
        Ty::Vec(_) | Ty::Map(_) | Ty::Prim("JsonObject" | "Json") => true,
        Ty::Named(name) => matches!(
            cx.new_types.get(name.as_str()).or(cx.old_types.get(name.as_str())).map(|d| &d.kind),
            Some(Kind::Struct { .. } | Kind::Alias(_))
        ),
        _ => false,
    };
    members(&p.ty) || p.style.as_deref() == Some("deepObject")
}

fn params(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let part = |p: &Param| Some(format!("{} {}", p.location.as_str(), p.name));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut taken = vec![false; n.params.len()];
    let mut matched = vec![false; o.params.len()];
    // Path parameters by place in the path, others by name on the wire, then by Rust name.
    let path_params =
        |op: &Operation| op.params.iter().enumerate().filter(|(_, p)| p.location == Place::Path).map(|(i, _)| i).collect::<Vec<_>>();
    for (&i, &j) in path_params(o).iter().zip(&path_params(n)) {
        pairs.push((i, j));
        (matched[i], taken[j]) = (true, true);
    }
    for (i, p) in o.params.iter().enumerate().filter(|(_, p)| p.location != Place::Path) {
        if let Some(j) = n.params.iter().enumerate().position(|(j, q)| !taken[j] && q.location == p.location && q.wire == p.wire) {
            pairs.push((i, j));
            (matched[i], taken[j]) = (true, true);
        }
    }
    for (i, p) in o.params.iter().enumerate() {
        if matched[i] {
            continue;
        }
        if let Some(j) = n.params.iter().enumerate().position(|(j, q)| !taken[j] && q.name == p.name) {
            pairs.push((i, j));
            (matched[i], taken[j]) = (true, true);
        }
    }
    pairs.sort_unstable();
    for &(i, j) in &pairs {
        let (p, q) = (&o.params[i], &n.params[j]);
        if p.location != q.location || (p.location == Place::Query && p.style != q.style && (style_matters(cx, p) || style_matters(cx, q)))
        {
            let style = |p: &Param| match (p.location, &p.style) {
                (_, Some(s)) => format!(" ({s})"),
                (Place::Query, None) => " (form)".to_owned(),
                _ => String::new(),
            };
            cx.push(
                Rule::ParameterMoved,
                at(n, part(q)),
                format!("{}{} → {}{}", p.location.as_str(), style(p), q.location.as_str(), style(q)),
                Impact::None,
                Impact::Major,
                "old clients send the parameter the old way",
            );
        }
        if p.location != Place::Path && q.location != Place::Path && p.wire != q.wire {
            cx.push(
                Rule::ParameterWireRenamed,
                at(n, part(q)),
                format!("`{}` → `{}`", p.wire, q.wire),
                Impact::None,
                Impact::Major,
                "old clients send the parameter under a name the server no longer reads",
            );
        }
        if p.name != q.name {
            let (rust, why) = if p.required && q.required {
                (Impact::Patch, "arguments are positional: only the docs show the new name")
            } else {
                (Impact::Major, "the builder's setter is named after the parameter: calls to the old setter stop compiling")
            };
            cx.push(Rule::ParameterRenamed, at(n, part(q)), format!("`{}` → `{}`", p.name, q.name), rust, Impact::None, why);
        }
        if !cx.same_ty(&p.ty, &q.ty) {
            // A parameter travels as text: a server reading a string takes any scalar's text.
            let as_text = q.ty == Ty::Prim("String") && matches!(p.ty, Ty::Prim(_));
            let breaks = !as_text && !cx.new_reads_old(&q.ty, &p.ty);
            let why = if breaks {
                format!("the argument's type changes, and the server may refuse the `{}` old clients send", p.ty)
            } else {
                format!("the argument's type changes; every `{}` old clients send is a valid `{}`", p.ty, q.ty)
            };
            cx.push(
                Rule::ParameterTypeChanged,
                at(n, part(q)),
                format!("`{}` → `{}`", p.ty, q.ty),
                Impact::Major,
                Impact::major_if(breaks, Impact::None),
                why,
            );
        }
        super::constraints::compare(cx, at(n, part(q)), &p.constraints, &q.constraints, true);
        match (p.required, q.required) {
            (false, true) => cx.push(
                Rule::ParameterRequired,
                at(n, part(q)),
                "setter → argument",
                Impact::Major,
                Impact::Major,
                "the builder's setter becomes an argument of the method, and old clients may leave out what the server now requires",
            ),
            (true, false) => cx.push(
                Rule::ParameterOptional,
                at(n, part(q)),
                "argument → setter",
                Impact::Major,
                Impact::None,
                "the method's argument becomes a setter on the builder; old clients always send it, which is still accepted",
            ),
            _ => {}
        }
    }
    // Arguments (the required parameters) are positional; setters are named.
    let arguments: Vec<(usize, usize)> = pairs.iter().copied().filter(|&(i, j)| o.params[i].required && n.params[j].required).collect();
    let mut by_new: Vec<(usize, usize)> = arguments.iter().map(|&(i, j)| (j, i)).collect();
    by_new.sort_unstable();
    let mut setters: Vec<(usize, usize)> = pairs.iter().copied().filter(|&(i, j)| !o.params[i].required && !n.params[j].required).collect();
    setters.sort_unstable_by_key(|&(_, j)| j);
    if !by_new.windows(2).any(|w| w[0].1 > w[1].1) && setters.windows(2).any(|w| w[0].0 > w[1].0) {
        let names = |idx: &[(usize, usize)], old: bool| {
            idx.iter().map(|&(i, j)| if old { o.params[i].name.as_str() } else { n.params[j].name.as_str() }).collect::<Vec<_>>().join(", ")
        };
        let mut old_order = setters.clone();
        old_order.sort_unstable();
        cx.push(
            Rule::ParametersReordered,
            at(n, None),
            format!("setters ({}) → ({})", names(&old_order, true), names(&setters, false)),
            Impact::None,
            Impact::None,
            "setters are named: their order does not matter",
        );
    }
    let pairs = arguments;
    if by_new.windows(2).any(|w| w[0].1 > w[1].1) {
        let names = |op: &Operation, idx: Vec<usize>| idx.iter().map(|&i| op.params[i].name.as_str()).collect::<Vec<_>>().join(", ");
        let old_order = names(o, pairs.iter().map(|&(i, _)| i).collect());
        let new_order = names(n, by_new.iter().map(|&(j, _)| j).collect());
        let arg = |p: &Param| (p.ty.to_string(), p.required);
        let old_args: Vec<_> = pairs.iter().map(|&(i, _)| arg(&o.params[i])).collect();
        let new_args: Vec<_> = by_new.iter().map(|&(j, _)| arg(&n.params[j])).collect();
        let same_types = old_args == new_args;
        let why = if same_types {
            "arguments are positional and these have the same types: calls still compile and pass values in the wrong place"
        } else {
            "arguments are positional: calls passing them in the old order stop compiling"
        };
        cx.push(Rule::ParametersReordered, at(n, None), format!("({old_order}) → ({new_order})"), Impact::Major, Impact::None, why);
    }
    for (_, q) in n.params.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        let opt = if q.required { "" } else { "?" };
        let detail = format!("`{}{opt}: {}` (`{}`)", q.name, q.ty, q.wire);
        if q.required {
            cx.push(
                Rule::RequiredParameterAdded,
                at(n, part(q)),
                detail,
                Impact::Major,
                Impact::Major,
                "a new argument of the method, and one old clients never send although the server now requires it",
            );
        } else {
            cx.push(
                Rule::ParameterAdded,
                at(n, part(q)),
                detail,
                Impact::Minor,
                Impact::Minor,
                "a new setter on the builder; old clients leave the parameter out, which the server allows",
            );
        }
    }
    for (_, p) in o.params.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        let opt = if p.required { "" } else { "?" };
        cx.push(
            Rule::ParameterRemoved,
            at(n, part(p)),
            format!("`{}{opt}: {}` (`{}`)", p.name, p.ty, p.wire),
            Impact::Major,
            Impact::None,
            if p.required {
                "calls passing the argument stop compiling; old clients still send it and servers ignore what they do not know"
            } else {
                "calls to the setter stop compiling; old clients still send the parameter and servers ignore what they do not know"
            },
        );
    }
}

/// How a body is taken: a required JSON or form body is borrowed, a multipart or optional one
/// owned, text and bytes are `String` and `Upload` whatever the schema.
fn body_arg(b: &Body) -> (u8, Option<&Ty>) {
    match MediaKind::of(&b.content_type) {
        MediaKind::Json | MediaKind::Form if b.required => (0, Some(&b.ty)),
        MediaKind::Json | MediaKind::Form | MediaKind::Multipart => (1, Some(&b.ty)),
        MediaKind::Text | MediaKind::EventStream => (2, None),
        MediaKind::Binary => (3, None),
    }
}

fn essence(media: &str) -> String {
    media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

fn body(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let part = || Some("body".to_owned());
    match (&o.body, &n.body) {
        (None, None) => {}
        (None, Some(b)) => {
            let opt = if b.required { "" } else { "?" };
            let (rust, why) = if b.required {
                (Impact::Major, "a new argument of the method, and a body old clients never send although the server now requires it")
            } else {
                (Impact::Minor, "a new `body` setter on the builder; old clients send no body, which is allowed")
            };
            cx.push(
                Rule::BodyAdded,
                at(n, part()),
                format!("`body{opt}: {}` ({})", b.ty, b.content_type),
                rust,
                Impact::major_if(b.required, Impact::Minor),
                why,
            );
        }
        (Some(b), None) => cx.push(
            Rule::BodyRemoved,
            at(n, part()),
            format!("`{}` ({})", b.ty, b.content_type),
            Impact::Major,
            Impact::None,
            "calls passing the body (argument or setter) stop compiling; servers ignore a body they do not expect",
        ),
        (Some(a), Some(b)) => {
            let (ka, ta) = body_arg(a);
            let (kb, tb) = body_arg(b);
            if essence(&a.content_type) != essence(&b.content_type) {
                let rust = Impact::major_if(ka != kb, Impact::None);
                let why = if ka != kb {
                    "the argument's type changes, and old clients send a content type the server may refuse"
                } else {
                    "old clients send a content type the server may refuse"
                };
                cx.push(
                    Rule::BodyMediaChanged,
                    at(n, part()),
                    format!("`{}` → `{}`", a.content_type, b.content_type),
                    rust,
                    Impact::Major,
                    why,
                );
            }
            if !cx.same_ty(&a.ty, &b.ty) {
                let rust = Impact::major_if(ka != kb || ta.is_some() || tb.is_some(), Impact::None);
                let breaks = !cx.new_reads_old(&b.ty, &a.ty);
                let why = match (rust, breaks) {
                    (Impact::Major, true) => {
                        format!("the argument's type changes, and the server may refuse the `{}` old clients send", a.ty)
                    }
                    (Impact::Major, false) => format!("the argument's type changes; every `{}` old clients send reads as `{}`", a.ty, b.ty),
                    (_, true) => "the argument is text or bytes either way, but the server may refuse what old clients send".to_owned(),
                    _ => "the argument is text or bytes either way".to_owned(),
                };
                cx.push(
                    Rule::BodyTypeChanged,
                    at(n, part()),
                    format!("`{}` → `{}`", a.ty, b.ty),
                    rust,
                    Impact::major_if(breaks, Impact::None),
                    why,
                );
            }
            match (a.required, b.required) {
                (false, true) => cx.push(
                    Rule::BodyRequired,
                    at(n, part()),
                    "",
                    Impact::Major,
                    Impact::Major,
                    "the builder's `body` setter becomes an argument of the method, and old clients may send no body where one is now required",
                ),
                (true, false) => cx.push(
                    Rule::BodyOptional,
                    at(n, part()),
                    "",
                    Impact::Major,
                    Impact::None,
                    "the method's `body` argument becomes a setter on the builder; old clients always send a body, which is still accepted",
                ),
                _ => {}
            }
        }
    }
}

/// The Rust type of a documented answer's body: typed JSON, `String` for text, `Bytes` for bytes,
/// an `EventStream` of the data's type for server-sent events.
fn rust_body(r: &Response) -> Option<Ty> {
    let body = r.body.as_ref()?;
    Some(match r.media.as_deref().map(MediaKind::of) {
        Some(MediaKind::Text) => Ty::Prim("String"),
        Some(MediaKind::Binary) => Ty::Prim("Bytes"),
        Some(MediaKind::EventStream) => Ty::Named(format!("EventStream<{body}>")),
        _ => body.clone(),
    })
}

/// The success type as the method returns it, the media of the first successful body aside.
fn success_ty(op: &Operation) -> Option<Ty> {
    let ok = op.ok.clone()?;
    let first = op.responses.iter().find(|r| r.error.is_none() && r.body.is_some());
    Some(first.and_then(rust_body).unwrap_or(ok))
}

fn success(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let part = || Some("->".to_owned());
    let (a, b) = (success_ty(o), success_ty(n));
    let same = match (&a, &b) {
        (Some(a), Some(b)) => cx.same_ty(a, b),
        (None, None) => true,
        _ => false,
    };
    if !same {
        let show = |t: &Option<Ty>| t.as_ref().map_or_else(|| "()".to_owned(), ToString::to_string);
        let (breaks, why) = match (&a, &b) {
            (Some(a), Some(b)) if cx.old_reads_new(a, b) => {
                (false, format!("the method returns a new type; old clients still decode a `{b}` as `{a}`"))
            }
            (Some(a), Some(b)) => (true, format!("the method returns a new type, and old clients cannot decode a `{b}` as `{a}`")),
            (None, _) => (false, "the method returns a new type; old clients ignore the body".to_owned()),
            (Some(_), None) => (true, "the method returns `()`, and old clients expect a body the server no longer sends".to_owned()),
        };
        cx.push(
            Rule::SuccessTypeChanged,
            at(n, part()),
            format!("`{}` → `{}`", show(&a), show(&b)),
            Impact::Major,
            Impact::major_if(breaks, Impact::None),
            why,
        );
    }
    if o.ok.is_some() && n.ok.is_some() && o.ok_optional != n.ok_optional {
        let detail = if n.ok_optional { "now an `Option`" } else { "no longer an `Option`" };
        cx.push(
            Rule::SuccessOptional,
            at(n, part()),
            detail,
            Impact::Major,
            Impact::None,
            "the success type changes as 2xx answers without a body are documented or dropped; statuses are their own changes",
        );
    }
}

fn stream(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let part = || Some("stream".to_owned());
    match (&o.stream, &n.stream) {
        (None, None) => {}
        (None, Some(s)) => cx.push(
            Rule::StreamAdded,
            at(n, part()),
            format!("`{}` ({})", s.item, s.how),
            Impact::Minor,
            Impact::None,
            "the builder gains `stream()`, every item of every page",
        ),
        (Some(s), None) => cx.push(
            Rule::StreamRemoved,
            at(n, part()),
            format!("`{}` ({})", s.item, s.how),
            Impact::Major,
            Impact::None,
            "code calling `stream()` stops compiling; the answers no longer say how to get the next page",
        ),
        (Some(a), Some(b)) => {
            let item = !cx.same_ty(&a.item, &b.item);
            let how = a.how != b.how;
            if item || how {
                let why = match (item, how) {
                    (true, true) => "the stream yields another type, and old clients ask for the next page the old way",
                    (true, false) => "the stream yields another type",
                    _ => "old clients' `stream()` asks for the next page the old way",
                };
                cx.push(
                    Rule::StreamChanged,
                    at(n, part()),
                    format!("`{}` ({}) → `{}` ({})", a.item, a.how, b.item, b.how),
                    Impact::major_if(item, Impact::None),
                    Impact::major_if(how, Impact::None),
                    why,
                );
            }
        }
    }
}

/// A documented status covers `status` when it is the same, or its range (`2XX` covers `201`).
fn covers(documented: &[&Response], status: &str) -> bool {
    documented
        .iter()
        .any(|r| r.status == status || (r.status.ends_with("XX") && status.len() == 3 && status.as_bytes()[0] == r.status.as_bytes()[0]))
}

fn responses(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let part = |r: &Response| Some(r.status.clone());
    let key = |r: &Response| (r.status.clone(), r.error.is_some());
    let old_keys: HashMap<(String, bool), &Response> = o.responses.iter().map(|r| (key(r), r)).collect();
    let new_keys: HashMap<(String, bool), &Response> = n.responses.iter().map(|r| (key(r), r)).collect();
    for r in &o.responses {
        let Some(s) = new_keys.get(&key(r)) else { continue };
        let media_kind = |r: &Response| r.media.as_deref().map(MediaKind::of).unwrap_or(MediaKind::Json);
        if r.body.is_some() && s.body.is_some() && media_kind(r) != media_kind(s) {
            let show = |r: &Response| r.media.clone().unwrap_or_else(|| "JSON".to_owned());
            cx.push(
                Rule::ResponseMediaChanged,
                at(n, part(s)),
                format!("{} → {}", show(r), show(s)),
                Impact::major_if(rust_body(r) != rust_body(s), Impact::None),
                Impact::Major,
                "old clients decode the body the old way",
            );
        }
        if let (Some((_, v)), Some((_, w))) = (&r.error, &s.error) {
            if v != w {
                cx.push(
                    Rule::VariantRenamed,
                    at(n, part(s)),
                    format!("`{}::{v}` → `{}::{w}`", o.error_name(), n.error_name()),
                    Impact::Major,
                    Impact::None,
                    "code matching the error variant stops compiling",
                );
            }
            let (a, b) = (rust_body(r), rust_body(s));
            let same = match (&a, &b) {
                (Some(a), Some(b)) => cx.same_ty(a, b),
                (None, None) => true,
                _ => false,
            };
            if same && r.body.is_some() && r.boxed != s.boxed {
                let detail = if s.boxed { "now boxed" } else { "no longer boxed" };
                cx.push(
                    Rule::BoxChanged,
                    at(n, part(s)),
                    detail,
                    Impact::Major,
                    Impact::None,
                    "the error variant's payload gains or loses a `Box` (the other error bodies' sizes changed); its JSON is the same",
                );
            }
            if !same || !opt_same(cx, &r.body, &s.body) {
                let show = |r: &Response| match (&r.body, r.boxed) {
                    (None, _) => "no body".to_owned(),
                    (Some(t), false) => t.to_string(),
                    (Some(t), true) => format!("Box<{t}>"),
                };
                let breaks = match (&r.body, &s.body) {
                    (Some(a), Some(b)) => !cx.old_reads_new(a, b),
                    (Some(_), None) => true,
                    _ => false,
                };
                let why = match (same, breaks) {
                    (false, true) => "the variant holds a new type, and old clients cannot decode the new error body",
                    (false, false) => "the variant holds a new type; old clients still decode the error body",
                    (true, true) => "the Rust type is the same, but old clients cannot decode the new error body",
                    (true, false) => "the variant's Rust type is the same either way",
                };
                cx.push(
                    Rule::ErrorTypeChanged,
                    at(n, part(s)),
                    format!("`{}` → `{}`", show(r), show(s)),
                    Impact::major_if(!same, Impact::None),
                    Impact::major_if(breaks, Impact::None),
                    why,
                );
            }
        }
    }
    let removed: Vec<&Response> = o.responses.iter().filter(|r| !new_keys.contains_key(&key(r))).collect();
    let added: Vec<&Response> = n.responses.iter().filter(|r| !old_keys.contains_key(&key(r))).collect();
    let old_successes: Vec<&Response> = o.responses.iter().filter(|r| r.error.is_none()).collect();
    let mut removed_errors = removed.iter().filter(|r| r.error.is_some());
    let mut added_errors = added.iter().filter(|r| r.error.is_some()).peekable();
    for r in removed_errors.by_ref() {
        match added_errors.next() {
            Some(s) => cx.push(
                Rule::ErrorStatusMoved,
                at(n, part(s)),
                format!("{} → {}", r.status, s.status),
                Impact::Major,
                Impact::Major,
                "the error variant changes, and old clients matching it get the new status as `Error::UnexpectedStatus`",
            ),
            None => cx.push(
                Rule::ErrorStatusRemoved,
                at(n, part(r)),
                format!("`{}::{}`", o.error_name(), r.error.as_ref().map(|e| e.1.as_str()).unwrap_or_default()),
                Impact::Major,
                Impact::None,
                "code matching the variant stops compiling; old clients still decode the status if it comes",
            ),
        }
    }
    for s in added_errors {
        cx.push(
            Rule::ErrorStatusAdded,
            at(n, part(s)),
            format!("`{}::{}`", n.error_name(), s.error.as_ref().map(|e| e.1.as_str()).unwrap_or_default()),
            Impact::Major,
            Impact::None,
            "a new variant breaks exhaustive matches on the error enum; old clients get the status as `Error::UnexpectedStatus`, still an error",
        );
    }
    for s in added.iter().filter(|r| r.error.is_none()) {
        let known = covers(&old_successes, &s.status);
        let why = if known {
            "a documented range already covered the status"
        } else {
            "old clients report this successful answer as `Error::UnexpectedStatus`"
        };
        cx.push(Rule::SuccessStatusAdded, at(n, part(s)), "", Impact::None, Impact::major_if(!known, Impact::None), why);
    }
    for r in removed.iter().filter(|r| r.error.is_none()) {
        cx.push(
            Rule::SuccessStatusRemoved,
            at(n, part(r)),
            "",
            Impact::None,
            Impact::None,
            "old clients still know every status the server sends",
        );
    }
}

fn opt_same(cx: &Cx<'_>, a: &Option<Ty>, b: &Option<Ty>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => cx.same_ty(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn security(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let set = |alts: &[Vec<String>]| -> Vec<Vec<String>> {
        let mut alts: Vec<Vec<String>> = alts
            .iter()
            .map(|a| {
                let mut a = a.clone();
                a.sort();
                a
            })
            .collect();
        if alts.is_empty() {
            alts.push(Vec::new());
        }
        alts.sort();
        alts.dedup();
        alts
    };
    let (a, b) = (set(&o.security), set(&n.security));
    if a == b {
        return;
    }
    // Old clients hold the credentials of one old alternative: the new server must accept them.
    let refused: Vec<&Vec<String>> = a.iter().filter(|creds| !b.iter().any(|alt| alt.iter().all(|s| creds.contains(s)))).collect();
    let show = |alts: &[Vec<String>]| {
        alts.iter().map(|alt| if alt.is_empty() { "none".to_owned() } else { alt.join(" + ") }).collect::<Vec<_>>().join(" | ")
    };
    let breaks = !refused.is_empty();
    let why = if !breaks {
        "every old way to authenticate is still accepted".to_owned()
    } else {
        let refused: Vec<String> =
            refused.iter().map(|alt| if alt.is_empty() { "no credentials".to_owned() } else { alt.join(" + ") }).collect();
        format!("old clients authenticating with {} are refused", refused.join(" or "))
    };
    cx.push(
        Rule::SecurityChanged,
        at(n, Some("security".to_owned())),
        format!("{} → {}", show(&a), show(&b)),
        Impact::None,
        Impact::major_if(breaks, Impact::Minor),
        why,
    );
}

pub(super) fn webhooks(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old, cx.new);
    let mut taken = vec![false; new.webhooks.len()];
    for w in &old.webhooks {
        let found = new.webhooks.iter().position(|n| n.name == w.name).or_else(|| new.webhooks.iter().position(|n| n.key == w.key));
        let Some(j) = found.filter(|&j| !taken[j]) else {
            cx.push(
                Rule::WebhookRemoved,
                Location::Webhook(w.name.clone()),
                format!("`{}`", w.key),
                Impact::Major,
                Impact::None,
                "code naming the payload type stops compiling; the API stops sending the request, which breaks no client",
            );
            continue;
        };
        taken[j] = true;
        let v = &new.webhooks[j];
        let mut detail = Vec::new();
        let mut rust = Impact::None;
        let mut breaks = false;
        if w.name != v.name {
            detail.push(format!("`{}` → `{}`", w.name, v.name));
            rust = Impact::Major;
        }
        let (a, b) = (w.body.as_ref().map(|b| &b.0), v.body.as_ref().map(|b| &b.0));
        if !match (a, b) {
            (Some(a), Some(b)) => cx.same_ty(a, b),
            (None, None) => true,
            _ => false,
        } {
            let show = |t: Option<&Ty>| t.map_or_else(|| "no body".to_owned(), ToString::to_string);
            detail.push(format!("payload `{}` → `{}`", show(a), show(b)));
            rust = Impact::Major;
            breaks |= match (a, b) {
                (Some(a), Some(b)) => !cx.old_reads_new(a, b),
                (None, Some(_)) => false,
                _ => true,
            };
        }
        if w.method != v.method || w.url != v.url || w.body.as_ref().map(|b| essence(&b.1)) != v.body.as_ref().map(|b| essence(&b.1)) {
            detail.push("method, URL or content type".to_owned());
            breaks = true;
        }
        if !detail.is_empty() {
            let why = if breaks {
                "old handlers cannot decode every request the API may now send"
            } else {
                "old handlers still decode the payload"
            };
            cx.push(
                Rule::WebhookChanged,
                Location::Webhook(v.name.clone()),
                detail.join(", "),
                rust,
                Impact::major_if(breaks, Impact::None),
                why,
            );
        }
    }
    for (j, v) in new.webhooks.iter().enumerate() {
        if !taken[j] {
            cx.push(
                Rule::WebhookAdded,
                Location::Webhook(v.name.clone()),
                format!("`{}`", v.key),
                Impact::Minor,
                Impact::Minor,
                "a new payload type",
            );
        }
    }
}

impl Operation {
    /// The name of the operation's error enum, as its answers show it.
    fn error_name(&self) -> String {
        self.responses
            .iter()
            .find_map(|r| r.error.as_ref().map(|e| e.0.clone()))
            .unwrap_or_else(|| format!("{}Error", crate::naming::camel(&self.name)))
    }
}

/// `404`, `4XX`, `default`, as the surface writes a status.
pub(super) fn status_text(status: crate::model::Status) -> String {
    match status {
        crate::model::Status::Code(c) => c.to_string(),
        crate::model::Status::Range(r) => format!("{r}XX"),
        crate::model::Status::Default => "default".to_owned(),
    }
}
