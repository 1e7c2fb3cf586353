//! Security schemes and requirements: which credential goes where, for which operation.

use openapiv3::{APIKeyLocation, OpenAPI, SecurityRequirement, SecurityScheme as Spec};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::lower::refs::resolve;
use crate::model::{ApiKeyLocation, SchemeId, SchemeKind, SecurityScheme};
use crate::naming::CLIENT_METHODS;
use crate::naming::{Scope, snake};

pub(crate) fn schemes(doc: &OpenAPI) -> Result<Vec<SecurityScheme>, Located> {
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
            // Both end in an access token sent as a bearer token; obtaining it is the user's flow.
            Spec::OAuth2 { description, .. } | Spec::OpenIDConnect { description, .. } => (SchemeKind::Bearer, description),
        };
        out.push(SecurityScheme {
            key: key.clone(),
            rust_name: names.claim(snake(key)),
            kind,
            description: description.clone(),
        });
    }
    Ok(out)
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
