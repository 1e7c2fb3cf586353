//! A `text/event-stream` answer read as it arrives: server-sent events, each with its data
//! decoded into the type the spec gives. Parsing is `eventsource-stream`'s; this module adds the
//! typing, and notices an event cut off by the end of the stream, which that parser drops.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use eventsource_stream::{EventStreamError, Eventsource};
use futures_core::Stream;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::call::BoxStream;
use super::error::Error;

/// One server-sent event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The event's type: its `event` field, `message` when it has none.
    pub event: String,
    /// The event's `data` (its lines joined by `\n`), decoded as the spec says.
    pub data: T,
    /// The last event ID: the latest `id` field the stream has sent so far, as the SSE
    /// standard keeps it. Send it back in `Last-Event-ID` to resume after a disconnection.
    pub id: Option<String>,
    /// The reconnection time this event asks for (its `retry` field).
    pub retry: Option<Duration>,
}

/// The events of a `text/event-stream` answer, as a [`Stream`] that reads the connection only
/// as events are asked for: what an operation with a streamed answer returns. `T` is the type of
/// each event's data (`String` when the spec gives no schema); `E` is the operation's error enum.
///
/// The stream ends when the server closes it after a complete event. An event cut off by the
/// end of the stream is an [`Error::Incomplete`] item and a broken connection an
/// [`Error::Transport`]; either is the last item. An event whose data does not decode is an
/// [`Error::Decode`] item, and the stream goes on. A `data: [DONE]` that does not decode (the
/// end marker of OpenAI and its imitators) ends the stream.
///
/// The client's timeout, if it has one, covers the whole stream: give a client without one to
/// calls that stream for long.
#[must_use = "an event stream reads nothing until it is polled"]
pub struct EventStream<T, E> {
    events: BoxStream<Result<eventsource_stream::Event, EventStreamError<Cut>>>,
    status: StatusCode,
    decode: fn(&str) -> Result<T, serde_json::Error>,
    done: bool,
    error: PhantomData<fn() -> E>,
}

impl<T: DeserializeOwned, E> EventStream<T, E> {
    /// The events of `response`, each `data` decoded from JSON.
    #[doc(hidden)]
    pub fn json(response: reqwest::Response) -> Self {
        Self::new(response, |data| serde_json::from_str(data))
    }
}

impl<E> EventStream<String, E> {
    /// The events of `response`, each `data` as it was sent.
    #[doc(hidden)]
    pub fn text(response: reqwest::Response) -> Self {
        Self::new(response, |data| Ok(data.to_owned()))
    }
}

impl<T, E> EventStream<T, E> {
    fn new(response: reqwest::Response, decode: fn(&str) -> Result<T, serde_json::Error>) -> Self {
        let status = response.status();
        let bytes = Ends { chunks: Box::pin(response.bytes_stream()), tail: Tail::default(), done: false };
        Self {
            events: Box::pin(bytes.eventsource()),
            status,
            decode,
            done: false,
            error: PhantomData,
        }
    }

    /// The typed event; `None` for the `[DONE]` marker, which ends the stream.
    fn event(&self, event: eventsource_stream::Event) -> Option<Result<Event<T>, Error<E>>> {
        let eventsource_stream::Event { event, data, id, retry } = event;
        match (self.decode)(&data) {
            Ok(value) => Some(Ok(Event { event, data: value, id: (!id.is_empty()).then_some(id), retry })),
            Err(_) if data.trim() == "[DONE]" => None,
            Err(source) => Some(Err(Error::Decode { status: self.status, body: Bytes::from(data), source })),
        }
    }

    fn failure(&self, error: EventStreamError<Cut>) -> Error<E> {
        match error {
            EventStreamError::Transport(Cut::Transport(e)) => Error::from(e),
            // The parser accepts any line; its errors would mean a stream it could not follow.
            EventStreamError::Transport(Cut::Incomplete) | EventStreamError::Parser(_) => Error::Incomplete { status: self.status },
            EventStreamError::Utf8(e) => {
                let source = e.utf8_error();
                Error::Text { status: self.status, body: Bytes::from(e.into_bytes()), source }
            }
        }
    }
}

impl<T, E> Stream for EventStream<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let item = match self.events.as_mut().poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(None) => None,
            Poll::Ready(Some(Ok(event))) => self.event(event),
            Poll::Ready(Some(Err(e))) => {
                self.done = true;
                Some(Err(self.failure(e)))
            }
        };
        self.done |= item.is_none();
        Poll::Ready(item)
    }
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").field("status", &self.status).finish_non_exhaustive()
    }
}

/// How the bytes of an event stream failed: the connection, or an event left unfinished.
#[derive(Debug)]
enum Cut {
    Transport(reqwest::Error),
    Incomplete,
}

/// The answer's bytes, passed on as they come, with one `Err(Cut::Incomplete)` at the end if
/// the last event was not finished by a blank line.
struct Ends {
    chunks: BoxStream<reqwest::Result<Bytes>>,
    tail: Tail,
    done: bool,
}

impl Stream for Ends {
    type Item = Result<Bytes, Cut>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.chunks.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Ok(chunk))) => {
                self.tail.scan(&chunk);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                self.done = true;
                Poll::Ready(Some(Err(Cut::Transport(e))))
            }
            Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(self.tail.unfinished().then_some(Err(Cut::Incomplete)))
            }
        }
    }
}

/// Where the stream stands in the event format: inside a line or between lines, and whether an
/// event has started that no blank line has finished yet.
#[derive(Debug, Default)]
struct Tail {
    in_line: bool,
    comment: bool,
    after_cr: bool,
    pending: bool,
}

impl Tail {
    fn scan(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            match byte {
                // The `\n` of a `\r\n`: the line ended at the `\r`.
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    // A line with a field starts (or goes on with) an event; a blank line ends it.
                    self.pending = if self.in_line { self.pending || !self.comment } else { false };
                    self.in_line = false;
                    self.after_cr = byte == b'\r';
                }
                _ => {
                    self.after_cr = false;
                    if !self.in_line {
                        self.in_line = true;
                        self.comment = byte == b':';
                    }
                }
            }
        }
    }

    /// Whether the stream stopped inside an event.
    fn unfinished(&self) -> bool {
        self.pending || (self.in_line && !self.comment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfinished(chunks: &[&str]) -> bool {
        let mut tail = Tail::default();
        chunks.iter().for_each(|c| tail.scan(c.as_bytes()));
        tail.unfinished()
    }

    #[test]
    fn events_finished_by_a_blank_line_are_complete() {
        assert!(!unfinished(&[]));
        assert!(!unfinished(&["data: a\n\n"]));
        assert!(!unfinished(&["data: a\r\n\r\n", "event: x\rdata: b\r\r"]));
        assert!(!unfinished(&["data: a\r", "\n\r", "\n"]));
        assert!(!unfinished(&[": keep-alive\n", ": partial comm"]));
    }

    #[test]
    fn an_event_cut_off_is_unfinished() {
        assert!(unfinished(&["data: a\n"]));
        assert!(unfinished(&["data: a\n\ndata: b"]));
        assert!(unfinished(&["data: a\n\nid: 7\n: comment\n"]));
        assert!(unfinished(&["data: a\r\n"]));
    }
}
