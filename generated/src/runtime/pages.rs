//! Paged answers as a stream of items, fetched lazily, one page at a time.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use reqwest::header::{HeaderMap, LINK};

use super::call::Call;
use super::error::Error;
use super::response::ResponseValue;

/// How an operation turns a page into its items and the request for the next page (`None`
/// after the last), given the answer and a copy of the request that fetched it.
pub type Turn<B, S, T, H = ()> = fn(ResponseValue<S, H>, B) -> (Vec<T>, Option<B>);

/// Every item of every page of a list operation, as a [`Stream`]: pages are fetched as the
/// items are asked for, and not before.
///
/// The stream ends after the last page (the API says there is no next one), after a page
/// without items, or after an error: a page that fails yields one `Err` and nothing follows it;
/// the items yielded before it stay yielded. Use it with `futures::StreamExt`
/// (`.next()`, `.take(n)`, `.try_collect()`), or on its own with [`Pages::next`]:
///
/// ```ignore
/// let mut pages = client.list_customers().limit(100).stream();
/// while let Some(customer) = pages.next().await {
///     println!("{}", customer?.id);
/// }
/// ```
#[must_use = "a stream fetches nothing until it is polled"]
pub struct Pages<'a, T, E> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send + 'a>>,
}

impl<T, E> std::fmt::Debug for Pages<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// The pages of one operation, as a hand-written stream: the items of the current page not yet
/// yielded, the call fetching the next page (with a copy of its request), and the request for
/// the page after.
struct Paging<'a, B, S, T, E, H> {
    items: std::vec::IntoIter<T>,
    pending: Option<(Call<'a, S, E, H>, B)>,
    next: Option<B>,
    send: fn(B) -> Call<'a, S, E, H>,
    turn: Turn<B, S, T, H>,
}

// No field is ever pinned in place: the call is boxed, the rest is moved freely.
impl<B, S, T, E, H> Unpin for Paging<'_, B, S, T, E, H> {}

impl<B: Clone, S, T, E, H> Stream for Paging<'_, B, S, T, E, H> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            let Some((mut call, request)) = this.pending.take() else {
                let Some(request) = this.next.take() else { return Poll::Ready(None) };
                this.pending = Some(((this.send)(request.clone()), request));
                continue;
            };
            match Pin::new(&mut call).poll(cx) {
                Poll::Pending => {
                    this.pending = Some((call, request));
                    return Poll::Pending;
                }
                // `next` is empty while a page is fetched: after an error, the stream ends.
                Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Ok(page)) => {
                    let (items, next) = (this.turn)(page, request);
                    // A page without items ends the stream, whatever it says of the next.
                    this.next = if items.is_empty() { None } else { next };
                    this.items = items.into_iter();
                }
            }
        }
    }
}

/// The stream that sends `first` (a builder) with `send`, then each next request `turn` gives
/// back with a page. A free function, as `runtime::call` says why.
#[doc(hidden)]
pub fn pages<'a, T, E, B, S, H>(first: B, send: fn(B) -> Call<'a, S, E, H>, turn: Turn<B, S, T, H>) -> Pages<'a, T, E>
where
    T: Send + 'a,
    E: Send + 'a,
    B: Clone + Send + 'a,
    S: Send + 'a,
    H: Send + 'a,
{
    let paging = Paging { items: Vec::new().into_iter(), pending: None, next: Some(first), send, turn };
    Pages { inner: Box::pin(paging) }
}

impl<T, E> Pages<'_, T, E> {
    /// The next item, fetching the next page when this one is used up; `None` at the end.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }
}

impl<T, E> Stream for Pages<'_, T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

