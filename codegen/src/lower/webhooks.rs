//! Requests the API sends rather than answers: 3.1 `webhooks` and operations' `callbacks`. Only
//! their bodies matter to a client crate: a user's handler decodes them with the generated types.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};

use crate::error::{Located, push_pointer};
use crate::lower::operations::Lowering;
use crate::model::{HttpMethod, Webhook};
use crate::naming::{Scope, camel};

impl<'a> Lowering<'a, '_> {
    /// Every webhook, then every callback of every operation, in spec order.
    pub fn webhooks(&mut self, webhooks: &'a IndexMap<String, PathItem>, doc: &'a OpenAPI) -> Result<Vec<Webhook>, Located> {
        let mut names = Scope::default();
        let mut out = Vec::new();
        for (name, item) in webhooks {
            let pointer = push_pointer("/webhooks", name);
            self.requests(&mut names, name, None, item, &pointer, &mut out)?;
        }
        for (path, item) in &doc.paths.paths {
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in item.iter() {
                let op_pointer = push_pointer(&push_pointer("/paths", path), method);
                let owner = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
                for (callback, urls) in &op.callbacks {
                    let cb_pointer = push_pointer(&push_pointer(&op_pointer, "callbacks"), callback);
                    for (url, item) in urls {
                        let name = format!("{owner} {callback}");
                        self.requests(&mut names, &name, Some(url), item, &push_pointer(&cb_pointer, url), &mut out)?;
                    }
                }
            }
        }
        Ok(out)
    }

    fn requests(
        &mut self,
        names: &mut Scope,
        name: &str,
        url: Option<&str>,
        item: &'a PathItem,
        pointer: &str,
        out: &mut Vec<Webhook>,
    ) -> Result<(), Located> {
        let several = item.iter().count() > 1;
        for (method, op) in item.iter() {
            let base = if several { format!("{name} {method}") } else { name.to_owned() };
            let rust_name = names.claim(camel(&base));
            let payload = self.body(op, &push_pointer(pointer, method), &rust_name)?;
            out.push(Webhook {
                rust_name,
                name: name.to_owned(),
                http_method: HttpMethod::of_key(method).expect("openapiv3 yields the path item's method keys"),
                url: url.map(str::to_owned),
                summary: op.summary.clone(),
                description: op.description.clone(),
                payload,
            });
        }
        Ok(())
    }
}
