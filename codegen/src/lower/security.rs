//! Security schemes and requirements: which credential goes where, for which operation.

use openapiv3::{APIKeyLocation, OpenAPI, SecurityRequirement, SecurityScheme as Spec};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::lower::refs::resolve;
use crate::model::{ApiKeyLocation, Grant, OAuthFlow, OAuthScope, SchemeId, SchemeKind, ScopeEnum, SecurityScheme, SignIn, TokenSource};
use crate::naming::CLIENT_METHODS;
use crate::naming::{Scope, camel, shouty, snake, unraw};

/// The schemes, named in the client's methods; their constants and scope enums are claimed in
/// `root`, the API module's own names.
pub(crate) fn schemes(doc: &OpenAPI, root: &mut Scope) -> Result<Vec<SecurityScheme>, Located> {
    let Some(components) = &doc.components else { return Ok(Vec::new()) };
    let section = &components.security_schemes;
    // A scheme's setter is `with_<name>`: a name that would make one of the client's own
    // methods (`with_base_url`, `with_timeout`, …) takes another.
    let own: Vec<&str> = CLIENT_METHODS.iter().filter_map(|m| m.strip_prefix("with_")).collect();
    let mut names = Scope::with_reserved(&own);
    let mut out = Vec::with_capacity(section.len());
    for (key, scheme) in section {
        let pointer = push_pointer("/components/securitySchemes", key);
        let (scheme, _) = resolve(scheme, &pointer, "securitySchemes", Some(section))?;
        let rust_name = names.claim(snake(key));
        let (kind, description) = match scheme {
            Spec::HTTP { scheme, description, .. } => {
                let kind = match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => SchemeKind::Bearer,
                    "basic" => SchemeKind::Basic,
                    _ => SchemeKind::OtherHttp(scheme.clone()),
                };
                (kind, description)
            }
            Spec::APIKey { location, name, description, .. } => {
                let location = match location {
                    APIKeyLocation::Header => ApiKeyLocation::Header,
                    APIKeyLocation::Query => ApiKeyLocation::Query,
                    APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
                };
                (SchemeKind::ApiKey { location, name: name.clone() }, description)
            }
            // Both end in an access token sent as a bearer token; `sign_in` below says how to get one.
            Spec::OAuth2 { description, .. } | Spec::OpenIDConnect { description, .. } => (SchemeKind::Bearer, description),
        };
        let source = match scheme {
            Spec::OAuth2 { flows, .. } => flow_source(flows, &rust_name, root),
            Spec::OpenIDConnect { open_id_connect_url, .. } => Some(TokenSource::Discovery {
                url: open_id_connect_url.clone(),
                const_name: root.claim(shouty(&format!("{} discovery url", unraw(&rust_name)))),
            }),
            _ => None,
        };
        let sign_in = source.map(|source| {
            let scopes = match scheme {
                Spec::OAuth2 { flows, .. } => scopes(flows),
                _ => Vec::new(),
            };
            let scopes =
                (!scopes.is_empty()).then(|| ScopeEnum { name: root.claim(camel(&format!("{} scope", unraw(&rust_name)))), scopes });
            SignIn {
                // `with_` comes before it, as before the scheme's own setter (`_3d_model` → `with_3d_model_session`).
                session_setter: names.claim(format!("{}_session", unraw(&rust_name).trim_start_matches('_'))),
                source,
                scopes,
            }
        });
        out.push(SecurityScheme { key: key.clone(), rust_name, kind, description: description.clone(), sign_in });
    }
    Ok(out)
}

/// The flows a client can follow, each under a constant named for its scheme and grant; `None`
/// when there is none (an implicit flow only).
fn flow_source(flows: &openapiv3::OAuth2Flows, scheme: &str, root: &mut Scope) -> Option<TokenSource> {
    let found = [
        flows.authorization_code.as_ref().map(|f| (Grant::AuthorizationCode, Some(&f.authorization_url), &f.token_url, &f.refresh_url)),
        flows.client_credentials.as_ref().map(|f| (Grant::ClientCredentials, None, &f.token_url, &f.refresh_url)),
        flows.password.as_ref().map(|f| (Grant::Password, None, &f.token_url, &f.refresh_url)),
    ];
    let flows: Vec<OAuthFlow> = found
        .into_iter()
        .flatten()
        .map(|(grant, authorization_url, token_url, refresh_url)| OAuthFlow {
            grant,
            const_name: root.claim(shouty(&format!("{} {} flow", unraw(scheme), grant.key()))),
            authorization_url: authorization_url.cloned(),
            token_url: token_url.clone(),
            refresh_url: refresh_url.clone(),
        })
        .collect();
    (!flows.is_empty()).then_some(TokenSource::Flows(flows))
}

/// Every scope the flows list, once, with the first description given.
fn scopes(flows: &openapiv3::OAuth2Flows) -> Vec<OAuthScope> {
    let lists = [
        flows.authorization_code.as_ref().map(|f| &f.scopes),
        flows.client_credentials.as_ref().map(|f| &f.scopes),
        flows.password.as_ref().map(|f| &f.scopes),
        flows.implicit.as_ref().map(|f| &f.scopes),
    ];
    let mut variants = Scope::default();
    let mut out: Vec<OAuthScope> = Vec::new();
    for (name, description) in lists.into_iter().flatten().flatten() {
        if out.iter().all(|s| &s.name != name) {
            out.push(OAuthScope {
                name: name.clone(),
                variant: variants.claim(camel(name)),
                description: description.clone(),
            });
        }
    }
    out
}

/// Lowers `security` (alternatives of schemes applied together) to scheme indices.
pub(crate) fn requirements(
    requirements: &[SecurityRequirement],
    schemes: &[SecurityScheme],
    pointer: &str,
) -> Result<Vec<Vec<SchemeId>>, Located> {
    requirements
        .iter()
        .enumerate()
        .map(|(i, requirement)| {
            requirement
                .keys()
                .map(|name| {
                    schemes.iter().position(|s| &s.key == name).map(SchemeId).ok_or_else(|| {
                        Located::new(
                            ErrorKind::DanglingRef,
                            push_pointer(pointer, &i.to_string()),
                            format!("security requirement names `{name}`, which is not in components/securitySchemes"),
                        )
                    })
                })
                .collect()
        })
        .collect()
}