/// The `rel="next"` target of an answer's `Link` headers (RFC 8288), resolved against `base`,
/// when it is on `base`'s origin: credentials are sent with it, so a link elsewhere is not
/// followed.
pub fn next_link(headers: &HeaderMap, base: &str) -> Option<String> {
    let base = reqwest::Url::parse(&format!("{}/", base.trim_end_matches('/'))).ok()?;
    let target = headers.get_all(LINK).iter().filter_map(|v| v.to_str().ok()).flat_map(split_links).find_map(|link| {
        let (target, params) = link.split_once('>')?;
        let target = target.trim().strip_prefix('<')?;
        let next = params.split(';').filter_map(|p| p.split_once('=')).any(|(name, value)| {
            name.trim().eq_ignore_ascii_case("rel")
                && value.trim().trim_matches('"').split_ascii_whitespace().any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        next.then_some(target)
    })?;
    let url = base.join(target).ok()?;
    (url.origin() == base.origin()).then(|| url.into())
}

/// The links of one `Link` header value: split at the commas outside `<…>` and quotes.
fn split_links(value: &str) -> Vec<&str> {
    let (mut out, mut start, mut in_target, mut in_quotes) = (Vec::new(), 0, false, false);
    for (i, c) in value.char_indices() {
        match c {
            '<' if !in_quotes => in_target = true,
            '>' if !in_quotes => in_target = false,
            '"' if !in_target => in_quotes = !in_quotes,
            ',' if !in_target && !in_quotes => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&value[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn link(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(LINK, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_next_link_is_found_among_others() {
        let headers = link(r#"<https://api.github.com/r?page=2>; rel="next", <https://api.github.com/r?page=5>; rel="last""#);
        assert_eq!(next_link(&headers, "https://api.github.com").as_deref(), Some("https://api.github.com/r?page=2"));
        let headers = link(r#"<https://api.github.com/r?page=1>; rel="prev first""#);
        assert_eq!(next_link(&headers, "https://api.github.com"), None);
        assert_eq!(next_link(&HeaderMap::new(), "https://api.github.com"), None);
    }

    #[test]
    fn relative_links_resolve_against_the_base_and_other_origins_are_refused() {
        let headers = link(r#"</v3/items?cursor=a,b>; title="x, y"; rel=next"#);
        assert_eq!(next_link(&headers, "http://127.0.0.1:8080/v3").as_deref(), Some("http://127.0.0.1:8080/v3/items?cursor=a,b"));
        let elsewhere = link(r#"<https://evil.example/steal>; rel="next""#);
        assert_eq!(next_link(&elsewhere, "https://api.example.com"), None);
    }

    /// A page of numbers as the server would send it.
    fn page(items: &[u32]) -> ResponseValue<Vec<u32>> {
        let body = serde_json::to_vec(items).unwrap().into();
        let raw = crate::runtime::RawResponse::new(reqwest::StatusCode::OK, HeaderMap::new(), body);
        raw.json::<Vec<u32>, ()>().unwrap()
    }

    /// Requests are page numbers; page 3 fails, and so does an unexpected page 9.
    fn send(number: u32) -> Call<'static, Vec<u32>, ()> {
        let answer = match number {
            3 | 9 => Err(Error::Middleware(anyhow::anyhow!("page {number} failed"))),
            4.. => Ok(page(&[])),
            n => Ok(page(&[n * 10, n * 10 + 1])),
        };
        Call { inner: Box::pin(async move { answer }) }
    }

    fn turn(page: ResponseValue<Vec<u32>>, number: u32) -> (Vec<u32>, Option<u32>) {
        (page.into_inner(), Some(number + 1))
    }

    async fn drain(mut pages: Pages<'_, u32, ()>) -> Vec<Result<u32, String>> {
        let mut out = Vec::new();
        while let Some(item) = pages.next().await {
            out.push(item.map_err(|e| e.to_string()));
        }
        out
    }

    #[tokio::test]
    async fn items_come_page_by_page_and_an_error_ends_the_stream() {
        let failed = Err("a middleware failed the request: page 3 failed".to_owned());
        assert_eq!(drain(pages(1, send, turn)).await, [Ok(10), Ok(11), Ok(20), Ok(21), failed]);
    }

    #[tokio::test]
    async fn an_empty_page_ends_the_stream() {
        // Page 4 is empty: page 9 would fail, but is never asked for.
        assert_eq!(drain(pages(4, send, turn)).await, []);
        let last = |page: ResponseValue<Vec<u32>>, _| (page.into_inner(), None);
        assert_eq!(drain(pages(2, send, last)).await, [Ok(20), Ok(21)]);
    }
}
