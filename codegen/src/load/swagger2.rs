//! Swagger 2.0 → OpenAPI 3.0 (placeholder: being written).

use serde_json::Value;

use crate::error::Located;
use crate::load::notes::Notes;

pub(crate) fn upgrade(doc: Value, _notes: &mut Notes) -> Result<Value, Located> {
    Ok(doc)
}
