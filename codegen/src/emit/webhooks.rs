//! Emits the `webhooks` module: for every request the API sends (webhook or callback), the
//! type of its body, named after it, so a handler can decode what arrives.

use quote::quote;

use crate::emit::docs::{Doc, code};
use crate::emit::{Paths, Pieces, ident, names_a_type, type_tokens};
use crate::model::{Api, Webhook};

pub(crate) fn webhooks_module(api: &Api) -> Pieces<'_> {
    let needs_types = api.webhooks.iter().filter_map(|w| w.payload.as_ref()).any(|b| names_a_type(&b.ty));
    let import = needs_types.then(|| {
        quote!(
            use super::types;
        )
    });
    let header = quote! {
        #![doc = " Requests the API sends to your endpoints (webhooks and callbacks): the type of each body,"]
        #![doc = " to decode what arrives, e.g. with `serde_json::from_slice`."]
        #import
    };
    // A webhook may be called `String`: its payload type would hide the std one.
    let paths = Paths::new(true, api.webhooks.iter().map(|w| w.rust_name.as_str()));
    Box::new(std::iter::once(header).chain(api.webhooks.iter().filter_map(move |w| webhook(api, &paths, w))))
}

fn webhook(api: &Api, paths: &Paths, webhook: &Webhook) -> Option<proc_macro2::TokenStream> {
    let payload = webhook.payload.as_ref()?;
    let name = ident(&webhook.rust_name);
    let ty = type_tokens(api, &payload.ty, paths);
    let sent = match &webhook.url {
        Some(url) => format!(
            "{} (callback {}), {}",
            code(&format!("{} {url}", webhook.http_method)),
            code(&webhook.name),
            code(&payload.content_type)
        ),
        None => format!("`{}` webhook {}, {}", webhook.http_method, code(&webhook.name), code(&payload.content_type)),
    };
    let doc = Doc::default()
        .prose(webhook.summary.as_deref())
        .prose(webhook.description.as_deref())
        .prose(payload.description.as_deref())
        .line(format!("Sent as {sent}."))
        .outer();
    Some(quote! { #doc pub type #name = #ty; })
}
