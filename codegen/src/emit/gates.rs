//! The `#[cfg(feature = …)]` of each item of a grouped API (see `model::groups`).

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

use crate::model::{Api, Gate};

/// The attribute that compiles an item only under `gate`; nothing for [`Gate::Always`].
pub(crate) fn cfg(api: &Api, gate: &Gate) -> TokenStream {
    match gate {
        Gate::Always => TokenStream::new(),
        Gate::Whole => {
            let feature = &api.module;
            quote!(#[cfg(feature = #feature)])
        }
        Gate::Groups(groups) => {
            let features: Vec<String> = groups.iter().map(|g| api.group_feature(*g)).collect();
            match features.as_slice() {
                [one] => quote!(#[cfg(feature = #one)]),
                _ => quote!(#[cfg(any( #( feature = #features ),* ))]),
            }
        }
    }
}

/// `items` with `cfg` on each of them, after its doc comment. An item ends with a `;` or with a
/// `{ … }` that no `;` follows, which is how every item the emitters write ends.
pub(crate) fn gated(cfg: &TokenStream, items: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let mut out = TokenStream::new();
    let mut pending = true;
    let mut tokens = items.into_iter().peekable();
    while let Some(token) = tokens.next() {
        if pending {
            let doc = match (&token, tokens.peek()) {
                (TokenTree::Punct(p), Some(TokenTree::Group(g))) if p.as_char() == '#' => is_doc(g),
                _ => false,
            };
            if doc {
                out.extend([token]);
                out.extend(tokens.next());
                continue;
            }
            out.extend(cfg.clone());
        }
        let ends = match &token {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        out.extend([token]);
        pending = ends;
    }
    out
}

/// Whether an attribute's brackets hold a doc comment: `[doc = "…"]`.
fn is_doc(group: &Group) -> bool {
    group.delimiter() == Delimiter::Bracket && matches!(group.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_gated() {
        let cfg = quote!(#[cfg(feature = "a")]);
        let items = quote! {
            /// Doc.
            pub struct A { x: u8 }
            impl A { fn f() {} }
            pub const B: A = A { x: 1 };
            pub type C = [u8; 2];
        };
        let out = gated(&cfg, items).to_string();
        assert_eq!(out.matches("# [cfg (feature = \"a\")]").count(), 4, "{out}");
        assert!(out.starts_with("# [doc = r\" Doc.\"] # [cfg (feature = \"a\")] pub struct"), "after the doc comment: {out}");
        assert!(out.contains("} ; # [cfg"), "a `;` after braces ends the item: {out}");
    }
}
