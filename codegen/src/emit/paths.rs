//! How the emitted code names what it does not define: std items by their short names (`Option`,
//! `String`, `From`, the derives) wherever nothing in the module hides them, and by their full
//! paths (`::core::option::Option`, `::std::string::String`) in a module that defines an item of
//! the same name, such as a `types` module with a schema called `Option`. So generated code reads
//! as usual and compiles whatever names a spec uses.
//!
//! Everything else is hygienic as written: crates and modules are named by lower-case paths
//! (`serde::`, `std::`, `crate::runtime::`, `types::`), which the spec's names (types, variants,
//! constants: never lower case) cannot hide; a spec's types are named `types::X` outside their
//! module; and a method's locals are names no parameter takes (`naming::METHOD_LOCALS`).

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{ToTokens as _, format_ident, quote};

/// Every std item the emitted code names by a bare name, with its full path: in `core` where it
/// is defined there, in `std` for the allocating ones.
const STD: &[(&str, &str)] = &[
    ("Box", "::std::boxed::Box"),
    ("Clone", "::core::clone::Clone"),
    ("Copy", "::core::marker::Copy"),
    ("Debug", "::core::fmt::Debug"),
    ("Default", "::core::default::Default"),
    ("Eq", "::core::cmp::Eq"),
    ("Err", "::core::result::Result::Err"),
    ("From", "::core::convert::From"),
    ("Future", "::core::future::Future"),
    ("Into", "::core::convert::Into"),
    ("IntoFuture", "::core::future::IntoFuture"),
    ("Hash", "::core::hash::Hash"),
    ("None", "::core::option::Option::None"),
    ("Ok", "::core::result::Result::Ok"),
    ("Option", "::core::option::Option"),
    ("PartialEq", "::core::cmp::PartialEq"),
    ("Result", "::core::result::Result"),
    ("Some", "::core::option::Option::Some"),
    ("String", "::std::string::String"),
    ("Vec", "::std::vec::Vec"),
];

/// How one generated module spells std items, its own types and its generic parameters.
pub(crate) struct Paths {
    /// Named types are written `types::X`: this is not the `types` module itself.
    pub qualified: bool,
    /// Named types are written `super::types::X` (or `super::super::types::X` for a depth of
    /// 2), with no import of `types`: a module of a grouped API, where the import would go
    /// unused in builds of some groups. 0: `types::X`, through the module's import.
    pub supers: usize,
    /// The std names that the module's own items hide.
    hidden: Vec<&'static str>,
    /// The generic parameters of `deserialize`, `serialize` and `decode`, `D`, `S` and `A`
    /// unless the module has a type of that name, which the parameter would hide inside the
    /// function.
    pub deserializer: syn::Ident,
    pub serializer: syn::Ident,
    pub map_access: syn::Ident,
}

impl Paths {
    /// For a module whose own items are called `names`; `qualified` outside the `types` module.
    pub fn new<'n>(qualified: bool, names: impl IntoIterator<Item = &'n str>) -> Self {
        let names: HashSet<&str> = names.into_iter().collect();
        let hidden = STD.iter().map(|(name, _)| *name).filter(|name| names.contains(name)).collect();
        let free = |base: &str| {
            let name = std::iter::once(base.to_owned())
                .chain((2..).map(|n| format!("{base}{n}")))
                .find(|candidate| !names.contains(candidate.as_str()))
                .expect("an unbounded counter always finds a free name");
            format_ident!("{}", name)
        };
        Self {
            qualified,
            supers: 0,
            hidden,
            deserializer: free("D"),
            serializer: free("S"),
            map_access: free("A"),
        }
    }

    /// These paths, naming types through `super::types` when `via_super`.
    pub fn through_super(self, via_super: bool) -> Self {
        Self { supers: usize::from(via_super), ..self }
    }

    /// These paths, for a module `depth` levels below the API's own, naming types through
    /// `super::…::types` when `via_super`.
    pub fn through_supers(self, via_super: bool, depth: usize) -> Self {
        Self { supers: if via_super { depth } else { 0 }, ..self }
    }

    /// Another module of the API (`errors`), as this module names it: through its import, or
    /// through `super::` where types are.
    pub fn module(&self, name: &str) -> TokenStream {
        let name = format_ident!("{name}");
        let supers = std::iter::repeat_n(quote!(super::), self.supers);
        quote!(#( #supers )* #name)
    }

    /// For a module that defines no item a std name could be mistaken for.
    pub fn plain(qualified: bool) -> Self {
        Self::new(qualified, [])
    }

    /// The std item `name` (one of [`STD`]) as this module must write it.
    pub fn std(&self, name: &str) -> TokenStream {
        if self.hidden.contains(&name) {
            self.text(name).parse().expect("std paths are valid Rust")
        } else {
            let known = STD.iter().any(|(n, _)| *n == name);
            assert!(known, "generator bug: `{name}` is not in emit::paths::STD");
            format_ident!("{}", name).into_token_stream()
        }
    }

    /// The std item `name` as text.
    pub fn text(&self, name: &str) -> String {
        let full = STD.iter().find(|(n, _)| *n == name).map(|(_, path)| *path);
        let full = full.unwrap_or_else(|| panic!("generator bug: `{name}` is not in emit::paths::STD"));
        if self.hidden.contains(&name) { full.to_owned() } else { name.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_names_are_short_unless_hidden() {
        let plain = Paths::plain(false);
        assert_eq!(plain.std("Option").to_string(), "Option");
        assert_eq!(plain.text("Option"), "Option");
        let shadowed = Paths::new(false, ["Option", "From", "D", "D2", "A", "Pet"]);
        assert_eq!(shadowed.std("Option").to_string(), ":: core :: option :: Option");
        assert_eq!(shadowed.std("From").to_string(), ":: core :: convert :: From");
        assert_eq!(shadowed.std("String").to_string(), "String");
        assert_eq!(shadowed.text("Option"), "::core::option::Option");
        let generics = [&shadowed.deserializer, &shadowed.serializer, &shadowed.map_access].map(ToString::to_string);
        assert_eq!(generics, ["D3", "S", "A2"]);
    }

    #[test]
    fn every_full_path_parses() {
        let all = Paths::new(false, STD.iter().map(|(name, _)| *name));
        for (name, _) in STD {
            syn::parse2::<syn::Path>(all.std(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
