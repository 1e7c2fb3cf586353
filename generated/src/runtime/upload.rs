//! What a client uploads as a binary body or a multipart file part: bytes in memory, an open
//! file or any stream of bytes, so a large upload never has to fit in memory.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use futures_core::Stream;
use futures_core::stream::TryStream;

/// Binary content to send: a binary request body (`application/octet-stream`, `image/png`, `*/*`…)
/// or a file part of a `multipart/form-data` body.
///
/// Bytes in memory convert into it (`Vec<u8>`, [`Bytes`], `&[u8]`, `String`, `&str`);
/// [`Upload::from_file`] and [`Upload::from_stream`] send their content as it is read, in chunks,
/// without holding it all.
///
/// A call whose body is in memory may be retried (see [`RetryPolicy`](crate::RetryPolicy)); a
/// file or a stream is read once, so such a call is sent once, whatever the policy. Clones of an
/// upload from a file or a stream share that one reading: the first call sent takes it, and a
/// later call with a clone fails with [`Error::Transport`](crate::Error::Transport).
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use generated::Upload;
/// let small = Upload::from(b"hello".to_vec());
/// let large = Upload::from_file(tokio::fs::File::open("video.mp4").await?).file_name("video.mp4");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Upload {
    content: Content,
    file_name: Option<String>,
}

#[derive(Clone)]
enum Content {
    Bytes(Bytes),
    /// Read once, by whichever clone is sent first.
    Stream(Arc<Mutex<Option<reqwest::Body>>>),
}

impl Upload {
    /// Sends the file's content from where it is positioned to its end, read in chunks as the
    /// request goes out.
    pub fn from_file(file: tokio::fs::File) -> Self {
        Self::from_stream(tokio_util::io::ReaderStream::new(file))
    }

    /// Sends each chunk of `stream` as it comes; an `Err` item fails the call.
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        let body = reqwest::Body::wrap_stream(stream);
        Self { content: Content::Stream(Arc::new(Mutex::new(Some(body)))), file_name: None }
    }

    /// The file name sent with a multipart file part (by default the field's name). A binary
    /// request body has no name: there it is not sent.
    pub fn file_name(self, name: impl Into<String>) -> Self {
        Self { file_name: Some(name.into()), ..self }
    }

    /// The content, when it is in memory.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.content {
            Content::Bytes(bytes) => Some(bytes),
            Content::Stream(_) => None,
        }
    }

    /// The multipart part of field `name`, labelled `application/octet-stream` as RFC 7578
    /// asks of file content whose media type is not known (some servers refuse a file part
    /// without one).
    #[doc(hidden)]
    pub fn part(self, name: &str) -> reqwest::multipart::Part {
        self.typed_part(name, "application/octet-stream")
    }

    /// The multipart part of field `name`, of media type `content_type` (the spec's
    /// `encoding`; the generator passes only well-formed ones).
    #[doc(hidden)]
    pub fn typed_part(mut self, name: &str, content_type: &str) -> reqwest::multipart::Part {
        let file_name = self.file_name.take().unwrap_or_else(|| name.to_owned());
        // A clone shares the bytes or the stream: the fallback costs no copy.
        let fallback = self.clone();
        // The body's own length (known for bytes in memory) becomes the part's.
        match reqwest::multipart::Part::stream(self).file_name(file_name.clone()).mime_str(content_type) {
            Ok(part) => part,
            Err(_) => reqwest::multipart::Part::stream(fallback).file_name(file_name),
        }
    }
}

/// Why an upload's second sending fails.
#[derive(Debug, thiserror::Error)]
#[error("this upload's file or stream was sent already, by another call with a clone of it")]
struct SentAlready;

impl From<Upload> for reqwest::Body {
    fn from(upload: Upload) -> Self {
        match upload.content {
            Content::Bytes(bytes) => bytes.into(),
            Content::Stream(shared) => {
                let taken = shared.lock().unwrap_or_else(PoisonError::into_inner).take();
                taken.unwrap_or_else(|| {
                    let failed: Result<Bytes, SentAlready> = Err(SentAlready);
                    reqwest::Body::wrap_stream(Once(Some(failed)))
                })
            }
        }
    }
}

/// A stream of one item.
struct Once<T>(Option<T>);

impl<T: Unpin> Stream for Once<T> {
    type Item = T;

    fn poll_next(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
        std::task::Poll::Ready(self.0.take())
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::from(bytes).into()
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Self { content: Content::Bytes(bytes), file_name: None }
    }
}

impl From<&[u8]> for Upload {
    fn from(bytes: &[u8]) -> Self {
        Bytes::copy_from_slice(bytes).into()
    }
}

impl<const N: usize> From<&[u8; N]> for Upload {
    fn from(bytes: &[u8; N]) -> Self {
        Bytes::copy_from_slice(bytes).into()
    }
}

impl From<&str> for Upload {
    fn from(text: &str) -> Self {
        Bytes::copy_from_slice(text.as_bytes()).into()
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        Bytes::from(text).into()
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Upload");
        match &self.content {
            Content::Bytes(bytes) => out.field("bytes", &bytes.len()),
            Content::Stream(_) => out.field("stream", &".."),
        };
        out.field("file_name", &self.file_name).finish()
    }
}

/// Uploads in memory are equal by content; a file or stream only to its own clones.
impl PartialEq for Upload {
    fn eq(&self, other: &Self) -> bool {
        let same = match (&self.content, &other.content) {
            (Content::Bytes(a), Content::Bytes(b)) => a == b,
            (Content::Stream(a), Content::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same && self.file_name == other.file_name
    }
}

/// As `Vec<u8>` would be, so that types holding an upload keep their derives; a file or stream
/// has no such form.
impl serde::Serialize for Upload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.content {
            Content::Bytes(bytes) => serializer.serialize_bytes(bytes),
            Content::Stream(_) => Err(serde::ser::Error::custom("an upload from a file or a stream cannot be serialized")),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Upload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<u8>::deserialize(deserializer).map(Upload::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_in_memory_compare_and_serialize_as_bytes() {
        let upload = Upload::from(vec![1u8, 2]);
        assert_eq!(upload, Upload::from(Bytes::from_static(&[1, 2])));
        assert_eq!(serde_json::to_string(&upload).unwrap(), "[1,2]");
        assert_eq!(serde_json::from_str::<Upload>("[1,2]").unwrap(), upload);
        assert_ne!(upload.clone().file_name("a.bin"), upload);
    }

    #[test]
    fn streams_are_equal_to_their_clones_only() {
        let stream = || Upload::from_stream(Once(Some(Ok::<_, std::io::Error>(Bytes::from_static(b"x")))));
        let one = stream();
        assert_eq!(one, one.clone());
        assert_ne!(one, stream());
        assert!(one.as_bytes().is_none());
        assert!(serde_json::to_string(&one).is_err());
        assert!(format!("{one:?}").contains("stream"));
    }
}
