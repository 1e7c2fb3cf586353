//! A `tracing` subscriber that records every span and event with its fields, for tests to read.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use tracing_core::span::Current;

/// Field names and their values, as text.
pub type Fields = BTreeMap<String, String>;

#[derive(Debug, Clone)]
pub struct SpanRecord {
    pub name: String,
    pub fields: Fields,
    metadata: &'static Metadata<'static>,
}

#[derive(Debug, Clone)]
pub struct EventRecord {
    /// The module it was recorded in, e.g. `generated::runtime::trace::on`.
    pub target: String,
    /// The index (in `Recorded::spans`) of the span the event happened in.
    pub span: Option<usize>,
    pub fields: Fields,
}

#[derive(Default)]
pub struct Recorded {
    pub spans: Vec<SpanRecord>,
    pub events: Vec<EventRecord>,
    entered: Vec<usize>,
}

impl Recorded {
    /// The spans named `name`.
    pub fn spans_named(&self, name: &str) -> Vec<&SpanRecord> {
        self.spans.iter().filter(|s| s.name == name).collect()
    }

    /// The events the generated crate recorded (hyper records its own too).
    pub fn our_events(&self) -> Vec<&EventRecord> {
        self.events.iter().filter(|e| e.target.starts_with("generated::")).collect()
    }

    /// Every recorded value, span and event fields alike, to look for what must not be there.
    pub fn all_values(&self) -> Vec<&str> {
        let spans = self.spans.iter().flat_map(|s| s.fields.values());
        let events = self.events.iter().flat_map(|e| e.fields.values());
        spans.chain(events).map(String::as_str).collect()
    }
}

/// Clones record into the same place.
#[derive(Clone, Default)]
pub struct Recorder {
    recorded: Arc<Mutex<Recorded>>,
}

impl Recorder {
    pub fn recorded(&self) -> std::sync::MutexGuard<'_, Recorded> {
        self.recorded.lock().unwrap()
    }
}

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = Fields::new();
        attributes.record(&mut Collect(&mut fields));
        let mut recorded = self.recorded();
        let metadata = attributes.metadata();
        recorded.spans.push(SpanRecord { name: metadata.name().to_owned(), fields, metadata });
        Id::from_u64(recorded.spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let index = span.into_u64() as usize - 1;
        values.record(&mut Collect(&mut self.recorded().spans[index].fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut Collect(&mut fields));
        let mut recorded = self.recorded();
        let span = match event.parent() {
            Some(parent) => Some(parent.into_u64() as usize - 1),
            None if event.is_contextual() => recorded.entered.last().copied(),
            None => None,
        };
        recorded.events.push(EventRecord { target: event.metadata().target().to_owned(), span, fields });
    }

    fn enter(&self, span: &Id) {
        self.recorded().entered.push(span.into_u64() as usize - 1);
    }

    fn exit(&self, _: &Id) {
        self.recorded().entered.pop();
    }

    /// What `Span::current()` answers, which the runtime records into.
    fn current_span(&self) -> Current {
        let recorded = self.recorded();
        match recorded.entered.last() {
            Some(&index) => Current::new(Id::from_u64(index as u64 + 1), recorded.spans[index].metadata),
            None => Current::none(),
        }
    }
}
