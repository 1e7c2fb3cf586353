//! `securityDefinitions` → `components/securitySchemes`.

use serde_json::Value;

use super::{Located, Object, invalid, is_extension, pointer, slip};
use crate::error::push_pointer;
use crate::load::notes::Notes;

pub(super) fn schemes(defs: &Value, notes: &mut Notes) -> Result<Object, Located> {
    let Value::Object(defs) = defs else {
        return Err(invalid("/securityDefinitions", "`securityDefinitions` must be an object of security schemes"));
    };
    let mut out = Object::new();
    for (name, scheme) in defs {
        let at = push_pointer("/securityDefinitions", name);
        let Value::Object(scheme) = scheme else {
            return Err(invalid(at, "a security scheme must be an object"));
        };
        let mut converted = Object::new();
        let fields: &[&str] = match scheme.get("type").and_then(Value::as_str) {
            Some("basic") => {
                converted.insert("type".into(), "http".into());
                converted.insert("scheme".into(), "basic".into());
                &[]
            }
            Some("apiKey") => {
                converted.insert("type".into(), "apiKey".into());
                for key in ["name", "in"] {
                    if let Some(v) = scheme.get(key) {
                        converted.insert(key.into(), v.clone());
                    }
                }
                &["name", "in"]
            }
            Some("oauth2") => {
                converted.insert("type".into(), "oauth2".into());
                let (flow, body) = oauth2_flow(scheme, &at, notes)?;
                notes.moves.record(pointer("/components/securitySchemes", &[name, "flows", flow]), &at);
                let mut flows = Object::new();
                flows.insert(flow.into(), Value::Object(body));
                converted.insert("flows".into(), Value::Object(flows));
                &["flow", "authorizationUrl", "tokenUrl", "scopes"]
            }
            Some(other) => {
                return Err(invalid(
                    push_pointer(&at, "type"),
                    format!("`type: {other}` is not a Swagger 2.0 security scheme (basic, apiKey, oauth2)"),
                ));
            }
            None => return Err(invalid(at, "a security scheme needs a `type` string")),
        };
        if let Some(description) = scheme.get("description") {
            converted.insert("description".into(), description.clone());
        }
        for (key, v) in scheme {
            if is_extension(key) {
                converted.insert(key.clone(), v.clone());
            } else if !["type", "description"].contains(&key.as_str()) && !fields.contains(&key.as_str()) {
                slip(notes, push_pointer(&at, key), format!("`{key}` does not belong in this security scheme; dropped"));
            }
        }
        out.insert(name.clone(), Value::Object(converted));
    }
    Ok(out)
}

/// The one 3.0 flow of a 2.0 oauth2 scheme: its name and body.
fn oauth2_flow(scheme: &Object, at: &str, notes: &mut Notes) -> Result<(&'static str, Object), Located> {
    let authorization = scheme.get("authorizationUrl");
    let token = scheme.get("tokenUrl");
    let flow = match scheme.get("flow") {
        Some(Value::String(flow)) => flow.as_str(),
        Some(_) => return Err(invalid(push_pointer(at, "flow"), "`flow` must be a string")),
        None => {
            let guess = match (authorization, token) {
                (Some(_), Some(_)) => "accessCode",
                (Some(_), None) => "implicit",
                (None, Some(_)) => "application",
                (None, None) => return Err(invalid(at, "an oauth2 scheme needs a `flow`")),
            };
            slip(notes, at, format!("an oauth2 scheme without `flow`; read as `{guess}` from its URLs"));
            guess
        }
    };
    let (name, needs_authorization, needs_token) = match flow {
        "implicit" => ("implicit", true, false),
        "password" => ("password", false, true),
        "application" => ("clientCredentials", false, true),
        "accessCode" => ("authorizationCode", true, true),
        other => {
            return Err(invalid(
                push_pointer(at, "flow"),
                format!("`flow: {other}` is not a Swagger 2.0 oauth2 flow (implicit, password, application, accessCode)"),
            ));
        }
    };
    let mut body = Object::new();
    let urls = [("authorizationUrl", authorization, needs_authorization), ("tokenUrl", token, needs_token)];
    for (key, value, needed) in urls {
        match (value, needed) {
            (Some(v), true) => {
                body.insert(key.into(), v.clone());
            }
            (None, true) => return Err(invalid(at, format!("an oauth2 `{flow}` flow needs `{key}`"))),
            (Some(_), false) => {
                slip(notes, push_pointer(at, key), format!("`{key}` does not apply to the `{flow}` flow; dropped"));
            }
            (None, false) => {}
        }
    }
    let scopes = match scheme.get("scopes") {
        None => Object::new(),
        Some(Value::Object(scopes)) => scopes.clone(),
        Some(_) => {
            slip(notes, push_pointer(at, "scopes"), "`scopes` is not an object of scope → description; none are listed");
            Object::new()
        }
    };
    body.insert("scopes".into(), Value::Object(scopes));
    Ok((name, body))
}
